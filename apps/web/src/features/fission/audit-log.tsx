import { Card, Flex, Table, Tag, Typography } from 'antd'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useCan } from '../../app/permissions'
import { formatDateTime } from '../../shared/format'
import { useRequest } from '../../shared/use-request'
import { codeLabel } from './labels'

/** The audit route has no response schema, so its shape is stated here (repo.listAudit / repo.ledgerOf). */
type AuditEntry = { action: string; actorUserId: string | null; data: Record<string, unknown>; createdAt: string }
type LedgerEntry = { level: number; delta: number; stockLeft: number; reason: string; completionId: string | null }
type AuditLog = { entries: AuditEntry[]; ledger: LedgerEntry[] }

/** Who changed the activity and when (publishing, ending early, extending, top-ups, reviews), and every stock change. */
export function AuditLogTab({ activityId, version }: { activityId: string; version: number }) {
  const t = useT()
  const canSeeUsers = useCan()('org.user.read')
  const users = useRequest(() => call(api.GET('/api/users')), [], { enabled: canSeeUsers })
  const userName = (id: string | null) => (id ? users.data?.items.find((u) => u.id === id)?.displayName ?? id.slice(0, 8) : t('fission.audit.system'))
  const { data, loading } = useRequest(
    async () => (await call(api.GET('/api/fission/activities/{id}/audit', { params: { path: { id: activityId } } }))) as unknown as AuditLog,
    [activityId, version],
  )
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Table<AuditEntry>
          rowKey={(e) => `${e.createdAt}-${e.action}`}
          size="small"
          loading={loading}
          pagination={false}
          dataSource={[...(data?.entries ?? [])].reverse()}
          data-testid="fission-audit"
          columns={[
            { title: t('fission.audit.at'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
            { title: t('fission.audit.action'), dataIndex: 'action', width: 200, render: (a: string) => <Tag>{codeLabel(t, 'fission.auditAction', a)}</Tag> },
            { title: t('fission.audit.actor'), dataIndex: 'actorUserId', width: 120, render: userName },
            {
              title: t('fission.audit.data'), dataIndex: 'data',
              render: (d: Record<string, unknown>) => <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>{JSON.stringify(d)}</Typography.Text>,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('fission.audit.ledger')}>
        <Table<LedgerEntry>
          rowKey={(_, i) => String(i)}
          size="small"
          loading={loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={data?.ledger}
          columns={[
            { title: '#', dataIndex: 'level', width: 90, render: (level: number) => t('fission.tier.level', { level }) },
            { title: t('fission.ledger.delta'), dataIndex: 'delta', width: 100, render: (d: number) => <Typography.Text type={d < 0 ? 'danger' : 'success'}>{d > 0 ? `+${d}` : d}</Typography.Text> },
            { title: t('fission.tier.stockLeft'), dataIndex: 'stockLeft', width: 100 },
            { title: t('fission.ledger.reason'), dataIndex: 'reason', render: (r: string) => codeLabel(t, 'fission.ledgerReason', r) },
          ]}
        />
      </Card>
    </Flex>
  )
}
