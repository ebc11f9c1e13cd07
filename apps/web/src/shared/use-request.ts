import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { showError } from '../app/feedback'

type Options = {
  /** Re-fetch quietly every `pollMs` while the tab is visible. */
  pollMs?: number
  enabled?: boolean
}

/**
 * Loads `fetcher()` whenever `deps` change; stale answers are dropped.
 * Errors of visible loads are toasted; quiet polls fail silently so a flaky link does not spam.
 */
export function useRequest<T>(fetcher: () => Promise<T>, deps: DependencyList, options: Options = {}) {
  const { pollMs, enabled = true } = options
  const [data, setData] = useState<T>()
  const [loading, setLoading] = useState(enabled)
  const [error, setError] = useState<unknown>()
  const fetcherRef = useRef(fetcher)
  const sequence = useRef(0)

  useEffect(() => {
    fetcherRef.current = fetcher
  })

  const load = useCallback(async (quiet: boolean) => {
    const id = ++sequence.current
    if (!quiet) setLoading(true)
    try {
      const value = await fetcherRef.current()
      if (id === sequence.current) {
        setData(value)
        setError(undefined)
      }
    } catch (cause) {
      if (id !== sequence.current) return
      setError(cause)
      if (!quiet) showError(cause)
    } finally {
      if (id === sequence.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    if (enabled) void load(false)
    else setLoading(false)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps define the query
  }, [enabled, load, ...deps])

  useEffect(() => {
    if (!enabled || !pollMs) return
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load(true)
    }, pollMs)
    return () => clearInterval(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restart the clock when the query changes
  }, [enabled, pollMs, load, ...deps])

  const reload = useCallback(() => load(false), [load])
  const refresh = useCallback(() => load(true), [load])
  return { data, loading, error, reload, refresh, setData }
}
