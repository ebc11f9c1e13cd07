import { Card, Col, Empty, Row } from 'antd'
import { MobileOutlined } from '@ant-design/icons'
import type { SandboxCustomer } from '../../api/types'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useRequest } from '../../shared/use-request'
import { CustomerPicker } from './customer-picker'
import { PhoneFrame } from './phone-frame'

const POLL_MS = 2_000

type Props = { customer: SandboxCustomer | undefined; onSelect: (customer: SandboxCustomer) => void; refreshKey: number }

export function CustomerPane({ customer, onSelect, refreshKey }: Props) {
  const t = useT()
  const id = customer?.externalUserId
  const enabled = !!id
  const path = { externalUserId: id ?? '' }
  const inbox = useRequest(() => call(api.GET('/api/sandbox/customers/{externalUserId}/inbox', { params: { path } })), [id], { enabled, pollMs: POLL_MS })
  const contacts = useRequest(() => call(api.GET('/api/sandbox/customers/{externalUserId}/contacts', { params: { path } })), [id], {
    enabled,
    pollMs: POLL_MS,
  })
  return (
    <Card title={<span><MobileOutlined /> {t('sandbox.customerView')}</span>} style={{ height: '100%' }} data-testid="sandbox-customer-pane">
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <CustomerPicker selected={id} onSelect={onSelect} refreshKey={refreshKey} />
        </Col>
        <Col xs={24} lg={14}>
          {customer ? (
            <PhoneFrame ownerName={customer.name} messages={inbox.data?.items ?? []} contacts={contacts.data?.items ?? []} />
          ) : (
            <Empty description={t('sandbox.pickCustomer')} style={{ marginTop: 120 }} />
          )}
        </Col>
      </Row>
    </Card>
  )
}
