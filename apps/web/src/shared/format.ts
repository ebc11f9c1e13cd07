import dayjs from 'dayjs'

export const formatDateTime = (value: string | null | undefined) =>
  value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '-'

export const formatTime = (value: string | null | undefined) =>
  value ? dayjs(value).format('MM-DD HH:mm:ss') : '-'

const encoder = new TextEncoder()

/** WeCom limits welcome text by UTF-8 bytes, not characters (a Chinese character is 3 bytes). */
export const utf8Bytes = (text: string) => encoder.encode(text).length

/** Trims strings and drops empty values so they are not sent as query parameters (the server rejects ""). */
export function compact<T extends Record<string, unknown>>(query: T): Partial<T> {
  const out: Partial<T> = {}
  for (const [key, raw] of Object.entries(query) as [keyof T, T[keyof T]][]) {
    const value = typeof raw === 'string' ? (raw.trim() as T[keyof T]) : raw
    if (value !== undefined && value !== null && value !== '') out[key] = value
  }
  return out
}
