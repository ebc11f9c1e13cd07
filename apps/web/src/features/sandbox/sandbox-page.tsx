import { useState } from 'react'
import { Alert, Col, Result, Row } from 'antd'
import type { SandboxCustomer, ScanResult } from '../../api/types'
import { useT } from '../../app/i18n'
import { useMe } from '../../app/session'
import { PageHeader } from '../../shared/page-header'
import { CustomerPane } from './customer-pane'
import { DeliveriesTable } from './deliveries-table'
import { EmployeePane } from './employee-pane'
import { ScanList } from './scan-list'

/** Both sides of the built-in WeCom sandbox: the customer's phone and the employee's app messages. */
export function SandboxPage() {
  const t = useT()
  const me = useMe()
  const [customer, setCustomer] = useState<SandboxCustomer>()
  const [employeeUserid, setEmployeeUserid] = useState<string>()
  const [refreshKey, setRefreshKey] = useState(0)

  if (!me.corp.sandbox) return <Result status="info" title={t('sandbox.disabled')} subTitle={t('sandbox.disabledHint')} />

  const onScanned = (result: ScanResult, customerName: string | undefined) => {
    setCustomer({ externalUserId: result.externalUserId, name: customerName ?? result.externalUserId, avatar: '' })
    setEmployeeUserid(result.userid)
    setRefreshKey((k) => k + 1)
    window.scrollTo({ top: 0, behavior: 'smooth' })   // both panes sit above the list the scan came from
  }

  return (
    <>
      <PageHeader title={t('sandbox.title')} description={t('sandbox.description')} />
      <Alert type="info" showIcon title={t('sandbox.howTo')} style={{ marginBottom: 16 }} closable />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <CustomerPane customer={customer} onSelect={setCustomer} refreshKey={refreshKey} />
        </Col>
        <Col xs={24} xl={10}>
          <EmployeePane userid={employeeUserid} onSelect={setEmployeeUserid} />
        </Col>
        <Col xs={24} xl={12}>
          <ScanList onScanned={onScanned} />
        </Col>
        <Col xs={24} xl={12}>
          <DeliveriesTable />
        </Col>
      </Row>
    </>
  )
}
