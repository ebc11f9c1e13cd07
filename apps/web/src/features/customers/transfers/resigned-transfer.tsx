import { useMemo, useState } from 'react'
import { Avatar, Badge, Button, Card, Col, Empty, Flex, Menu, Row, Table, Typography } from 'antd'
import { ReloadOutlined } from '@ant-design/icons'
import type { UnassignedCustomer } from '../../../api/types'
import { api, call } from '../../../app/api'
import { useT } from '../../../app/i18n'
import { formatDateTime } from '../../../shared/format'
import { useRequest } from '../../../shared/use-request'
import { TransferRules } from './transfer-rules'
import { TransferSubmit } from './transfer-submit'

type Leaver = { employeeId: string; name: string; leftAt: string; customers: UnassignedCustomer[] }

/** WeCom's unassigned list, grouped by the employee who left (one request transfers one leaver's customers). */
function groupByLeaver(items: UnassignedCustomer[]): Leaver[] {
  const groups = new Map<string, Leaver>()
  for (const item of items) {
    const group = groups.get(item.handoverEmployeeId) ?? { employeeId: item.handoverEmployeeId, name: item.handoverName, leftAt: item.leftAt, customers: [] }
    group.customers.push(item)
    groups.set(item.handoverEmployeeId, group)
  }
  return [...groups.values()].sort((a, b) => b.customers.length - a.customers.length)
}

/** 离职继承: customers of employees who left, waiting to be assigned, handed to an active employee. */
export function ResignedTransfer() {
  const t = useT()
  const list = useRequest(() => call(api.GET('/api/customers/transfers/unassigned')), [])
  const leavers = useMemo(() => groupByLeaver(list.data?.items ?? []), [list.data])
  const [picked, setPicked] = useState<string>()
  const [selected, setSelected] = useState<string[]>([])
  const leaver = leavers.find((l) => l.employeeId === picked) ?? leavers[0]

  const pick = (employeeId: string) => {
    setPicked(employeeId)
    setSelected([])
  }

  return (
    <>
      <TransferRules kind="resigned" />
      <Row gutter={16}>
        <Col xs={24} md={8} xl={6}>
          <Card
            title={t('transfers.leavers')}
            size="small"
            loading={list.loading && !list.data}
            extra={<Button type="text" size="small" icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} data-testid="transfer-unassigned-refresh" />}
            styles={{ body: { padding: leavers.length ? 4 : undefined } }}
          >
            {leavers.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('transfers.noLeavers')} />
            ) : (
              <Menu
                mode="inline"
                selectedKeys={leaver ? [leaver.employeeId] : []}
                onClick={({ key }) => pick(key)}
                style={{ borderInlineEnd: 0 }}
                data-testid="transfer-leavers"
                items={leavers.map((l) => ({
                  key: l.employeeId,
                  label: (
                    <Flex align="center" gap={8}>
                      <Avatar size="small" style={{ background: '#94a3b8', flex: 'none' }}>{l.name.slice(0, 1)}</Avatar>
                      <Typography.Text ellipsis style={{ flex: 1 }}>{l.name}</Typography.Text>
                      <Badge count={l.customers.length} overflowCount={9999} color="#1d4ed8" />
                    </Flex>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={16} xl={18}>
          <Card
            title={leaver ? t('transfers.leaverCustomers', { name: leaver.name }) : t('transfers.unassigned')}
            extra={leaver && <Typography.Text type="secondary">{t('transfers.leftAt', { at: formatDateTime(leaver.leftAt) })}</Typography.Text>}
          >
            <Table<UnassignedCustomer>
              rowKey="customerId"
              dataSource={leaver?.customers ?? []}
              loading={list.loading && !list.data}
              pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
              columns={[
                { title: t('customers.customer'), dataIndex: 'customerName' },
                { title: t('transfers.leftAtColumn'), dataIndex: 'leftAt', width: 180, render: formatDateTime },
              ]}
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: true }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('transfers.noLeavers')} /> }}
              data-testid="transfer-unassigned"
            />
                <TransferSubmit
              kind="resigned"
              handoverEmployeeId={leaver?.employeeId}
              selected={(leaver?.customers ?? []).filter((c) => selected.includes(c.customerId)).map((c) => ({ id: c.customerId, name: c.customerName }))}
              onDone={() => {
                setSelected([])
                void list.refresh()
              }}
            />
          </Card>
        </Col>
      </Row>
    </>
  )
}
