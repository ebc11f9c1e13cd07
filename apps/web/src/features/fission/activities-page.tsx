import { Button, Card, Space, Table, Tabs, Typography } from 'antd'
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useCan } from '../../app/permissions'
import { ROUTES } from '../../app/routes'
import { formatDateTime } from '../../shared/format'
import { PageHeader } from '../../shared/page-header'
import { useRequest } from '../../shared/use-request'
import { ActivityActions } from './activity-actions'
import { BlacklistPanel } from './blacklist-panel'
import { StatusBadge } from './labels'
import type { ActivityRow } from './types'

/** 裂变活动: the activities, and the corp-wide blacklist their helps are checked against. */
export function ActivitiesPage() {
  const t = useT()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const writable = useCan()('fission.write')
  const list = useRequest(() => call(api.GET('/api/fission/activities')), [])
  const tab = params.get('tab') === 'blacklist' ? 'blacklist' : 'activities'

  const columns = [
    {
      title: t('fission.name'), dataIndex: 'name', key: 'name',
      render: (name: string, a: ActivityRow) => <Link to={`${ROUTES.fission}/${a.id}`}>{name}</Link>,
    },
    { title: t('fission.status'), dataIndex: 'status', key: 'status', width: 110, render: (s: ActivityRow['status']) => <StatusBadge status={s} t={t} /> },
    {
      title: t('fission.period'), key: 'period', width: 290,
      render: (_: unknown, a: ActivityRow) => `${formatDateTime(a.startsAt)} ~ ${formatDateTime(a.endsAt)}`,
    },
    { title: `${t('fission.participants')} / ${t('fission.completed')} / ${t('fission.newCustomers')}`, key: 'funnel', width: 220, render: (_: unknown, a: ActivityRow) => <RowFunnel activity={a} /> },
    { title: t('common.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 160, render: formatDateTime },
    {
      title: t('common.actions'), key: 'actions', width: 300, fixed: 'right' as const,
      render: (_: unknown, a: ActivityRow) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => navigate(`${ROUTES.fission}/${a.id}`)}>{t('fission.detail')}</Button>
          <ActivityActions activity={a} onChanged={list.refresh} onDeleted={list.refresh} />
        </Space>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('fission.title')}
        description={t('fission.description')}
        extra={writable && tab === 'activities' && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`${ROUTES.fission}/new`)} data-testid="fission-create">{t('fission.create')}</Button>
        )}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'blacklist' ? { tab: key } : {})}
        items={[
          {
            key: 'activities',
            label: t('fission.tab.activities'),
            children: (
              <Card extra={<Button type="text" icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />} title={t('fission.tab.activities')}>
                <Table<ActivityRow> rowKey="id" columns={columns} dataSource={list.data?.items} loading={list.loading} pagination={false} scroll={{ x: 1300 }} data-testid="fission-table" />
              </Card>
            ),
          },
          { key: 'blacklist', label: t('fission.tab.blacklist'), children: <BlacklistPanel /> },
        ]}
      />
    </>
  )
}

/** Participants / completed / new customers of one row; drafts have none yet. */
function RowFunnel({ activity }: { activity: ActivityRow }) {
  const draft = activity.status === 'draft'
  const { data } = useRequest(() => call(api.GET('/api/fission/activities/{id}/funnel', { params: { path: { id: activity.id } } })), [activity.id, activity.status], { enabled: !draft })
  if (draft || !data) return <Typography.Text type="secondary">-</Typography.Text>
  return <Typography.Text>{data.participants} / {data.completed} / {data.newCustomers}</Typography.Text>
}
