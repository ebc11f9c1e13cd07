import { wecomError } from '../errors'

/** Readers for WeCom request fields: anything malformed is 40058 (CONTRACT §9.1) unless a caller says otherwise. */

export type Body = Record<string, unknown>

export function optString(body: Body, name: string, max?: number): string | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw wecomError(40058, `${name} must be a string`)
  if (max !== undefined && [...value].length > max) throw wecomError(40058, `${name} exceeds ${max} chars`)
  return value
}

export function optInt(body: Body, name: string, min = -(2 ** 53), max = 2 ** 53): number | undefined {
  const raw = body[name]
  if (raw === undefined || raw === null || raw === '') return undefined
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw wecomError(40058, `${name} must be an integer in [${min}, ${max}]`)
  }
  return value
}

export function optBool(body: Body, name: string): boolean | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'boolean') return value
  if (value === 0 || value === 1) return value === 1
  throw wecomError(40058, `${name} must be a boolean`)
}

export function optStringArray(body: Body, name: string, maxItems?: number): string[] | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw wecomError(40058, `${name} must be a string array`)
  if (maxItems !== undefined && value.length > maxItems) throw wecomError(40058, `${name} exceeds ${maxItems} items`)
  return value as string[]
}

export function optIntArray(body: Body, name: string): number[] | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || value.some((v) => !Number.isInteger(v))) throw wecomError(40058, `${name} must be an integer array`)
  return value as number[]
}

export function optObject(body: Body, name: string): Body | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) throw wecomError(40058, `${name} must be an object`)
  return value as Body
}

/** Opaque cursors: base64url of a JSON value, so clients cannot (and need not) read them. */
export const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (!cursor) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (check(value)) return value
  } catch {
    // fall through to the error below
  }
  throw wecomError(40058, 'invalid cursor')
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0

export const byteLength = (s: string) => Buffer.byteLength(s, 'utf8')
