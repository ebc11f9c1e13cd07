import { Badge, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd'
import type { SyncKind, SyncRun, SyncStatus } from '../../../api/types'
import { useT, type Translate } from '../../../app/i18n'
import type { MessageKey } from '../../../i18n/zh-CN'
import { formatTime } from '../../../shared/format'

export const SYNC_STATUS_BADGE: Record<SyncStatus, 'default' | 'processing' | 'success' | 'error'> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
}

export const SYNC_KIND_COLOR: Record<SyncKind, string> = { import: 'blue', reconcile: 'cyan' }

/** What a run reports (apps/server/src/modules/customers/sync: SyncStats plus the tag count); other keys show as they come. */
const STAT_LABEL: Record<string, MessageKey> = {
  customers: 'sync.stat.customers',
  relationsAdded: 'sync.stat.relationsAdded',
  tagsAdded: 'sync.stat.tagsAdded',
  relationsLost: 'sync.stat.relationsLost',
  tags: 'sync.stat.tags',
}
/** Repairs are what a reconciliation is for: they stand out when non-zero. */
const STAT_COLOR: Record<string, string> = { relationsAdded: 'green', tagsAdded: 'green', relationsLost: 'orange' }

export const isActive = (run: SyncRun) => run.status === 'queued' || run.status === 'running'

function StatChips({ run, t }: { run: SyncRun; t: Translate }) {
  if (run.status === 'failed') {
    return (
      <Typography.Text type="danger" ellipsis={{ tooltip: run.error }} style={{ maxWidth: 360 }} data-testid="sync-run-error">
        {run.error ?? t('error.unknown')}
      </Typography.Text>
    )
  }
  const order = Object.keys(STAT_LABEL)
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length)
  const stats = Object.entries(run.stats).sort(([a], [b]) => rank(a) - rank(b))
  if (stats.length === 0) return <Typography.Text type="secondary">-</Typography.Text>
  return (
    <Space size={[4, 4]} wrap>
      {stats.map(([key, value]) => (
        <Tag key={key} color={value > 0 ? STAT_COLOR[key] : undefined} style={{ marginInlineEnd: 0 }}>
          {STAT_LABEL[key] ? t(STAT_LABEL[key]) : key} {value.toLocaleString()}
        </Tag>
      ))}
    </Space>
  )
}

function columns(t: Translate): TableColumnsType<SyncRun> {
  return [
    { title: t('sync.kind'), dataIndex: 'kind', width: 110, render: (kind: SyncKind) => <Tag color={SYNC_KIND_COLOR[kind]}>{t(`sync.kind.${kind}`)}</Tag> },
    { title: t('sync.status'), dataIndex: 'status', width: 120, render: (status: SyncStatus) => <Badge status={SYNC_STATUS_BADGE[status]} text={t(`sync.status.${status}`)} /> },
    {
      title: t('sync.time'),
      key: 'time',
      width: 170,
      render: (_, run) => (
        <Tooltip title={t('sync.queuedAt', { at: formatTime(run.createdAt) })}>
          <div style={{ fontSize: 12 }}>
            <div>{t('sync.startedAt', { at: formatTime(run.startedAt) })}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sync.finishedAt', { at: formatTime(run.finishedAt) })}</Typography.Text>
          </div>
        </Tooltip>
      ),
    },
    { title: t('sync.result'), key: 'stats', render: (_, run) => <StatChips run={run} t={t} /> },
  ]
}

export function SyncRunsTable({ runs, loading }: { runs?: SyncRun[]; loading: boolean }) {
  const t = useT()
  return (
    <Table<SyncRun>
      rowKey="id"
      size="small"
      columns={columns(t)}
      dataSource={runs}
      loading={loading && !runs}
      pagination={false}
      locale={{ emptyText: t('sync.noRuns') }}
      data-testid="sync-runs"
    />
  )
}
