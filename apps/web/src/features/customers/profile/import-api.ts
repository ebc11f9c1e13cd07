import type { ResponseOf } from '../../../api/types'
import { ApiError } from '../../../app/api'
import { currentLocale } from '../../../app/i18n'

export type CustomerImport = ResponseOf<'/api/customer-imports/{id}'>
export type ImportRow = ResponseOf<'/api/customer-imports/{id}/rows'>['items'][number]
export type MatchBy = CustomerImport['matchBy']
export type ImportMode = NonNullable<CustomerImport['mode']>

/** Multipart upload (openapi-fetch sends JSON only); errors arrive as the API's `{ error }` like every other call. */
export async function uploadImport(file: File, matchBy?: MatchBy): Promise<CustomerImport> {
  const form = new FormData()
  form.append('file', file, file.name)
  let res: Response
  try {
    res = await fetch(`/api/customer-imports${matchBy ? `?matchBy=${matchBy}` : ''}`, {
      method: 'POST', body: form, credentials: 'include', headers: { 'Accept-Language': currentLocale() === 'en' ? 'en' : 'zh-CN' },
    })
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause))
  }
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new ApiError(res.status, body.error?.code ?? `http.${res.status}`, body.error?.message ?? res.statusText, body.error?.details)
  return body as CustomerImport
}

export const templateUrl = (format: 'csv' | 'xlsx') => `/api/customer-imports/template?format=${format}`
export const errorReportUrl = (id: string) => `/api/customer-imports/${id}/errors.csv`
