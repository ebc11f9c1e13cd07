import { randomBytes, randomInt } from 'node:crypto'

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** `length` chars of the base64url alphabet from a CSPRNG (ids must be unguessable like WeCom's). */
export function randomUrlSafe(length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (let i = 0; i < length; i++) out += URL_SAFE[(bytes[i] ?? 0) & 63]
  return out
}

export const randomHex = (length: number) => randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length)

/** A random decimal string of `length` digits with a non-zero first digit (nonces, echostr). */
export function randomDigits(length: number): string {
  let out = String(randomInt(1, 10))
  while (out.length < length) out += String(randomInt(0, 10))
  return out
}

// Id shapes follow CONTRACT §10 (observed formats).
export const newExternalUserId = () => `wm${randomUrlSafe(30)}`
export const newCorpTagId = () => `et${randomUrlSafe(30)}`
export const newConfigId = () => randomHex(32)
export const newWelcomeCode = () => randomUrlSafe(43)
export const newAccessToken = () => randomUrlSafe(128)
export const newMediaId = () => `3${randomUrlSafe(63)}`
export const newMsgId = () => randomUrlSafe(64)

export { URL_SAFE }
