import { Badge, Button, Card, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { ReloadOutlined } from '@ant-design/icons'
import type { ResponseOf } from '../../../api/types'
import { api, call } from '../../../app/api'
import { useT, type Translate } from '../../../app/i18n'
import { CursorPager } from '../../../shared/cursor-pager'
import { formatDateTime } from '../../../shared/format'
import { PageHeader } from '../../../shared/page-header'
import { useCursorPager } from '../../../shared/use-cursor-pager'
import { useRequest } from '../../../shared/use-request'

type ExportLog = ResponseOf<'/api/customers/exports'>['items'][number]

const STATUS_BADGE: Record<ExportLog['status'], 'processing' | 'success' | 'error'> = { running: 'processing', done: 'success', failed: 'error' }

/** The filters as given ("q: 张", "tagId: …"); dates as dates. */
const FilterChips = ({ filter, t }: { filter: ExportLog['filter']; t: Translate }) => {
  const entries = Object.entries(filter)
  if (entries.length === 0) return <Typography.Text type="secondary">{t('exports.log.noFilter')}</Typography.Text>
  return (
    <Flex gap={4} wrap>
      {entries.map(([key, value]) => (
        <Tag key={key} style={{ marginInlineEnd: 0 }}>
          {key}: {typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? formatDateTime(value) : String(value)}
        </Tag>
      ))}
    </Flex>
  )
}

function logColumns(t: Translate): TableColumnsType<ExportLog> {
  return [
    { title: t('exports.log.createdAt'), dataIndex: 'createdAt', width: 150, render: formatDateTime },
    { title: t('exports.log.user'), dataIndex: 'username', width: 120 },
    {
      title: t('exports.log.source'),
      key: 'source',
      width: 180,
      render: (_, r) => (r.source === 'segment' ? t('exports.log.source.segment', { name: r.segmentName ?? '' }) : t('exports.log.source.customers')),
    },
    { title: t('exports.log.filter'), dataIndex: 'filter', render: (filter: ExportLog['filter']) => <FilterChips filter={filter} t={t} /> },
    { title: t('exports.log.format'), dataIndex: 'format', width: 80, render: (format: string) => <Tag color={format === 'xlsx' ? 'green' : 'blue'}>{format.toUpperCase()}</Tag> },
    {
      title: t('exports.log.masked'),
      dataIndex: 'masked',
      width: 90,
      render: (masked: boolean) => <Tag color={masked ? 'default' : 'orange'}>{t(masked ? 'exports.log.masked.yes' : 'exports.log.masked.no')}</Tag>,
    },
    { title: t('exports.log.rows'), dataIndex: 'rowCount', width: 100, align: 'right', render: (n: number | null) => (n === null ? '-' : n.toLocaleString()) },
    {
      title: t('exports.log.status'),
      dataIndex: 'status',
      width: 130,
      render: (status: ExportLog['status'], r) => (
        <div>
          <Badge status={STATUS_BADGE[status]} text={t(`exports.log.status.${status}`)} />
          {r.error && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: r.error }}>{r.error}</Typography.Text>}
        </div>
      ),
    },
    { title: t('exports.log.finishedAt'), dataIndex: 'finishedAt', width: 150, render: formatDateTime },
  ]
}

/** 导出记录: every customer export, who made it and how it ended (customers.export.log). */
export function ExportLogsPage() {
  const t = useT()
  const pager = useCursorPager()
  const query = { limit: pager.pageSize, cursor: pager.cursor }
  const list = useRequest(() => call(api.GET('/api/customers/exports', { params: { query } })), [JSON.stringify(query)])
  return (
    <>
      <PageHeader
        title={t('exports.log.title')}
        description={t('exports.log.description')}
        extra={<Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.refresh')}</Button>}
      />
      <Card>
        <Table<ExportLog>
          rowKey="id"
          columns={logColumns(t)}
          dataSource={list.data?.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exports.log.empty')} /> }}
          data-testid="export-logs"
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} testId="export-logs-pager" />
      </Card>
    </>
  )
}
