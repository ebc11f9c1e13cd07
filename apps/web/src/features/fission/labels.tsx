import { Badge, Tag } from 'antd'
import type { Translate } from '../../app/i18n'
import { zhCN, type MessageKey } from '../../i18n/zh-CN'
import type { ActivityStatus, HelpStatus } from './types'

const STATUS_BADGE: Record<ActivityStatus, 'default' | 'processing' | 'success' | 'warning' | 'error'> = {
  draft: 'default', scheduled: 'warning', running: 'processing', ended: 'success', archived: 'default',
}

export function StatusBadge({ status, t }: { status: ActivityStatus; t: Translate }) {
  return <Badge status={STATUS_BADGE[status]} text={t(`fission.status.${status}`)} />
}

const HELP_COLOR: Record<HelpStatus, string> = { counted: 'success', refused: 'default', held: 'warning', revoked: 'orange', voided: 'error' }

export const HelpStatusTag = ({ status, t }: { status: HelpStatus; t: Translate }) => <Tag color={HELP_COLOR[status]}>{t(`fission.help.status.${status}`)}</Tag>

/** A server code in words when the catalogue has `prefix.code`, else the code itself (e.g. from a newer server). */
export const codeLabel = (t: Translate, prefix: string, code: string | null | undefined) => {
  if (!code) return '-'
  const key = `${prefix}.${code}`
  return key in zhCN ? t(key as MessageKey) : code
}

export const reasonLabel = (t: Translate, reason: string | null | undefined) => codeLabel(t, 'fission.reason', reason)
