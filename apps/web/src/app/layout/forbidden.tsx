import type { ReactNode } from 'react'
import { Button, Result } from 'antd'
import { useNavigate } from 'react-router-dom'
import { useT } from '../i18n'
import { useCan, type Permission } from '../permissions'

/** Renders the page only for roles holding `permission`; others get a 403 instead of a page of failed requests. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const t = useT()
  const can = useCan()
  const navigate = useNavigate()
  if (can(permission)) return children
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('common.forbidden')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('common.backHome')}</Button>}
      data-testid="forbidden"
    />
  )
}
