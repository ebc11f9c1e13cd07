import { useState } from 'react'
import { Alert, Badge, Button, Card, Col, Drawer, Flex, Popconfirm, Row, Typography } from 'antd'
import { CloudDownloadOutlined, CloudSyncOutlined, ReloadOutlined } from '@ant-design/icons'
import type { SyncKind } from '../../../api/types'
import { api, call } from '../../../app/api'
import { showError, toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { formatTime } from '../../../shared/format'
import { useRequest } from '../../../shared/use-request'
import { isActive, SYNC_STATUS_BADGE, SyncRunsTable } from './sync-runs-table'

/** While a run is queued or running its progress is followed this often. */
const ACTIVE_POLL_MS = 3_000
const KINDS: { kind: SyncKind; icon: typeof CloudDownloadOutlined }[] = [
  { kind: 'import', icon: CloudDownloadOutlined },
  { kind: 'reconcile', icon: CloudSyncOutlined },
]

/**
 * 与企业微信同步 (customers page, org.sync): the latest run beside a button, and a drawer to start a full import
 * or a reconciliation and follow the recent runs.
 */
export function SyncPanel() {
  const t = useT()
  const [open, setOpen] = useState(false)
  const [starting, setStarting] = useState<SyncKind>()
  const [polling, setPolling] = useState(false)
  const runs = useRequest(() => call(api.GET('/api/customers/sync-runs')), [], { pollMs: polling ? ACTIVE_POLL_MS : undefined })
  const items = runs.data?.items ?? []
  const active = items.some(isActive)
  if (active !== polling) setPolling(active)
  const latest = items[0]

  const start = async (kind: SyncKind) => {
    setStarting(kind)
    try {
      await call(api.POST('/api/customers/sync-runs', { body: { kind } }))
      toastSuccess(t('sync.started', { kind: t(`sync.kind.${kind}`) }))
      void runs.refresh()
    } catch (error) {
      showError(error)
    } finally {
      setStarting(undefined)
    }
  }

  return (
    <>
      <Flex align="center" gap={10}>
        {latest && (
          <Badge
            status={SYNC_STATUS_BADGE[latest.status]}
            text={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('sync.latest', { kind: t(`sync.kind.${latest.kind}`), status: t(`sync.status.${latest.status}`), at: formatTime(latest.finishedAt ?? latest.startedAt ?? latest.createdAt) })}
              </Typography.Text>
            }
            data-testid="sync-latest"
          />
        )}
        <Button icon={<CloudSyncOutlined spin={active} />} onClick={() => setOpen(true)} data-testid="sync-open">
          {t('sync.title')}
        </Button>
      </Flex>
      <Drawer open={open} onClose={() => setOpen(false)} size={760} title={t('sync.title')}>
        <Alert type="info" showIcon title={t('sync.howTitle')} description={t('sync.how')} style={{ marginBottom: 16 }} />
        <Row gutter={16} style={{ marginBottom: 16 }}>
          {KINDS.map(({ kind, icon: Icon }) => (
            <Col span={12} key={kind}>
              <Card size="small" style={{ height: '100%' }} styles={{ body: { height: '100%' } }}>
                <Flex vertical gap={8} style={{ height: '100%' }}>
                  <Typography.Text strong>
                    <Icon style={{ marginInlineEnd: 6, color: '#1d4ed8' }} />
                    {t(`sync.kind.${kind}`)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, flex: 1 }}>{t(`sync.hint.${kind}`)}</Typography.Text>
                  <Popconfirm title={t(`sync.confirm.${kind}`)} description={t('sync.confirmHint')} onConfirm={() => start(kind)} disabled={active}>
                    <Button type={kind === 'reconcile' ? 'primary' : 'default'} disabled={active} loading={starting === kind} data-testid={`sync-start-${kind}`}>
                      {t(`sync.start.${kind}`)}
                    </Button>
                  </Popconfirm>
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Text strong>{t('sync.recent')}</Typography.Text>
          <Flex align="center" gap={8}>
            {active && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sync.autoRefresh', { seconds: ACTIVE_POLL_MS / 1000 })}</Typography.Text>}
            <Button type="text" size="small" icon={<ReloadOutlined />} onClick={runs.reload} aria-label={t('common.refresh')} data-testid="sync-refresh" />
          </Flex>
        </Flex>
        <SyncRunsTable runs={runs.data?.items} loading={runs.loading} />
      </Drawer>
    </>
  )
}
