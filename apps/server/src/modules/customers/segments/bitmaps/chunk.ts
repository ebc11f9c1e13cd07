import type { Expr } from '../expression'

/** Customer ids per chunk: chunk = id >> 16. A bitmap has one bit per id of its chunk, bit 0 first. */
export const CHUNK_BITS = 16
export const CHUNK_SIZE = 1 << CHUNK_BITS

/** Bitmap keys: a tag seq (> 0); `-d` for department d's subtree; 0 for every customer of the corp. */
export const EVERYONE = 0
export const departmentKey = (departmentId: number) => -departmentId

/** A boolean expression over bitmap keys. */
export type KeyExpr = Expr<{ key: number }>

/** A chunk's rows as repo.chunkRows gives them: `offset:n,n,…` joined by `;` (tag seqs per customer; departments per follow relation). */
export interface ChunkRows { customers: string; follows: string }

/**
 * Reads a chunkRows text in one pass without splitting (65k entries a chunk): `entry(offset)` per entry,
 * `value(offset, n)` per number after its colon.
 */
function readRows(text: string, entry: (offset: number) => void, value: (offset: number, n: number) => void) {
  if (!text) return
  let offset = 0, n = 0, digits = false, inValues = false
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 59                       // the end closes the last entry like ';'
    if (c >= 48 && c <= 57) { n = n * 10 + c - 48; digits = true; continue }
    if (!inValues) { offset = n; entry(offset); inValues = true }               // ':'
    else if (digits) value(offset, n)                                          // ',' or ';'
    if (c === 59) inValues = false
    n = 0
    digits = false
  }
}

/**
 * A department and its ancestors, as far as the department table knows them (a department missing from
 * it is in nobody's subtree, exactly as org's departmentSubtree reads the tree). Guarded against cycles.
 */
export function ancestry(parentOf: Map<number, number>) {
  const memo = new Map<number, number[]>()
  return (departmentId: number): number[] => {
    let line = memo.get(departmentId)
    if (!line) {
      line = []
      for (let d: number | undefined = departmentId; d !== undefined && parentOf.has(d) && !line.includes(d); d = parentOf.get(d)) line.push(d)
      memo.set(departmentId, line)
    }
    return line
  }
}

/** The chunk's bitmaps, one per key present in it, as `bit varying` hex input (`X…`). */
export function buildChunk(rows: ChunkRows, ancestorsOf: (departmentId: number) => number[]): Map<number, string> {
  const maps = new Map<number, Uint8Array>()
  const set = (key: number, at: number) => {
    let bits = maps.get(key)
    if (!bits) maps.set(key, bits = new Uint8Array(CHUNK_SIZE / 8))
    bits[at >> 3]! |= 0x80 >> (at & 7)
  }
  readRows(rows.customers, (at) => set(EVERYONE, at), (at, seq) => set(seq, at))
  readRows(rows.follows, () => {}, (at, d) => { for (const a of ancestorsOf(d)) set(departmentKey(a), at) })
  return new Map([...maps].map(([key, bits]) => [key, `X${Buffer.from(bits).toString('hex')}`]))
}

/** The customer ids whose bits are set in a chunk's bitmap (PostgreSQL's text form: '0' and '1'). */
export function idsOf(chunk: number, bits: string): number[] {
  const ids: number[] = []
  for (let at = bits.indexOf('1'); at !== -1; at = bits.indexOf('1', at + 1)) ids.push(chunk * CHUNK_SIZE + at)
  return ids
}
