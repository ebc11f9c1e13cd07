import { Alert } from 'antd'
import type { TransferKind } from '../../../api/types'
import { useT } from '../../../app/i18n'
import { TRANSFER_MAX } from './transfer-labels'

/** WeCom's rules for 在职继承 / 离职继承, stated before anyone picks customers. */
export function TransferRules({ kind }: { kind: TransferKind }) {
  const t = useT()
  const rules = [
    t('transfers.rule.refuse24h'),
    ...(kind === 'on_job' ? [t('transfers.rule.twicePer90Days')] : [t('transfers.rule.resigned')]),
    t('transfers.rule.batch', { max: TRANSFER_MAX.toLocaleString() }),
  ]
  return (
    <Alert
      type="info"
      showIcon
      title={
        <>
          <strong>{t(kind === 'on_job' ? 'transfers.rule.onJobTitle' : 'transfers.rule.resignedTitle')}</strong>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 18, fontSize: 13 }}>
            {rules.map((rule) => <li key={rule}>{rule}</li>)}
          </ul>
        </>
      }
      style={{ marginBottom: 16, alignItems: 'flex-start' }}
      data-testid={`transfer-rules-${kind}`}
    />
  )
}
