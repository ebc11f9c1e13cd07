import { useState } from 'react'
import { Badge, Button, Card, Empty, Flex, Form, Select, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { ArrowRightOutlined, SyncOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import type { TransferRecord, TransferStatus } from '../../../api/types'
import { api, call } from '../../../app/api'
import { showError, toastSuccess } from '../../../app/feedback'
import { useT, type Translate } from '../../../app/i18n'
import { CursorPager } from '../../../shared/cursor-pager'
import { FilterBar } from '../../../shared/filter-bar'
import { formatDateTime } from '../../../shared/format'
import { useCursorPager } from '../../../shared/use-cursor-pager'
import { useRequest } from '../../../shared/use-request'
import { TRANSFER_STATUS_BADGE, TRANSFER_STATUSES } from './transfer-labels'

type Filters = { status?: TransferStatus }

/** WeCom completes a transfer 24 hours after it starts unless the customer refuses. */
const TAKEOVER_HOURS = 24

function recordColumns(t: Translate): TableColumnsType<TransferRecord> {
  return [
    { title: t('customers.customer'), dataIndex: 'customerName', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    {
      title: t('transfers.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: TransferRecord['kind']) => <Tag color={kind === 'on_job' ? 'blue' : 'purple'}>{t(`transfers.kind.${kind}`)}</Tag>,
    },
    {
      title: t('transfers.handoverToTakeover'),
      key: 'people',
      render: (_, r) => (
        <Flex align="center" gap={6}>
          {r.handoverName || '-'}
          <ArrowRightOutlined style={{ color: '#94a3b8', fontSize: 12 }} />
          {r.takeoverName || '-'}
        </Flex>
      ),
    },
    {
      title: t('transfers.status'),
      dataIndex: 'status',
      width: 220,
      render: (status: TransferStatus, r) => (
        <div>
          <Badge status={TRANSFER_STATUS_BADGE[status]} text={t(`transfers.status.${status}`)} />
          {status === 'waiting' && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('transfers.dueBy', { at: formatDateTime(dayjs(r.requestedAt).add(TAKEOVER_HOURS, 'hour').toISOString()) })}
            </Typography.Text>
          )}
          {r.errcode !== null && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('transfers.errcode', { code: r.errcode })}</Typography.Text>}
        </div>
      ),
    },
    { title: t('transfers.requestedAt'), dataIndex: 'requestedAt', width: 160, render: formatDateTime },
    { title: t('transfers.completedAt'), dataIndex: 'completedAt', width: 160, render: formatDateTime },
  ]
}

/** 转接记录: every transfer Pond started, with WeCom's latest verdict. */
export function TransferRecords() {
  const t = useT()
  const [form] = Form.useForm<Filters>()
  const [filters, setFilters] = useState<Filters>({})
  const [refreshing, setRefreshing] = useState(false)
  const pager = useCursorPager()
  const query = { ...filters, limit: pager.pageSize, cursor: pager.cursor }
  const list = useRequest(() => call(api.GET('/api/customers/transfers', { params: { query } })), [JSON.stringify(query)])

  const refreshStatus = async () => {
    setRefreshing(true)
    try {
      await call(api.POST('/api/customers/transfers/refresh'))
      toastSuccess(t('transfers.refreshed'))
      void list.reload()
    } catch (error) {
      showError(error)
    } finally {
      setRefreshing(false)
    }
  }

  return (
    <>
      <FilterBar<Filters>
        form={form}
        onSearch={(values) => {
          setFilters(values.status ? { status: values.status } : {})
          pager.reset()
        }}
      >
        <Form.Item name="status" label={t('transfers.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 160 }}
            options={TRANSFER_STATUSES.map((s) => ({ value: s, label: t(`transfers.status.${s}`) }))}
            data-testid="transfer-status-filter"
          />
        </Form.Item>
      </FilterBar>
      <Card
        title={t('transfers.records')}
        extra={
          <Button icon={<SyncOutlined spin={refreshing} />} loading={refreshing} onClick={refreshStatus} data-testid="transfer-refresh-status">
            {t('transfers.refreshStatus')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }}>
          {t('transfers.refreshHint')}
        </Typography.Paragraph>
        <Table<TransferRecord>
          rowKey="id"
          columns={recordColumns(t)}
          dataSource={list.data?.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 980 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('transfers.noRecords')} /> }}
          data-testid="transfer-records"
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} testId="transfer-records-pager" />
      </Card>
    </>
  )
}
