import { useEffect, useState } from 'react'
import type { Employee } from '../../api/types'
import { api, call } from '../../app/api'
import { useRequest } from '../../shared/use-request'

const SEARCH_DEBOUNCE_MS = 300

/** Employees matching a keyword (debounced), for pickers. */
export function useEmployeeSearch(limit = 30) {
  const [keyword, setKeyword] = useState('')
  const [query, setQuery] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => setQuery(keyword.trim()), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [keyword])
  const { data, loading } = useRequest(
    () => call(api.GET('/api/org/employees', { params: { query: { q: query || undefined, limit } } })),
    [query, limit],
  )
  const employees: Employee[] = data?.items ?? []
  return { employees, loading, setKeyword }
}
