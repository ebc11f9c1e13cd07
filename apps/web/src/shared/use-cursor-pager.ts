import { useCallback, useState } from 'react'

/**
 * Keyset paging: remembers the cursor of every page visited so "previous" works
 * without offsets. Page 0 has no cursor.
 */
export function useCursorPager(initialPageSize = 20) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const [pageSize, setPageSizeState] = useState(initialPageSize)

  const next = useCallback((cursor: string | null | undefined) => {
    if (cursor) setCursors((list) => [...list, cursor])
  }, [])
  const prev = useCallback(() => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list)), [])
  const reset = useCallback(() => setCursors([undefined]), [])
  const setPageSize = useCallback((size: number) => {
    setPageSizeState(size)
    setCursors([undefined])
  }, [])

  return { page: cursors.length - 1, cursor: cursors[cursors.length - 1], pageSize, next, prev, reset, setPageSize }
}

export type CursorPagerState = ReturnType<typeof useCursorPager>
