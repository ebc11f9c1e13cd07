import { Alert, Badge, Flex, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd'
import type { SyncKind, SyncRun, SyncStatus } from '../../../api/types'
import { useT, type Translate } from '../../../app/i18n'
import type { MessageKey } from '../../../i18n/zh-CN'
import { formatTime } from '../../../shared/format'

export const SYNC_STATUS_BADGE: Record<SyncStatus, 'default' | 'processing' | 'success' | 'warning' | 'error'> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  partial: 'warning',
  failed: 'error',
}

type SyncFailure = SyncRun['failures'][number]

export const SYNC_KIND_COLOR: Record<SyncKind, string> = { import: 'blue', reconcile: 'cyan' }

/** What a run reports (apps/server/src/modules/customers/sync: SyncStats plus the tag count); other keys show as they come. */
const STAT_LABEL: Record<string, MessageKey> = {
  customers: 'sync.stat.customers',
  relationsAdded: 'sync.stat.relationsAdded',
  tagsAdded: 'sync.stat.tagsAdded',
  relationsLost: 'sync.stat.relationsLost',
  tags: 'sync.stat.tags',
  employeesFailed: 'sync.stat.employeesFailed',
}
/** Repairs are what a reconciliation is for: they stand out when non-zero; failures stand out more. */
const STAT_COLOR: Record<string, string> = { relationsAdded: 'green', tagsAdded: 'green', relationsLost: 'orange', employeesFailed: 'red' }
/** How the run paced WeCom (sync/pace.ts): shown on their own line, not as results. */
const PACING = new Set(['calls', 'retries', 'retries45033', 'retries45009', 'retriesBusy', 'concurrencyPeak', 'concurrencyEnd', 'durationMs'])

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
  const stats = Object.entries(run.stats).filter(([key]) => !PACING.has(key)).sort(([a], [b]) => rank(a) - rank(b))
  if (stats.length === 0) return <Typography.Text type="secondary">-</Typography.Text>
  return (
    <Flex vertical gap={4}>
      <Space size={[4, 4]} wrap>
        {stats.map(([key, value]) => (
          <Tag key={key} color={value > 0 ? STAT_COLOR[key] : undefined} style={{ marginInlineEnd: 0 }}>
            {STAT_LABEL[key] ? t(STAT_LABEL[key]) : key} {value.toLocaleString()}
          </Tag>
        ))}
      </Space>
      <Pacing stats={run.stats} t={t} />
    </Flex>
  )
}

/** Concurrency used, calls and retries by cause, so an operator sees how hard WeCom pushed back. */
function Pacing({ stats, t }: { stats: Record<string, number>; t: Translate }) {
  if (stats.calls === undefined) return null
  const retries = t('sync.pacing.retries', { n: stats.retries ?? 0, c45033: stats.retries45033 ?? 0, c45009: stats.retries45009 ?? 0, busy: stats.retriesBusy ?? 0 })
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="sync-run-pacing">
      {t('sync.pacing.concurrency', { peak: stats.concurrencyPeak ?? 0, end: stats.concurrencyEnd ?? 0 })}
      {' · '}{t('sync.pacing.calls', { n: stats.calls })}
      {' · '}<Typography.Text type={stats.retries ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>{retries}</Typography.Text>
      {stats.durationMs !== undefined && <>{' · '}{t('sync.pacing.duration', { seconds: (stats.durationMs / 1000).toFixed(1) })}</>}
    </Typography.Text>
  )
}

/** Calls WeCom kept refusing after every retry: whose customers this run could not read, and why. */
function Failures({ failures, t }: { failures: SyncFailure[]; t: Translate }) {
  return (
    <Flex vertical gap={8} style={{ padding: '4px 0' }} data-testid="sync-run-failures">
      <Alert type="warning" showIcon title={t('sync.failures.title', { n: failures.length })} description={t('sync.failures.hint')} />
      <Table<SyncFailure>
        rowKey={(f) => `${f.userids.join(',')}:${f.cursor ?? ''}`}
        size="small"
        pagination={false}
        dataSource={failures}
        columns={[
          { title: t('sync.failures.employees'), key: 'employees', width: 160, render: (_, f) => f.employeeNames.join('、') },
          { title: t('sync.failures.page'), key: 'page', width: 100, render: (_, f) => (f.cursor ? t('sync.failures.laterPage') : t('sync.failures.firstPage')) },
          {
            title: t('sync.failures.error'), key: 'error', ellipsis: { showTitle: false },
            render: (_, f) => <Typography.Text type="danger" ellipsis={{ tooltip: f.message }}>{f.errcode} {f.message}</Typography.Text>,
          },
          { title: t('sync.failures.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
        ]}
      />
    </Flex>
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
      expandable={{
        rowExpandable: (run) => run.failures.length > 0,
        expandedRowRender: (run) => <Failures failures={run.failures} t={t} />,
      }}
      data-testid="sync-runs"
    />
  )
}
