import { Badge } from 'antd'
import type { Employee } from '../../api/types'
import { useT } from '../../app/i18n'
import type { MessageKey } from '../../i18n/zh-CN'

/** WeCom member status: 1 active, 2 disabled, 4 not yet activated, 5 left the corp. */
export const EMPLOYEE_STATUSES: { value: Employee['status']; label: MessageKey; badge: 'success' | 'error' | 'warning' | 'default' }[] = [
  { value: 1, label: 'org.status.active', badge: 'success' },
  { value: 2, label: 'org.status.disabled', badge: 'error' },
  { value: 4, label: 'org.status.inactive', badge: 'warning' },
  { value: 5, label: 'org.status.exited', badge: 'default' },
]

export function EmployeeStatus({ status }: { status: Employee['status'] }) {
  const t = useT()
  const meta = EMPLOYEE_STATUSES.find((s) => s.value === status)
  return meta ? <Badge status={meta.badge} text={t(meta.label)} /> : <Badge status="default" text={String(status)} />
}
