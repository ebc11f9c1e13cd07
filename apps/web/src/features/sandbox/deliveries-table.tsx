import { Badge, Card, Table, Tooltip, Typography, type TableColumnsType } from 'antd'
import { CloudSyncOutlined } from '@ant-design/icons'
import type { SandboxDelivery } from '../../api/types'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import type { MessageKey } from '../../i18n/zh-CN'
import { formatTime } from '../../shared/format'
import { useRequest } from '../../shared/use-request'

const POLL_MS = 2_000

/** The sandbox's delivery states: pending until WeCom's callback got a 200, else failed after its retries. */
const STATUS: Record<string, { badge: 'success' | 'processing' | 'error'; label: MessageKey }> = {
  delivered: { badge: 'success', label: 'sandbox.delivery.delivered' },
  pending: { badge: 'processing', label: 'sandbox.delivery.pending' },
  failed: { badge: 'error', label: 'sandbox.delivery.failed' },
}

/** Callbacks the sandbox WeCom pushed to Pond, newest first. */
export function DeliveriesTable() {
  const t = useT()
  const { data, loading } = useRequest(() => call(api.GET('/api/sandbox/deliveries', { params: { query: { limit: 50 } } })), [], {
    pollMs: POLL_MS,
  })
  const columns: TableColumnsType<SandboxDelivery> = [
    { title: t('sandbox.delivery.at'), dataIndex: 'at', width: 130, render: formatTime },
    { title: t('sandbox.delivery.changeType'), dataIndex: 'changeType', render: (v: string) => <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Text> },
    {
      title: t('sandbox.delivery.status'),
      dataIndex: 'status',
      width: 130,
      render: (status: string, row) => (
        <Tooltip title={row.lastError}>
          <Badge status={STATUS[status]?.badge ?? 'default'} text={STATUS[status] ? t(STATUS[status].label) : status} />
        </Tooltip>
      ),
    },
    { title: t('sandbox.delivery.attempts'), dataIndex: 'attempts', width: 100, align: 'right' },
  ]
  return (
    <Card
      title={<span><CloudSyncOutlined /> {t('sandbox.deliveries')}</span>}
      extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sandbox.autoRefresh', { seconds: POLL_MS / 1000 })}</Typography.Text>}
      style={{ height: '100%' }}
    >
      <Table<SandboxDelivery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items}
        loading={loading && !data}
        pagination={false}
        scroll={{ y: 320 }}
        data-testid="sandbox-deliveries"
      />
    </Card>
  )
}
