import { useState } from 'react'
import { Button, Card, Form, Input, InputNumber, Modal, Progress, Table } from 'antd'
import { api, call } from '../../app/api'
import { showError, toastSuccess } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { useCan } from '../../app/permissions'
import { formatYuan } from './money'
import type { Activity } from './types'

type Tier = Activity['tiers'][number]

/** Reward tiers with stock left; a top-up first serves initiators waiting for stock (server-side). */
export function TiersCard({ activity, onChanged }: { activity: Activity; onChanged: () => void }) {
  const t = useT()
  const writable = useCan()('fission.write') && activity.status !== 'archived'
  const [topUp, setTopUp] = useState<Tier>()
  const [form] = Form.useForm<{ add: number; note: string }>()
  const [saving, setSaving] = useState(false)

  const submit = async () => {
    const values = await form.validateFields()
    setSaving(true)
    try {
      await call(api.POST('/api/fission/activities/{id}/tiers/{level}/stock', {
        params: { path: { id: activity.id, level: topUp!.level } }, body: { add: values.add, note: values.note ?? '' },
      }))
      toastSuccess(t('fission.done'))
      setTopUp(undefined)
      onChanged()
    } catch (error) {
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Card size="small" title={t('fission.tiers')}>
      <Table<Tier>
        rowKey="level"
        size="small"
        pagination={false}
        dataSource={activity.tiers}
        data-testid="fission-tiers"
        columns={[
          { title: '#', dataIndex: 'level', width: 90, render: (level: number) => t('fission.tier.level', { level }) },
          { title: t('fission.tier.threshold'), dataIndex: 'threshold', width: 100 },
          { title: t('fission.tier.prizeName'), dataIndex: 'prizeName' },
          { title: t('fission.tier.unitPrice'), dataIndex: 'unitPriceFen', width: 130, align: 'right' as const, render: (fen: number) => formatYuan(fen) },
          {
            title: t('fission.tier.stockLeft'), key: 'stock', width: 260,
            render: (_: unknown, tier: Tier) => (
              <Progress
                percent={tier.stockTotal ? (tier.stockLeft / tier.stockTotal) * 100 : 0}
                status={tier.stockLeft === 0 ? 'exception' : 'normal'}
                format={() => `${tier.stockLeft} / ${tier.stockTotal}`}
                style={{ margin: 0 }}
              />
            ),
          },
          ...(writable ? [{
            title: t('common.actions'), key: 'actions', width: 110,
            render: (_: unknown, tier: Tier) => (
              <Button type="link" size="small" onClick={() => { form.resetFields(); setTopUp(tier) }} data-testid={`fission-topup-${tier.level}`}>{t('fission.tier.topUp')}</Button>
            ),
          }] : []),
        ]}
      />
      <Modal
        open={!!topUp}
        title={topUp && `${t('fission.tier.topUp')} · ${t('fission.tier.level', { level: topUp.level })} ${topUp.prizeName}`}
        onCancel={() => setTopUp(undefined)}
        onOk={submit}
        confirmLoading={saving}
        forceRender
      >
        <Form form={form} layout="vertical" initialValues={{ add: 10, note: '' }}>
          <Form.Item name="add" label={t('fission.tier.topUpAdd')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10_000_000} precision={0} data-testid="fission-topup-add" />
          </Form.Item>
          <Form.Item name="note" label={t('fission.tier.topUpNote')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
