import { useState } from 'react'
import { Alert, Button, Card, Flex, Form, Input, Modal, Segmented, Table, Tag, Typography } from 'antd'
import { api, call } from '../../app/api'
import { showError, toastSuccess } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { CursorPager } from '../../shared/cursor-pager'
import { formatDateTime } from '../../shared/format'
import { useCursorPager } from '../../shared/use-cursor-pager'
import { useRequest } from '../../shared/use-request'
import { CustomerCell } from '../customers/customer-cell'
import type { Claim } from './types'

type Filter = 'redeemed' | 'fulfilled' | 'all'

/**
 * 奖品发放: prizes customers claimed (with the delivery address they gave), in the viewer's data scope, and
 * marking one handed over, once. Shown in the activity's detail and on an employee's 我的裂变.
 */
export function PrizesTable({ activityId, onFulfilled }: { activityId: string; onFulfilled?: () => void }) {
  const t = useT()
  const [filter, setFilter] = useState<Filter>('redeemed')
  const [fulfilling, setFulfilling] = useState<Claim>()
  const [saving, setSaving] = useState(false)
  const [form] = Form.useForm<{ note: string }>()
  const pager = useCursorPager(20)
  const list = useRequest(
    () => call(api.GET('/api/fission/activities/{id}/redemptions', {
      params: { path: { id: activityId }, query: { limit: pager.pageSize, cursor: pager.cursor, status: filter === 'all' ? undefined : filter } },
    })),
    [activityId, pager.pageSize, pager.cursor, filter],
  )

  const submit = async () => {
    if (!fulfilling) return
    const { note } = await form.validateFields()
    setSaving(true)
    try {
      await call(api.POST('/api/fission/activities/{id}/completions/{completionId}/fulfil', {
        params: { path: { id: activityId, completionId: fulfilling.id } }, body: { note: note?.trim() || undefined },
      }))
      toastSuccess(t('fissionPrizes.fulfilled'))
      setFulfilling(undefined)
      void list.reload()
      onFulfilled?.()
    } catch (err) {
      showError(err)
      void list.reload()          // someone else may have fulfilled it meanwhile
    } finally {
      setSaving(false)
    }
  }

  return (
    <Card size="small">
      <Flex justify="space-between" style={{ marginBottom: 12 }}>
        <Segmented<Filter>
          value={filter}
          onChange={(v) => { setFilter(v); pager.reset() }}
          options={[
            { value: 'redeemed', label: t('fissionPrizes.toFulfil') },
            { value: 'fulfilled', label: t('fissionPrizes.fulfilledFilter') },
            { value: 'all', label: t('fissionPrizes.all') },
          ]}
          data-testid="fission-prizes-filter"
        />
      </Flex>
      <Table<Claim>
        rowKey="id"
        size="middle"
        pagination={false}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('fissionPrizes.empty') }}
        data-testid="fission-prizes"
        columns={[
          { title: t('fissionPrizes.customer'), key: 'customer', render: (_: unknown, c: Claim) => <CustomerCell name={c.customer.name || `#${c.customer.id}`} avatar={c.customer.avatar} externalUserId={c.customer.externalUserId} /> },
          { title: t('fissionPrizes.prize'), key: 'prize', render: (_: unknown, c: Claim) => <>{t('fission.tier.level', { level: c.level })} · {c.prizeName}</> },
          { title: t('fissionPrizes.code'), dataIndex: 'redemptionCode', width: 130, render: (v: string | null) => (v ? <Typography.Text code copyable>{v}</Typography.Text> : '-') },
          {
            title: t('fissionPrizes.address'), key: 'address',
            render: (_: unknown, c: Claim) => c.address
              ? <Flex vertical><Typography.Text>{c.address.name} {c.address.phone}</Typography.Text><Typography.Text type="secondary">{c.address.address}</Typography.Text></Flex>
              : <Typography.Text type="secondary">{t('fissionPrizes.inPerson')}</Typography.Text>,
          },
          { title: t('fissionPrizes.redeemedAt'), dataIndex: 'redeemedAt', width: 160, render: formatDateTime },
          {
            title: t('fissionPrizes.status'), key: 'status', width: 200,
            render: (_: unknown, c: Claim) => c.status === 'fulfilled'
              ? (
                <Flex vertical align="flex-start" gap={2}>
                  <Tag color="cyan">{t('fission.completion.fulfilled')}</Tag>
                  <Typography.Text type="secondary">{t('fissionPrizes.fulfilledAt', { at: formatDateTime(c.fulfilledAt) })}</Typography.Text>
                  {c.fulfilmentNote && <Typography.Text type="secondary">{c.fulfilmentNote}</Typography.Text>}
                </Flex>
              )
              : <Button size="small" type="primary" onClick={() => { form.resetFields(); setFulfilling(c) }} data-testid={`fission-fulfil-${c.id}`}>{t('fissionPrizes.fulfil')}</Button>,
          },
        ]}
      />
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} />
      <Modal
        open={!!fulfilling}
        title={fulfilling && t('fissionPrizes.fulfilTitle', { prize: fulfilling.prizeName })}
        onCancel={() => setFulfilling(undefined)}
        onOk={submit}
        confirmLoading={saving}
        forceRender
      >
        <Alert type="info" showIcon message={t('fissionPrizes.fulfilHint')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" initialValues={{ note: '' }}>
          <Form.Item name="note" label={t('fissionPrizes.note')} rules={[{ max: 200 }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} placeholder={t('fissionPrizes.notePlaceholder')} data-testid="fission-fulfil-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
