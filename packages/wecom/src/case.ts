/**
 * The one place that maps WeCom wire keys (snake_case) to TypeScript keys (camelCase) and back.
 *
 * Rules, chosen so every key round-trips:
 * - a key without `_` is kept as it is (`userid`, `agentid`, `touser`, `invaliduser`, `picurl`);
 * - inside a multi-part key the WeCom word `userid` reads as `UserId`
 *   (`external_userid` ↔ `externalUserId`, `userid_list` ↔ `userIdList`);
 * - the few keys that break these rules are listed in WHOLE_KEY_EXCEPTIONS.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

// `remark_pic_mediaid` glues `mediaid` while `pic_media_id` does not (doc 92115 vs doc 92599).
const WHOLE_KEY_EXCEPTIONS: ReadonlyArray<readonly [wire: string, ts: string]> = [
  ['remark_pic_mediaid', 'remarkPicMediaId'],
]
const WIRE_TO_TS = new Map(WHOLE_KEY_EXCEPTIONS.map(([wire, ts]) => [wire, ts]))
const TS_TO_WIRE = new Map(WHOLE_KEY_EXCEPTIONS.map(([wire, ts]) => [ts, wire]))

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1)

/** `external_userid` → `externalUserId`. */
export const wireKeyToTs = (key: string): string => {
  const exception = WIRE_TO_TS.get(key)
  if (exception) return exception
  const parts = key.split('_')
  if (parts.length === 1) return key
  return parts
    .map((part, i) => {
      if (part === 'userid') return i === 0 ? 'userId' : 'UserId'
      return i === 0 ? part : capitalize(part)
    })
    .join('')
}

/** `externalUserId` → `external_userid`. */
export const tsKeyToWire = (key: string): string => {
  const exception = TS_TO_WIRE.get(key)
  if (exception) return exception
  const words = key.split(/(?=[A-Z])/).map((w) => w.toLowerCase())
  if (words.length === 1) return key
  const merged: string[] = []
  for (const word of words) {
    if (word === 'id' && merged.at(-1) === 'user') merged[merged.length - 1] = 'userid'
    else merged.push(word)
  }
  return merged.join('_')
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)

const convertKeys = (value: unknown, mapKey: (key: string) => string): unknown => {
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, mapKey))
  if (!isPlainObject(value)) return value
  // Object.fromEntries defines own properties, so a `__proto__` key cannot reach the prototype.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [mapKey(k), convertKeys(v, mapKey)]),
  )
}

/** Deep-converts a parsed WeCom JSON response to camelCase keys. */
export const fromWire = <T>(value: unknown): T => convertKeys(value, wireKeyToTs) as T

/** Deep-converts a camelCase request to WeCom's snake_case keys, dropping `undefined` values. */
export const toWire = (value: unknown): Json => convertKeys(value, tsKeyToWire) as Json
