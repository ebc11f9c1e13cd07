import type { ResponseOf } from '../../../api/types'
import { api, call } from '../../../app/api'
import { useRequest } from '../../../shared/use-request'

export type CustomField = ResponseOf<'/api/customer-fields'>['items'][number]
export type FieldType = CustomField['type']

/** The corp's custom fields in display order (archived ones only when asked). */
export function useCustomFields(includeArchived = false) {
  return useRequest(() => call(api.GET('/api/customer-fields', { params: { query: { includeArchived: String(includeArchived) as 'true' } } })), [includeArchived])
}
