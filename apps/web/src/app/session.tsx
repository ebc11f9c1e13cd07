import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router-dom'
import { Flex, Spin } from 'antd'
import type { Me } from '../api/types'
import { api, call, onUnauthorized } from './api'

type SessionValue = {
  me: Me | null
  loading: boolean
  refresh: () => Promise<Me | null>
  logout: () => Promise<void>
}

const SessionContext = createContext<SessionValue | undefined>(undefined)

const fetchMe = () => call(api.GET('/api/auth/me')).catch(() => null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null)
  const [loading, setLoading] = useState(true)

  const refresh = useCallback(async () => {
    const next = await fetchMe()
    setMe(next)
    setLoading(false)
    return next
  }, [])

  const logout = useCallback(async () => {
    await call(api.POST('/api/auth/logout')).catch(() => undefined)
    setMe(null)
  }, [])

  useEffect(() => {
    void refresh()
    return onUnauthorized(() => setMe(null))
  }, [refresh])

  const value = useMemo(() => ({ me, loading, refresh, logout }), [me, loading, refresh, logout])
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession outside <SessionProvider>')
  return value
}

/** The signed-in session; only valid below <RequireAuth>. */
export function useMe(): Me {
  const { me } = useSession()
  if (!me) throw new Error('useMe without a session')
  return me
}

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  )
}

/** Sends anonymous visitors to /login, remembering where they wanted to go. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useSession()
  const location = useLocation()
  if (loading) return <FullPageSpin />
  if (!me) {
    const from = location.pathname + location.search
    return <Navigate to={`/login?from=${encodeURIComponent(from)}`} replace />
  }
  return children
}
