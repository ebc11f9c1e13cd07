import type { Employee } from '../../api/types'
import { api, call } from '../../app/api'
import { useRequest } from '../../shared/use-request'
import type { EmployeeOption } from './employee-select'

const PAGE = 200
/** Beyond this many directory pages, an unmatched id is shown as is rather than read the whole directory. */
const MAX_PAGES = 5

/**
 * Picker labels for employees known only by id (e.g. saved alert recipients). The API has no by-id lookup,
 * so this reads the directory a page at a time until every id is found.
 */
export function useEmployeeNames(ids: string[], enabled = true) {
  const key = [...ids].sort().join(',')
  const { data, loading } = useRequest(
    async () => {
      const wanted = new Set(ids)
      const found: Employee[] = []
      let cursor: string | undefined
      for (let page = 0; page < MAX_PAGES && wanted.size > 0; page++) {
        const result = await call(api.GET('/api/org/employees', { params: { query: { limit: PAGE, cursor } } }))
        for (const e of result.items) if (wanted.delete(e.id)) found.push(e)
        if (!result.nextCursor) break
        cursor = result.nextCursor
      }
      return found
    },
    [key],
    { enabled: enabled && ids.length > 0 },
  )
  const options: EmployeeOption[] = (data ?? []).map((e) => ({ value: e.id, label: e.name, employee: e }))
  return { options, loading }
}
