import createClient from 'openapi-fetch'
import type { paths } from '../../api/schema'
import type { BodyOf, ResponseOf } from '../../api/types'

/**
 * The customer's pages talk to /h5/api/ with the link's token only: no cookie, and no console 401 handling
 * (an expired link is an error page here, never the console's login).
 */
const h5 = createClient<paths>({ baseUrl: '', credentials: 'omit', headers: { 'Accept-Language': 'zh-CN' } })

export type H5View = ResponseOf<'/h5/api/fission/{id}'>
export type H5State = ResponseOf<'/h5/api/fission/{id}/progress'>
export type H5Completion = NonNullable<H5View['me']>['completions'][number]
export type H5Address = NonNullable<BodyOf<'/h5/api/fission/{id}/redemptions', 'post'>['address']>

export class H5Error extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message) }
}

async function unwrap<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof request>
  try { result = await request } catch { throw new H5Error(0, 'network', '网络不太稳定，请稍后再试') }
  if (result.response.ok) return result.data as T
  const body = (result.error ?? {}) as { error?: { code?: string; message?: string } }
  throw new H5Error(result.response.status, body.error?.code ?? `http.${result.response.status}`, body.error?.message ?? '出错了，请稍后再试')
}

const params = (id: string, t: string) => ({ params: { path: { id }, query: { t } } })

export const h5Api = {
  view: (id: string, t: string) => unwrap(h5.GET('/h5/api/fission/{id}', params(id, t))),
  progress: (id: string, t: string) => unwrap(h5.GET('/h5/api/fission/{id}/progress', params(id, t))),
  join: (id: string, t: string) => unwrap(h5.POST('/h5/api/fission/{id}/join', params(id, t))),
  redeem: (id: string, t: string, completionId: string, address?: H5Address) =>
    unwrap(h5.POST('/h5/api/fission/{id}/redemptions', { ...params(id, t), body: { completionId, address } })),
  posterUrl: (id: string, t: string) => `/h5/api/fission/${encodeURIComponent(id)}/poster.png?t=${encodeURIComponent(t)}`,
}
