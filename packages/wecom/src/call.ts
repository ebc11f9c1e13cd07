import { fromWire, toWire, tsKeyToWire } from './case'
import { isTokenError, WeComError } from './errors'
import type { TokenProvider } from './token'

/** How one WeCom API is called; `query` and `body` are camelCase and converted to the wire's snake_case. */
export interface CallOptions {
  /** Defaults to POST when there is a body or form, GET otherwise. */
  method?: 'GET' | 'POST'
  query?: Record<string, string | number | undefined>
  body?: unknown
  /** multipart/form-data, sent as is (media uploads). */
  form?: FormData
  /** This call's back-off instead of the client's, e.g. `{ attempts: 0 }` for a caller that paces itself. */
  retry?: RetryOptions
}

/** Calls `/cgi-bin/<api>`; returns the reply without errcode/errmsg, keys camelCase; throws {@link WeComError}. */
export type Call = <T>(api: string, options?: CallOptions) => Promise<T>

/** Back-off for -1/45009/45033: `attempts` extra tries, delays doubling from `baseDelayMs`. */
export interface RetryOptions {
  attempts: number
  baseDelayMs: number
}

/** The HTTP the client needs; `fetch` fits it (tests pass the sandbox's), the default is undici's request (http.ts). */
export type HttpFetch = (url: URL, init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string | FormData }) =>
  Promise<{ status: number; ok: boolean; text(): Promise<string> }>

/** What {@link createCaller} needs; all injected so tests and the sandbox control them. */
export interface CallerDeps {
  baseUrl: string
  fetch: HttpFetch
  tokens: TokenProvider
  retry: RetryOptions
  sleep: (ms: number) => Promise<void>
  random: () => number
}

interface Reply {
  errcode: number
  errmsg: string
  data: Record<string, unknown>
}

/** `/cgi-bin/` joined to a base URL that may itself have a path (e.g. a sandbox mounted under /wecom). */
export const cgiUrl = (baseUrl: string, api: string): URL => new URL(`${baseUrl.replace(/\/+$/, '')}/cgi-bin/${api}`)

const readReply = async (res: Awaited<ReturnType<HttpFetch>>): Promise<Reply> => {
  const text = await res.text()
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    // A gateway page instead of JSON: treat as "system busy" so the back-off applies.
    return { errcode: -1, errmsg: `non-JSON reply (HTTP ${res.status})`, data: {} }
  }
  if (typeof data !== 'object' || data === null) return { errcode: -1, errmsg: 'reply is not a JSON object', data: {} }
  const record = data as Record<string, unknown>
  // Decide on errcode only (CONTRACT conventions); HTTP status matters only when errcode is missing.
  const errcode = typeof record['errcode'] === 'number' ? record['errcode'] : res.ok ? 0 : -1
  const errmsg = typeof record['errmsg'] === 'string' ? record['errmsg'] : ''
  return { errcode, errmsg, data: record }
}

// errcode/errmsg are consumed here, so replies hold only the API's own fields.
const withoutStatus = ({ errcode: _code, errmsg: _msg, ...rest }: Record<string, unknown>) => rest

/** Exponential back-off with jitter: attempt n waits between half and all of baseDelayMs·2ⁿ. */
export const backoffDelay = (baseDelayMs: number, attempt: number, random: () => number): number => {
  const ceiling = baseDelayMs * 2 ** attempt
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** Builds the one internal `call` every API family goes through. */
export const createCaller = (deps: CallerDeps): Call => {
  const send = async (api: string, options: CallOptions, token: string): Promise<Reply> => {
    const url = cgiUrl(deps.baseUrl, api)
    url.searchParams.set('access_token', token) // always the query, never the body (41001 otherwise)
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(tsKeyToWire(name), String(value))
    }
    const hasBody = options.body !== undefined || options.form !== undefined
    const init: Parameters<HttpFetch>[1] = { method: options.method ?? (hasBody ? 'POST' : 'GET') }
    if (options.form) init.body = options.form
    else if (options.body !== undefined) {
      init.body = JSON.stringify(toWire(options.body))
      init.headers = { 'content-type': 'application/json; charset=utf-8' }
    }
    return readReply(await deps.fetch(url, init))
  }

  const attempt = async (api: string, options: CallOptions): Promise<Reply> => {
    const token = await deps.tokens.getToken()
    const reply = await send(api, options, token)
    if (!isTokenError(reply.errcode)) return reply
    // Exactly one transparent retry with a fresh token; a second rejection surfaces (CONTRACT §1.3).
    await deps.tokens.invalidate(token)
    return send(api, options, await deps.tokens.getToken())
  }

  return async <T>(api: string, options: CallOptions = {}): Promise<T> => {
    for (let retry = 0; ; retry++) {
      const reply = await attempt(api, options)
      if (reply.errcode === 0) return fromWire<T>(withoutStatus(reply.data))
      const error = new WeComError({ errcode: reply.errcode, errmsg: reply.errmsg, api })
      const policy = options.retry ?? deps.retry
      if (!error.isRetryable || retry >= policy.attempts) throw error
      await deps.sleep(backoffDelay(policy.baseDelayMs, retry, deps.random))
    }
  }
}
