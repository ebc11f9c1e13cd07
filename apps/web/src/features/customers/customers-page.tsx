import { useState } from 'react'
import { Button, Card, Flex, Form, Table, Tooltip, Typography } from 'antd'
import { AimOutlined, ReloadOutlined, SyncOutlined, UploadOutlined } from '@ant-design/icons'
import { Link } from 'react-router-dom'
import type { CustomerRow } from '../../api/types'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useCan } from '../../app/permissions'
import { ROUTES } from '../../app/routes'
import { CursorPager } from '../../shared/cursor-pager'
import { FilterBar } from '../../shared/filter-bar'
import { PageHeader } from '../../shared/page-header'
import { useCursorPager } from '../../shared/use-cursor-pager'
import { useRequest } from '../../shared/use-request'
import { customerColumns } from './customer-columns'
import { CustomerFilterFields, toCustomerFilter, type CustomerFilterValues } from './customer-filters'
import { CustomerProfileDrawer } from './customer-profile-drawer'
import { ExportButton } from './exports'
import { SyncPanel } from './sync'

/** New customers arrive by callback at any moment; the list follows while the tab is visible. */
const AUTO_REFRESH_MS = 5_000

export function CustomersPage() {
  const t = useT()
  const can = useCan()
  const canSync = can('org.sync')
  const [form] = Form.useForm<CustomerFilterValues>()
  const [filter, setFilter] = useState(() => toCustomerFilter({}))
  const [openId, setOpenId] = useState<string>()
  const pager = useCursorPager()
  const filterKey = JSON.stringify(filter)

  const list = useRequest(
    () => call(api.GET('/api/customers', { params: { query: { ...filter, limit: pager.pageSize, cursor: pager.cursor } } })),
    [filterKey, pager.pageSize, pager.cursor],
    { pollMs: AUTO_REFRESH_MS },
  )
  const count = useRequest(() => call(api.GET('/api/customers/count', { params: { query: filter } })), [filterKey], {
    pollMs: AUTO_REFRESH_MS,
  })

  const refresh = () => {
    void list.reload()
    void count.reload()
  }

  return (
    <>
      <PageHeader title={t('customers.title')} description={t('customers.description')} extra={canSync && <SyncPanel />} />
      <FilterBar<CustomerFilterValues>
        form={form}
        onSearch={(values) => {
          setFilter(toCustomerFilter(values))
          pager.reset()
        }}
      >
        <CustomerFilterFields />
      </FilterBar>
      <Card>
        <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
          <Flex align="baseline" gap={6} data-testid="customers-count">
            <Typography.Text type="secondary">{t('customers.countPrefix')}</Typography.Text>
            <Typography.Text strong style={{ fontSize: 22 }}>
              {count.data ? count.data.count.toLocaleString() : '-'}
            </Typography.Text>
            <Typography.Text type="secondary">{t('customers.countSuffix')}</Typography.Text>
          </Flex>
          <Flex align="center" gap={8}>
            <Tooltip title={t('customers.autoRefresh', { seconds: AUTO_REFRESH_MS / 1000 })}>
              <SyncOutlined style={{ color: '#94a3b8' }} />
            </Tooltip>
            <Link to={`${ROUTES.segments}?builder=1`}><Button icon={<AimOutlined />} data-testid="customers-segment-builder">{t('customers.segmentBuilder')}</Button></Link>
            {can('customers.import') && <Link to={ROUTES.customerImports}><Button icon={<UploadOutlined />}>{t('customers.importProfiles')}</Button></Link>}
            <Button icon={<ReloadOutlined />} onClick={refresh} loading={list.loading} data-testid="customers-refresh">
              {t('common.refresh')}
            </Button>
            <ExportButton urlOf={(format) => `/api/customers/export?${new URLSearchParams([...Object.entries(filter).map(([k, v]) => [k, String(v)]), ['format', format]])}`} testId="customers-export" />
          </Flex>
        </Flex>
        <Table<CustomerRow>
          rowKey="id"
          columns={customerColumns(t)}
          dataSource={list.data?.items}
          loading={list.loading && !list.data}
          pagination={false}
          scroll={{ x: 900 }}
          rowClassName="pond-clickable-row"
          onRow={(row) => ({ onClick: () => setOpenId(row.id) })}
          data-testid="customers-table"
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} testId="customers-pager" />
      </Card>
      <CustomerProfileDrawer customerId={openId} onClose={() => setOpenId(undefined)} />
    </>
  )
}
