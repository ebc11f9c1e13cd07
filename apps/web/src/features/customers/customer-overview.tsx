import { Card, Descriptions, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import type { Customer, CustomerFollow } from '../../api/types'
import { useT } from '../../app/i18n'
import { formatDateTime } from '../../shared/format'
import { ADD_WAY, CONTACT_TYPE, FOLLOW_STATUS, GENDER } from './customer-labels'
import { ProfileCard } from './profile/profile-card'

function FollowsTable({ follows }: { follows: CustomerFollow[] }) {
  const t = useT()
  const columns: TableColumnsType<CustomerFollow> = [
    { title: t('customers.follower'), dataIndex: 'employeeName' },
    {
      title: t('customers.remark'),
      dataIndex: 'remark',
      render: (remark: string, row) => (
        <>
          {remark || '-'}
          {row.description && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{row.description}</Typography.Text>}
        </>
      ),
    },
    { title: t('customers.addedAt'), dataIndex: 'addedAt', render: formatDateTime },
    { title: t('customers.addWay'), dataIndex: 'addWay', render: (way: number) => (ADD_WAY[way] ? t(ADD_WAY[way]) : way) },
    { title: t('liveCode.state'), dataIndex: 'state', render: (state: string) => (state ? <Typography.Text code>{state}</Typography.Text> : '-') },
    {
      title: t('customers.followStatus'),
      dataIndex: 'status',
      render: (status: CustomerFollow['status']) => {
        const meta = FOLLOW_STATUS[status]
        return meta ? <Tag color={meta.color}>{t(meta.label)}</Tag> : status
      },
    },
  ]
  return <Table<CustomerFollow> rowKey="employeeId" size="small" columns={columns} dataSource={follows} pagination={false} scroll={{ x: 640 }} />
}

export function CustomerOverview({ customer }: { customer: Customer }) {
  const t = useT()
  const channel = customer.channel
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'ext', label: t('customers.externalUserId'), span: 2, children: <Typography.Text copyable>{customer.externalUserId}</Typography.Text> },
          { key: 'gender', label: t('customers.gender'), children: GENDER[customer.gender] ? t(GENDER[customer.gender]) : '-' },
          { key: 'type', label: t('customers.type'), children: CONTACT_TYPE[customer.type] ? t(CONTACT_TYPE[customer.type]) : customer.type },
          {
            key: 'channel',
            label: t('customers.channel'),
            children: channel ? <>{channel.channelGroup && <Tag color="blue">{channel.channelGroup}</Tag>}{channel.name}</> : t('customers.noChannel'),
          },
          { key: 'added', label: t('customers.addedAt'), children: formatDateTime(customer.addedAt) },
          ...(customer.corpName ? [{ key: 'corp', label: t('customers.corpName'), children: customer.corpName }] : []),
          ...(customer.unionid ? [{ key: 'union', label: 'UnionID', children: customer.unionid }] : []),
        ]}
      />
      <ProfileCard customer={customer} />
      <Card size="small" title={t('customers.tags')}>
        {customer.tags.length ? (
          <Space size={[4, 8]} wrap>
            {customer.tags.map((tag) => <Tag key={tag.id} color="geekblue">{tag.name}</Tag>)}
          </Space>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.noTags')} />
        )}
      </Card>
      <Card size="small" title={t('customers.follows')}>
        <FollowsTable follows={customer.follows} />
      </Card>
    </Space>
  )
}
