import { defineErrors } from '../http/errors'

export const cursorError = defineErrors({
  'request.cursor_invalid': { status: 400, message: { zh: '分页游标无效', en: 'The page cursor is invalid' } },
})

/** Opaque keyset cursor: (time, id) of the last row of a page. */
export const encodeCursor = (at: Date, id: string): string => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url')

export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  const at = new Date(iso ?? '')
  if (!id || !/^\d{1,19}$/.test(id) || Number.isNaN(at.getTime())) throw cursorError('request.cursor_invalid')
  return { at, id }
}
