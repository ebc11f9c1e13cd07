import type { ReactNode } from 'react'
import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd'
import { QrcodeOutlined, RiseOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons'
import { useNavigate } from 'react-router-dom'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useCan, type Permission } from '../../app/permissions'
import { ROUTES } from '../../app/routes'
import { useMe } from '../../app/session'
import { PageHeader } from '../../shared/page-header'
import { useRequest } from '../../shared/use-request'
import { QuickStart } from './quick-start'

/** The dashboard sums today's adds over the first page of live codes; enough for an overview. */
const LIVE_CODE_SAMPLE = 100

type StatCard = { key: string; title: string; value: number | undefined; icon: ReactNode; color: string; to: string; permission?: Permission }

export function DashboardPage() {
  const t = useT()
  const me = useMe()
  const navigate = useNavigate()
  const customers = useRequest(() => call(api.GET('/api/customers/count', { params: { query: {} } })), [], { pollMs: 15_000 })
  // Managers and employees lack some of these reads; their dashboard shows only what they may see.
  const can = useCan()
  const seesLiveCodes = can('acquisition.live_code.read')
  const liveCodes = useRequest(() => call(api.GET('/api/live-codes', { params: { query: { limit: LIVE_CODE_SAMPLE } } })), [], {
    pollMs: 15_000,
    enabled: seesLiveCodes,
  })
  const employees = useRequest(() => call(api.GET('/api/org/employees', { params: { query: { limit: 1 } } })), [], {
    enabled: can('org.read'),
  })

  const codes = liveCodes.data?.items ?? []
  const cards: StatCard[] = [
    { key: 'customers', title: t('dashboard.customers'), value: customers.data?.count, icon: <UserOutlined />, color: '#1d4ed8', to: ROUTES.customers },
    {
      key: 'today',
      title: t('dashboard.addsToday'),
      value: liveCodes.data ? codes.reduce((sum, c) => sum + c.addsToday, 0) : undefined,
      icon: <RiseOutlined />,
      color: '#059669',
      to: ROUTES.liveCodes,
      permission: 'acquisition.live_code.read',
    },
    { key: 'codes', title: t('dashboard.liveCodes'), value: liveCodes.data?.total, icon: <QrcodeOutlined />, color: '#d97706', to: ROUTES.liveCodes, permission: 'acquisition.live_code.read' },
    { key: 'employees', title: t('dashboard.employees'), value: employees.data?.total, icon: <TeamOutlined />, color: '#7c3aed', to: ROUTES.employees, permission: 'org.read' },
  ]
  const top = [...codes].sort((a, b) => b.addsToday - a.addsToday).slice(0, 5)

  return (
    <>
      <PageHeader title={t('dashboard.title')} description={t('dashboard.welcome', { name: me.user.displayName || me.user.username })} />
      <Row gutter={[16, 16]}>
        {cards.filter((card) => !card.permission || can(card.permission)).map((card) => (
          <Col xs={24} sm={12} xl={6} key={card.key}>
            <Card hoverable onClick={() => navigate(card.to)} data-testid={`dashboard-${card.key}`}>
              <Statistic
                title={card.title}
                value={card.value ?? '-'}
                prefix={<span style={{ color: card.color, marginRight: 4 }}>{card.icon}</span>}
              />
            </Card>
          </Col>
        ))}
        {seesLiveCodes && (
          <Col xs={24} xl={14}>
            <Card title={t('dashboard.topLiveCodes')} style={{ height: '100%' }}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={top}
                loading={liveCodes.loading && !liveCodes.data}
                columns={[
                  { title: t('liveCode.name'), dataIndex: 'name' },
                  { title: t('liveCode.channelGroup'), dataIndex: 'channelGroup', render: (g: string) => (g ? <Tag color="blue">{g}</Tag> : '-') },
                  { title: t('liveCode.addsToday'), dataIndex: 'addsToday', align: 'right' },
                  { title: t('liveCode.addsTotal'), dataIndex: 'addsTotal', align: 'right' },
                ]}
                locale={{ emptyText: <Typography.Link onClick={() => navigate(ROUTES.liveCodes)}>{t('dashboard.noLiveCodes')}</Typography.Link> }}
              />
            </Card>
          </Col>
        )}
        {can('acquisition.live_code.write') && (
          <Col xs={24} xl={10}>
            <QuickStart sandbox={me.corp.sandbox} />
          </Col>
        )}
      </Row>
    </>
  )
}
