import { useState } from 'react'
import { Card, Empty, Flex, Input, Table, Tag, Tooltip, type TableColumnsType } from 'antd'
import type { CustomerRow } from '../../../api/types'
import { api, call } from '../../../app/api'
import { useT } from '../../../app/i18n'
import { CursorPager } from '../../../shared/cursor-pager'
import { compact } from '../../../shared/format'
import { useCursorPager } from '../../../shared/use-cursor-pager'
import { useRequest } from '../../../shared/use-request'
import { EmployeeSelect } from '../../org'
import { customerColumns } from '../customer-columns'
import { TransferRules } from './transfer-rules'
import { TransferSubmit, type PickedCustomer } from './transfer-submit'

/** The newest waiting transfers consulted to mark customers already in transfer (one page; the API has no per-customer lookup). */
const WAITING_SAMPLE = 200

/** 在职继承: an active employee's customers, picked across pages, handed to another active employee. */
export function OnJobTransfer() {
  const t = useT()
  const [handover, setHandover] = useState<string>()
  const [keyword, setKeyword] = useState('')
  const [selected, setSelected] = useState<Map<string, PickedCustomer>>(new Map())
  const pager = useCursorPager()

  const query = compact({ employeeId: handover, q: keyword, limit: pager.pageSize, cursor: pager.cursor })
  const list = useRequest(() => call(api.GET('/api/customers', { params: { query } })), [JSON.stringify(query)], { enabled: !!handover })
  // Customers already waiting for a takeover: WeCom refuses a second transfer meanwhile, so they cannot be picked.
  const waiting = useRequest(
    () => call(api.GET('/api/customers/transfers', { params: { query: { status: 'waiting', limit: WAITING_SAMPLE } } })),
    [handover],
    { enabled: !!handover },
  )
  const inTransfer = new Set((waiting.data?.items ?? []).filter((r) => r.handoverEmployeeId === handover).map((r) => r.customerId))
  const columns: TableColumnsType<CustomerRow> = [
    ...customerColumns(t),
    {
      title: t('transfers.status'),
      key: 'transfer',
      width: 110,
      render: (_, row) =>
        inTransfer.has(row.id) && (
          <Tooltip title={t('transfers.inTransferHint')}>
            <Tag color="processing" data-testid="transfer-in-progress">{t('transfers.inTransfer')}</Tag>
          </Tooltip>
        ),
    },
  ]

  const pickHandover = (id: string | undefined) => {
    setHandover(id)
    setSelected(new Map())
    pager.reset()
  }

  return (
    <>
      <TransferRules kind="on_job" />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <EmployeeSelect
            value={handover}
            onChange={pickHandover}
            status={1}
            placeholder={t('transfers.pickHandover')}
            style={{ width: 260 }}
            testId="transfer-handover"
          />
          <Input.Search
            allowClear
            disabled={!handover}
            placeholder={t('customers.searchPlaceholder')}
            onSearch={(value) => {
              setKeyword(value.trim())
              pager.reset()
            }}
            style={{ width: 220 }}
            data-testid="transfer-customer-search"
          />
        </Flex>
        <Table<CustomerRow>
          rowKey="id"
          columns={columns}
          dataSource={handover ? list.data?.items : []}
          loading={!!handover && list.loading}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(handover ? 'transfers.noCustomers' : 'transfers.pickHandoverFirst')} /> }}
          rowSelection={{
            preserveSelectedRowKeys: true,
            getCheckboxProps: (row) => ({ disabled: inTransfer.has(row.id) }),
            selectedRowKeys: [...selected.keys()],
            onChange: (keys, rows) =>
              setSelected((previous) => {
                const next = new Map<string, PickedCustomer>()
                for (const key of keys as string[]) {
                  const row = rows.find((r) => r?.id === key)
                  next.set(key, row ? { id: row.id, name: row.name } : previous.get(key)!)
                }
                return next
              }),
          }}
          data-testid="transfer-customers"
        />
        {handover && <CursorPager pager={pager} nextCursor={list.data?.nextCursor} testId="transfer-customers-pager" />}
        <TransferSubmit
          kind="on_job"
          handoverEmployeeId={handover}
          selected={[...selected.values()]}
          onDone={() => {
            setSelected(new Map())
            void list.refresh()
            void waiting.refresh()
          }}
        />
      </Card>
    </>
  )
}
