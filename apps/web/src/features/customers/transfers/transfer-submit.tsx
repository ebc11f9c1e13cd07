import { useState } from 'react'
import { Button, Flex, Input, Popconfirm, Typography } from 'antd'
import { SwapOutlined } from '@ant-design/icons'
import type { TransferKind } from '../../../api/types'
import { api, call } from '../../../app/api'
import { showError } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { EmployeeSelect } from '../../org'
import { MESSAGE_MAX, TRANSFER_MAX } from './transfer-labels'
import { TransferResultModal, type NamedResult } from './transfer-result-modal'

export type PickedCustomer = { id: string; name: string }

type Props = {
  kind: TransferKind
  handoverEmployeeId?: string
  selected: PickedCustomer[]
  /** After a request (whatever its per-customer results): clear the selection and re-read the list. */
  onDone: () => void
}

/** Takeover, optional message (on-job only: WeCom shows it to the customer) and submit; then the per-customer results. */
export function TransferSubmit({ kind, handoverEmployeeId, selected, onDone }: Props) {
  const t = useT()
  const [picked, setTakeover] = useState<{ id: string; name: string }>()
  // Kept when the handover changes (several leavers often go to one colleague), unless it is the new handover.
  const takeover = picked?.id === handoverEmployeeId ? undefined : picked
  const [message, setMessage] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const [results, setResults] = useState<NamedResult[]>()
  const tooMany = selected.length > TRANSFER_MAX
  const ready = !!handoverEmployeeId && !!takeover && selected.length > 0 && !tooMany

  const submit = async () => {
    if (!handoverEmployeeId || !takeover) return
    setSubmitting(true)
    try {
      const reply = await call(api.POST('/api/customers/transfers', {
        body: {
          kind,
          handoverEmployeeId,
          takeoverEmployeeId: takeover.id,
          customerIds: selected.map((c) => c.id),
          ...(kind === 'on_job' && message.trim() ? { message: message.trim() } : {}),
        },
      }))
      const names = new Map(selected.map((c) => [c.id, c.name]))
      setResults(reply.items.map((r) => ({ ...r, customerName: names.get(r.customerId) ?? r.customerId })))
      onDone()
    } catch (error) {
      showError(error)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <>
      {/* Stays in view at the bottom while the customer list scrolls. */}
      <Flex
        align="center"
        gap={12}
        wrap
        style={{ position: 'sticky', bottom: 0, zIndex: 2, background: '#fff', borderTop: '1px solid #f0f0f0', padding: '12px 0', marginTop: 16 }}
        data-testid={`transfer-submit-${kind}`}
      >
        <Typography.Text>
          {t('transfers.selected', { count: selected.length })}
          {tooMany && <Typography.Text type="danger"> · {t('transfers.tooMany', { max: TRANSFER_MAX.toLocaleString() })}</Typography.Text>}
        </Typography.Text>
        <EmployeeSelect
          value={takeover?.id}
          onChange={(id, employee) => setTakeover(id ? { id, name: employee?.name ?? picked?.name ?? '' } : undefined)}
          status={1}
          exclude={handoverEmployeeId ? [handoverEmployeeId] : []}
          placeholder={t('transfers.pickTakeover')}
          style={{ width: 220 }}
          testId={`transfer-takeover-${kind}`}
        />
        {kind === 'on_job' && (
          <Input
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            maxLength={MESSAGE_MAX}
            showCount
            allowClear
            placeholder={t('transfers.messagePlaceholder')}
            style={{ flex: '1 1 260px', maxWidth: 460 }}
            data-testid="transfer-message"
          />
        )}
        <Popconfirm
          title={t('transfers.confirm', { count: selected.length, name: takeover?.name ?? '' })}
          description={t('transfers.confirmHint')}
          onConfirm={submit}
          disabled={!ready}
        >
          <Button type="primary" icon={<SwapOutlined />} disabled={!ready} loading={submitting} data-testid={`transfer-start-${kind}`}>
            {t('transfers.start')}
          </Button>
        </Popconfirm>
      </Flex>
      <TransferResultModal results={results} onClose={() => setResults(undefined)} />
    </>
  )
}
