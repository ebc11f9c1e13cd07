import { Badge } from 'antd'
import type { LossAlertSettings } from '../../../api/types'
import { useT } from '../../../app/i18n'
import { ALERT_MODE_BADGE } from './loss-labels'

/** The alert mode in the page header; alerts switched on but sent to nobody are flagged. */
export function AlertStatus({ settings }: { settings: LossAlertSettings }) {
  const t = useT()
  const { mode, recipientEmployeeIds } = settings
  const count = recipientEmployeeIds.length
  const nobody = mode !== 'off' && count === 0
  const text =
    mode === 'off'
      ? t('losses.alerts.summaryOff')
      : nobody
        ? t('losses.alerts.summaryNobody', { mode: t(`losses.mode.${mode}`) })
        : t('losses.alerts.summary', { mode: t(`losses.mode.${mode}`), count })
  return <Badge status={nobody ? 'warning' : ALERT_MODE_BADGE[mode]} text={text} style={{ alignSelf: 'center' }} data-testid="loss-alerts-status" />
}
