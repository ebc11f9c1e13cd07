import { Badge, Tag } from 'antd'
import type { Translate } from '../../app/i18n'
import { REFUSAL_REASONS, type ActivityStatus, type HelpStatus, type RefusalReason } from './types'

const STATUS_BADGE: Record<ActivityStatus, 'default' | 'processing' | 'success' | 'warning' | 'error'> = {
  draft: 'default', scheduled: 'warning', running: 'processing', ended: 'success', archived: 'default',
}

export function StatusBadge({ status, t }: { status: ActivityStatus; t: Translate }) {
  return <Badge status={STATUS_BADGE[status]} text={t(`fission.status.${status}`)} />
}

const HELP_COLOR: Record<HelpStatus, string> = { counted: 'success', refused: 'default', held: 'warning', revoked: 'orange', voided: 'error' }

export const HelpStatusTag = ({ status, t }: { status: HelpStatus; t: Translate }) => <Tag color={HELP_COLOR[status]}>{t(`fission.help.status.${status}`)}</Tag>

/** A refusal code as words; unknown codes (a newer server) are shown as they are. */
export const reasonLabel = (t: Translate, reason: string | null | undefined) =>
  !reason ? '-' : (REFUSAL_REASONS as readonly string[]).includes(reason) ? t(`fission.reason.${reason as RefusalReason}`) : reason
