import { Avatar, Drawer, Flex, Skeleton, Tabs, Tag, Typography } from 'antd'
import { UserOutlined } from '@ant-design/icons'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useRequest } from '../../shared/use-request'
import { CONTACT_TYPE } from './customer-labels'
import { CustomerOverview } from './customer-overview'
import { CustomerTimeline } from './customer-timeline'
import { CustomerNotes } from './notes'

type Props = { customerId: string | undefined; onClose: () => void }

export function CustomerProfileDrawer({ customerId, onClose }: Props) {
  const t = useT()
  const { data, loading } = useRequest(
    () => call(api.GET('/api/customers/{id}', { params: { path: { id: customerId ?? '' } } })),
    [customerId],
    { enabled: !!customerId },
  )
  const customer = customerId && data?.id === customerId ? data : undefined
  return (
    <Drawer open={!!customerId} onClose={onClose} size={820} title={t('customers.profile')} destroyOnHidden data-testid="customer-profile">
      {!customer ? (
        <Skeleton active avatar loading={loading} />
      ) : (
        <>
          <Flex align="center" gap={16} style={{ marginBottom: 16 }}>
            <Avatar size={56} src={customer.avatar || undefined} icon={<UserOutlined />} />
            <div>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {customer.name}
                {customer.type === 2 && customer.corpName && <Typography.Text type="success"> @{customer.corpName}</Typography.Text>}
              </Typography.Title>
              <Flex gap={4} style={{ marginTop: 4 }}>
                {CONTACT_TYPE[customer.type] && <Tag color={customer.type === 1 ? 'green' : 'blue'}>{t(CONTACT_TYPE[customer.type])}</Tag>}
                {customer.channel && <Tag color="blue">{[customer.channel.channelGroup, customer.channel.name].filter(Boolean).join(' · ')}</Tag>}
              </Flex>
            </div>
          </Flex>
          <Tabs
            items={[
              { key: 'overview', label: t('customers.tab.overview'), children: <CustomerOverview customer={customer} /> },
              { key: 'timeline', label: t('customers.tab.timeline'), children: <CustomerTimeline customerId={customer.id} /> },
              { key: 'notes', label: t('customers.tab.notes'), children: <CustomerNotes customerId={customer.id} /> },
            ]}
          />
        </>
      )}
    </Drawer>
  )
}
