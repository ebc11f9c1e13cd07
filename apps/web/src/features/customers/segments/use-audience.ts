import { useEffect, useRef, useState } from 'react'
import type { SegmentPreviewRow, SegmentQuery } from '../../../api/types'
import { api, call } from '../../../app/api'

/** Typing in a tag picker or the text form should not fire a count per keystroke. */
const DEBOUNCE_MS = 400

type Audience = { count?: number; items: SegmentPreviewRow[]; loading: boolean; error?: unknown }

/**
 * The live count and the first customers of a definition being edited: debounced, stale answers dropped.
 * Errors are returned (an invalid expression is shown beside the builder), not toasted.
 */
export function useAudience(query: SegmentQuery, enabled = true): Audience {
  const [state, setState] = useState<Audience>({ items: [], loading: enabled })
  const sequence = useRef(0)
  const key = JSON.stringify(query)

  useEffect(() => {
    if (!enabled) return
    const id = ++sequence.current
    setState((s) => ({ ...s, loading: true }))
    const timer = setTimeout(async () => {
      const body = JSON.parse(key) as SegmentQuery
      try {
        const [count, preview] = await Promise.all([
          call(api.POST('/api/segments/count', { body })),
          call(api.POST('/api/segments/preview', { body })),
        ])
        if (id === sequence.current) setState({ count: count.count, items: preview.items, loading: false })
      } catch (error) {
        if (id === sequence.current) setState({ items: [], loading: false, error })
      }
    }, DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [key, enabled])

  return state
}
