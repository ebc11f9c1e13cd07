import { useState } from 'react'
import { Button, Card, Empty, Form, Table } from 'antd'
import { BellOutlined, ReloadOutlined } from '@ant-design/icons'
import type { Loss } from '../../../api/types'
import { api, call } from '../../../app/api'
import { useT } from '../../../app/i18n'
import { useCan } from '../../../app/permissions'
import { CursorPager } from '../../../shared/cursor-pager'
import { FilterBar } from '../../../shared/filter-bar'
import { PageHeader } from '../../../shared/page-header'
import { useCursorPager } from '../../../shared/use-cursor-pager'
import { useRequest } from '../../../shared/use-request'
import { CustomerProfileDrawer } from '../customer-profile-drawer'
import { LossAlertsDrawer } from './loss-alerts-drawer'
import { lossColumns } from './loss-columns'
import { LossFilterFields, toLossFilter, type LossFilterValues } from './loss-filters'
import { AlertStatus } from './alert-status'

/** 流失客户: relations ended by either side, newest first, and (for managers of the corp) the alert settings. */
export function LossesPage() {
  const t = useT()
  const can = useCan()
  const manage = can('customers.loss.manage')
  const [form] = Form.useForm<LossFilterValues>()
  const [filter, setFilter] = useState(() => toLossFilter({}))
  const [openId, setOpenId] = useState<string>()
  const [alertsOpen, setAlertsOpen] = useState(false)
  const pager = useCursorPager()

  const list = useRequest(
    () => call(api.GET('/api/customers/losses', { params: { query: { ...filter, limit: pager.pageSize, cursor: pager.cursor } } })),
    [JSON.stringify(filter), pager.pageSize, pager.cursor],
  )
  const alerts = useRequest(() => call(api.GET('/api/customers/loss-alerts')), [], { enabled: manage })

  return (
    <>
      <PageHeader
        title={t('losses.title')}
        description={t('losses.description')}
        extra={
          manage && (
            <>
              {alerts.data && <AlertStatus settings={alerts.data} />}
              <Button icon={<BellOutlined />} onClick={() => setAlertsOpen(true)} data-testid="loss-alerts-open">
                {t('losses.alerts.title')}
              </Button>
            </>
          )
        }
      />
      <FilterBar<LossFilterValues>
        form={form}
        onSearch={(values) => {
          setFilter(toLossFilter(values))
          pager.reset()
        }}
      >
        <LossFilterFields />
      </FilterBar>
      <Card
        title={t('losses.list')}
        extra={<Button type="text" icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} data-testid="losses-refresh" />}
      >
        <Table<Loss>
          rowKey="id"
          columns={lossColumns(t)}
          dataSource={list.data?.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 860 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('losses.empty')} /> }}
          rowClassName="pond-clickable-row"
          onRow={(row) => ({ onClick: () => setOpenId(row.customerId) })}
          data-testid="losses-table"
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} testId="losses-pager" />
      </Card>
      <CustomerProfileDrawer customerId={openId} onClose={() => setOpenId(undefined)} />
      {manage && (
        <LossAlertsDrawer
          open={alertsOpen}
          settings={alerts.data}
          onClose={() => setAlertsOpen(false)}
          onSaved={(saved) => {
            alerts.setData(saved)
            setAlertsOpen(false)
          }}
        />
      )}
    </>
  )
}
