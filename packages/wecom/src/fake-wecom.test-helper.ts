/** Test-only: a tiny fake WeCom remote (gettoken + given handlers) that records every request. */
import { createWeComClient, type WeComClientOptions } from './client'
export interface Seen {
  api: string
  method: string
  query: URLSearchParams
  body: string | FormData | undefined
  contentType: string | undefined
}
export type Handler = (request: Seen) => object | string

/** A tiny fake WeCom: gettoken plus the handlers given, counting every request. */
export const fakeWeCom = (handlers: Record<string, Handler>) => {
  const seen: Seen[] = []
  let issued = 0
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input))
    const api = url.pathname.replace(/^\/cgi-bin\//, '')
    const headers = new Headers(init?.headers)
    const request: Seen = {
      api,
      method: init?.method ?? 'GET',
      query: url.searchParams,
      body: init?.body as string | FormData | undefined,
      contentType: headers.get('content-type') ?? undefined,
    }
    seen.push(request)
    if (api === 'gettoken') return Response.json({ errcode: 0, errmsg: 'ok', access_token: `tok-${++issued}`, expires_in: 7200 })
    const handler = handlers[api]
    if (!handler) return Response.json({ errcode: 404, errmsg: `no handler for ${api}` })
    const reply = handler(request)
    return typeof reply === 'string' ? new Response(reply, { status: 502 }) : Response.json(reply)
  }) as typeof globalThis.fetch
  const count = (api: string) => seen.filter((s) => s.api === api).length
  return { seen, fetch, count }
}

export const recordingSleep = () => {
  const delays: number[] = []
  return { delays, sleep: async (ms: number) => void delays.push(ms) }
}

export const ok = (fields: object = {}) => ({ errcode: 0, errmsg: 'ok', ...fields })
export const base = { corpId: 'ww1', secret: 's3cret', baseUrl: 'https://wecom.test' }


/** A client on the fake remote, with the last request to an API (and its JSON body) at hand. */
export const clientOnFake = (handlers: Record<string, Handler>, options: Partial<WeComClientOptions> = {}) => {
  const remote = fakeWeCom(handlers)
  const client = createWeComClient({ ...base, fetch: remote.fetch, ...options })
  const last = (api: string): Seen => {
    const found = remote.seen.filter((s) => s.api === api).at(-1)
    if (!found) throw new Error(`no request to ${api}`)
    return found
  }
  const json = (api: string): unknown => JSON.parse(String(last(api).body))
  return { client, last, json }
}
