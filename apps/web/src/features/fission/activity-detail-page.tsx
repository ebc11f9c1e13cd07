import { useState } from 'react'
import { Card, Descriptions, Flex, Spin, Tabs, Typography } from 'antd'
import { useNavigate, useParams } from 'react-router-dom'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { ROUTES } from '../../app/routes'
import { formatDateTime } from '../../shared/format'
import { PageHeader } from '../../shared/page-header'
import { useRequest } from '../../shared/use-request'
import { ActivityActions } from './activity-actions'
import { AuditLogTab } from './audit-log'
import { FunnelPanel } from './funnel-panel'
import { HelpsTable } from './helps-table'
import { FissionLeaderboard } from './leaderboard/leaderboard'
import { StatusBadge } from './labels'
import { ParticipantsTable } from './participants-table'
import { PrizesTable } from './prizes-table'
import { ResultsExport } from './results-export'
import { TiersCard } from './tiers-card'

/** One activity: state and actions, results, participants, helps under review, audit. */
export function ActivityDetailPage() {
  const t = useT()
  const navigate = useNavigate()
  const { id = '' } = useParams<{ id: string }>()
  // Bumped by every change so the funnel, tiers and audit re-read together.
  const [version, setVersion] = useState(0)
  const changed = () => setVersion((v) => v + 1)
  const activity = useRequest(() => call(api.GET('/api/fission/activities/{id}', { params: { path: { id } } })), [id, version])
  const funnel = useRequest(() => call(api.GET('/api/fission/activities/{id}/funnel', { params: { path: { id } } })), [id, version], { pollMs: 15_000 })
  const a = activity.data
  if (!a) return <Spin spinning={activity.loading}><div style={{ minHeight: 300 }} /></Spin>

  return (
    <>
      <PageHeader
        title={<Flex align="center" gap={12}>{a.name}<Typography.Text style={{ fontSize: 14, fontWeight: 'normal' }}><StatusBadge status={a.status} t={t} /></Typography.Text></Flex>}
        description={`${formatDateTime(a.startsAt)} ~ ${formatDateTime(a.endsAt)}`}
        extra={<Flex gap={8}>{a.status !== 'draft' && <ResultsExport activityId={id} />}<ActivityActions activity={a} size="middle" onChanged={changed} onDeleted={() => navigate(ROUTES.fission)} /></Flex>}
      />
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'overview',
            label: t('fission.tab.overview'),
            children: (
              <Flex vertical gap={16}>
                {funnel.data && <FunnelPanel funnel={funnel.data} />}
                <TiersCard activity={a} onChanged={changed} />
                {a.rules && (
                  <Card size="small" title={t('fission.rules')}>
                    <Descriptions column={1} items={[{ key: 'rules', children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.rules}</Typography.Paragraph> }]} />
                  </Card>
                )}
              </Flex>
            ),
          },
          { key: 'participants', label: t('fission.tab.participants'), children: <ParticipantsTable activityId={id} /> },
          { key: 'helps', label: t('fission.tab.helps'), children: <HelpsTable activityId={id} onReviewed={changed} /> },
          { key: 'prizes', label: t('fissionPrizes.tab'), children: <PrizesTable activityId={id} onFulfilled={changed} /> },
          ...(a.status === 'draft' ? [] : [{ key: 'leaderboard', label: t('fissionRanks.tab'), children: <FissionLeaderboard activityId={id} /> }]),
          { key: 'audit', label: t('fission.tab.audit'), children: <AuditLogTab activityId={id} version={version} /> },
        ]}
      />
    </>
  )
}
