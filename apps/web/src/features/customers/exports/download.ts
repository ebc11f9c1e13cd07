import { ApiError } from '../../../app/api'
import { currentLocale } from '../../../app/i18n'

/** The filename the server chose (RFC 6266 filename* first: a segment's name may be Chinese). */
function filenameOf(disposition: string | null, fallback: string) {
  const utf8 = disposition?.match(/filename\*=UTF-8''([^;]+)/)
  if (utf8) return decodeURIComponent(utf8[1]!)
  return disposition?.match(/filename="([^"]+)"/)?.[1] ?? fallback
}

/**
 * Fetches an export and saves it. Fetched rather than navigated to so a refusal (400/403/409/422) shows as
 * the server's message instead of replacing the page; the file is held in memory until it is saved.
 */
export async function download(url: string, fallbackName: string) {
  const res = await fetch(url, { credentials: 'include', headers: { 'Accept-Language': currentLocale() === 'en' ? 'en' : 'zh-CN' } })
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string; details?: unknown } }
    throw new ApiError(res.status, body.error?.code ?? `http.${res.status}`, body.error?.message ?? res.statusText, body.error?.details)
  }
  const filename = filenameOf(res.headers.get('content-disposition'), fallbackName)
  const href = URL.createObjectURL(await res.blob())
  const link = Object.assign(document.createElement('a'), { href, download: filename })
  link.click()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
  return filename
}
