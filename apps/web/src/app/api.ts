import createClient from 'openapi-fetch'
import type { paths } from '../api/schema'
import { currentLocale } from './i18n'

/** Same-origin client: the session is an HttpOnly cookie set by POST /api/auth/login. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'include' })

// The server picks zh or en error messages from Accept-Language; follow the console's language, not the browser's.
api.use({
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLocale() === 'en' ? 'en' : 'zh-CN')
    return request
  },
})

/** A failed request, carrying the server's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: unknown

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

type ErrorBody = { error?: { code?: string; message?: string; details?: unknown } }
type Result<T> = { data?: T; error?: unknown; response: Response }

const unauthorizedListeners = new Set<() => void>()

/** Called whenever a request outside /api/auth answers 401 (session expired or missing). */
export const onUnauthorized = (listener: () => void) => {
  unauthorizedListeners.add(listener)
  return () => void unauthorizedListeners.delete(listener)
}

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function call<T>(request: Promise<Result<T>>): Promise<T> {
  let result: Result<T>
  try {
    result = await request
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause))
  }
  const { data, error, response } = result
  if (response.ok) return data as T
  if (response.status === 401 && !new URL(response.url, location.href).pathname.startsWith('/api/auth/')) {
    unauthorizedListeners.forEach((listener) => listener())
  }
  const body = (error ?? {}) as ErrorBody
  throw new ApiError(
    response.status,
    body.error?.code ?? `http.${response.status}`,
    body.error?.message ?? response.statusText,
    body.error?.details,
  )
}

/** URL of a live code's QR image; the server renders it as PNG. */
export const liveCodeQrUrl = (id: string) => `/api/live-codes/${encodeURIComponent(id)}/qr.png`
