import { useEffect, useState } from 'react'
import type { Employee } from '../../api/types'
import { api, call } from '../../app/api'
import { useRequest } from '../../shared/use-request'

const SEARCH_DEBOUNCE_MS = 300

/** Employees matching a keyword (debounced), for pickers; `status` keeps only e.g. active members (1). */
export function useEmployeeSearch(limit = 30, status?: Employee['status']) {
  const [keyword, setKeyword] = useState('')
  const [query, setQuery] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => setQuery(keyword.trim()), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [keyword])
  const { data, loading } = useRequest(
    () => call(api.GET('/api/org/employees', { params: { query: { q: query || undefined, limit, status } } })),
    [query, limit, status],
  )
  const employees: Employee[] = data?.items ?? []
  return { employees, loading, setKeyword }
}
