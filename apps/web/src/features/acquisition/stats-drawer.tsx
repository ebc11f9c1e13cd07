import { Button, Card, Col, Drawer, Progress, Row, Statistic, Table, Tag, type TableColumnsType } from 'antd'
import { ReloadOutlined } from '@ant-design/icons'
import type { LiveCode, LiveCodeStats } from '../../api/types'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useRequest } from '../../shared/use-request'
import { DailyChart } from './daily-chart'

type EmployeeStat = LiveCodeStats['perEmployee'][number]

function EmployeeTable({ rows }: { rows: EmployeeStat[] }) {
  const t = useT()
  const columns: TableColumnsType<EmployeeStat> = [
    { title: t('liveCode.employee'), dataIndex: 'name' },
    {
      title: t('liveCode.stats.todayVsCap'),
      key: 'today',
      width: 200,
      render: (_, row) =>
        row.dailyCap ? (
          <Progress
            percent={Math.min(100, Math.round((row.addsToday / row.dailyCap) * 100))}
            format={() => `${row.addsToday}/${row.dailyCap}`}
            status={row.capped ? 'exception' : 'active'}
            size="small"
          />
        ) : (
          `${row.addsToday} / ${t('liveCode.unlimited')}`
        ),
    },
    { title: t('liveCode.stats.addsTotal'), dataIndex: 'addsTotal', align: 'right' },
    { title: t('liveCode.stats.lost'), dataIndex: 'lost', align: 'right' },
    {
      title: t('liveCode.stats.rotation'),
      dataIndex: 'capped',
      render: (capped: boolean) => (capped ? <Tag color="red">{t('liveCode.stats.capped')}</Tag> : <Tag color="green">{t('liveCode.stats.receiving')}</Tag>),
    },
  ]
  return <Table<EmployeeStat> rowKey="employeeId" size="small" columns={columns} dataSource={rows} pagination={false} />
}

export function StatsDrawer({ code, onClose }: { code: LiveCode | undefined; onClose: () => void }) {
  const t = useT()
  const id = code?.id
  const { data, loading, reload } = useRequest(
    () => call(api.GET('/api/live-codes/{id}/stats', { params: { path: { id: id ?? '' } } })),
    [id],
    { enabled: !!id, pollMs: 10_000 },
  )
  const stats = id && data ? data : undefined
  const cards = [
    { key: 'today', title: t('liveCode.stats.addsToday'), value: stats?.addsToday },
    { key: 'total', title: t('liveCode.stats.addsTotal'), value: stats?.addsTotal },
    { key: 'lost', title: t('liveCode.stats.lostTotal'), value: stats?.lostTotal },
    { key: 'net', title: t('liveCode.stats.net'), value: stats ? stats.addsTotal - stats.lostTotal : undefined },
  ]
  return (
    <Drawer
      open={!!code}
      onClose={onClose}
      size={760}
      title={t('liveCode.statsTitle', { name: code?.name ?? '' })}
      extra={<Button icon={<ReloadOutlined />} onClick={reload} loading={loading} aria-label={t('common.refresh')} />}
      destroyOnHidden
    >
      <Row gutter={[12, 12]}>
        {cards.map((card) => (
          <Col span={6} key={card.key}>
            <Card size="small">
              <Statistic title={card.title} value={card.value ?? '-'} loading={loading && !stats} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('liveCode.stats.daily')} style={{ marginTop: 16 }}>
        <DailyChart daily={stats?.daily ?? []} />
      </Card>
      <Card size="small" title={t('liveCode.stats.perEmployee')} style={{ marginTop: 16 }}>
        <EmployeeTable rows={stats?.perEmployee ?? []} />
      </Card>
    </Drawer>
  )
}
