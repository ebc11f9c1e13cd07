import { Avatar, Button, Card, Flex, Segmented, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import { useState } from 'react'
import { api, call } from '../../../app/api'
import { useT } from '../../../app/i18n'
import type { ResponseOf } from '../../../api/types'
import { useRequest } from '../../../shared/use-request'
import { DailyTrend } from './daily-trend'
import { DepartmentLevelSelect } from './department-level-select'

type Board = ResponseOf<'/api/fission/activities/{id}/leaderboard'>
type RankRow = Board['items'][number]
type By = 'employee' | 'department'

const MEDALS = ['#faad14', '#a6a6a6', '#d48806']   // gold, silver, bronze

/** 1–3 get a medal, the rest their number. */
function RankCell({ rank }: { rank: number }) {
  return rank <= 3
    ? <Avatar size={28} style={{ background: MEDALS[rank - 1], fontWeight: 600 }} data-testid={`medal-${rank}`}>{rank}</Avatar>
    : <Typography.Text style={{ display: 'inline-block', width: 28, textAlign: 'center' }}>{rank}</Typography.Text>
}

/** An activity's leaderboards (by employee, team PK by department) and its daily trend. */
export function FissionLeaderboard({ activityId }: { activityId: string }) {
  const t = useT()
  const [by, setBy] = useState<By>('employee')
  const [level, setLevel] = useState(1)
  const board = useRequest(() => call(api.GET('/api/fission/activities/{id}/leaderboard', { params: { path: { id: activityId }, query: { by, level, limit: 500 } } })), [activityId, by, level])
  const stats = useRequest(() => call(api.GET('/api/fission/activities/{id}/stats', { params: { path: { id: activityId }, query: { bucket: 'day' } } })), [activityId])
  const metric = (key: 'participants' | 'counted' | 'completed' | 'newCustomers' | 'netNewCustomers', label: string) =>
    ({ title: label, dataIndex: key, align: 'right' as const, width: 110 })
  const columns: ColumnsType<RankRow> = [
    { title: t('fissionRanks.rank'), dataIndex: 'rank', width: 80, align: 'center', render: (rank: number) => <RankCell rank={rank} /> },
    {
      title: by === 'employee' ? t('fissionRanks.employee') : t('fissionRanks.department'),
      render: (_, row) => 'employees' in row
        ? <Flex gap={8} align="baseline"><Typography.Text strong>{row.name}</Typography.Text><Typography.Text type="secondary">{t('fissionRanks.employees', { n: row.employees })}</Typography.Text></Flex>
        : <Typography.Text strong>{row.name}</Typography.Text>,
    },
    metric('participants', t('fissionRanks.participants')),
    metric('counted', t('fissionRanks.counted')),
    metric('completed', t('fissionRanks.completed')),
    metric('newCustomers', t('fissionRanks.newCustomers')),
    { ...metric('netNewCustomers', t('fissionRanks.netNew')), render: (n: number) => <Typography.Text strong>{n}</Typography.Text> },
  ]
  return (
    <Flex vertical gap={16} data-testid="fission-leaderboard">
      <Card
        size="small"
        title={t('fissionRanks.title')}
        extra={
          <Flex gap={8} align="center">
            <Segmented<By>
              value={by}
              onChange={setBy}
              options={[{ value: 'employee', label: t('fissionRanks.byEmployee') }, { value: 'department', label: t('fissionRanks.byDepartment') }]}
              data-testid="fission-leaderboard-by"
            />
            {by === 'department' && (
              <DepartmentLevelSelect value={level} onChange={setLevel} />
            )}
            <Button icon={<DownloadOutlined />} href={`/api/fission/activities/${activityId}/leaderboard.csv`} download>{t('fissionRanks.export')}</Button>
            <Button type="text" icon={<ReloadOutlined />} onClick={() => { board.reload(); stats.reload() }} aria-label={t('common.refresh')} />
          </Flex>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>{t('fissionRanks.rankHint')}</Typography.Paragraph>
        <Table<RankRow>
          rowKey={(r) => ('employeeId' in r ? r.employeeId : String(r.departmentId))}
          columns={columns}
          dataSource={board.data?.items}
          loading={board.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          size="middle"
          locale={{ emptyText: t('fissionRanks.empty') }}
          data-testid="fission-leaderboard-table"
        />
      </Card>
      <Card size="small" title={t('fissionRanks.trend')}>
        <DailyTrend days={stats.data?.items ?? []} />
      </Card>
    </Flex>
  )
}
