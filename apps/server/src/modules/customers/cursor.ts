import { customersError } from './errors'

/** Opaque keyset cursor: (time, id) of the last row of a page. */
export const encodeCursor = (at: Date, id: string): string => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url')

export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  const at = new Date(iso ?? '')
  if (!id || !/^\d{1,19}$/.test(id) || Number.isNaN(at.getTime())) throw customersError('customers.cursor.invalid')
  return { at, id }
}
