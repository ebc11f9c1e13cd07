import { useState } from 'react'
import { Avatar, Button, Card, Col, Flex, Form, Input, Row, Select, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { SyncOutlined } from '@ant-design/icons'
import type { Employee, EmployeeQuery } from '../../api/types'
import { api, call } from '../../app/api'
import { showError, toastSuccess } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { useCan } from '../../app/permissions'
import { CursorPager } from '../../shared/cursor-pager'
import { FilterBar } from '../../shared/filter-bar'
import { compact } from '../../shared/format'
import { PageHeader } from '../../shared/page-header'
import { useCursorPager } from '../../shared/use-cursor-pager'
import { useRequest } from '../../shared/use-request'
import { DepartmentPanel } from './department-panel'
import { EMPLOYEE_STATUSES, EmployeeStatus } from './employee-status'
import { useDepartments } from './use-departments'

type Filters = { q?: string; status?: Employee['status'] }

export function EmployeesPage() {
  const t = useT()
  const [form] = Form.useForm<Filters>()
  const [filters, setFilters] = useState<Filters>({})
  const [departmentId, setDepartmentId] = useState<number>()
  const [syncing, setSyncing] = useState(false)
  const pager = useCursorPager()
  const departments = useDepartments()
  const canSync = useCan()('org.sync')

  const query: EmployeeQuery = compact({ ...filters, departmentId, limit: pager.pageSize, cursor: pager.cursor })
  const list = useRequest(() => call(api.GET('/api/org/employees', { params: { query } })), [JSON.stringify(query)])

  const sync = async () => {
    setSyncing(true)
    try {
      const result = await call(api.POST('/api/org/sync'))
      toastSuccess(t('org.syncDone', { departments: result.departments, employees: result.employees }))
      void departments.reload()
      void list.reload()
    } catch (error) {
      showError(error)
    } finally {
      setSyncing(false)
    }
  }

  const columns: TableColumnsType<Employee> = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Flex align="center" gap={8}>
          <Avatar size="small" style={{ background: '#1d4ed8' }}>{name.slice(0, 1)}</Avatar>
          <span>{name}</span>
          {row.status === 5 && <Tag>{t('org.status.exited')}</Tag>}
        </Flex>
      ),
    },
    { title: t('org.userid'), dataIndex: 'wecomUserId', render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
    { title: t('org.position'), dataIndex: 'position', render: (v: string) => v || '-' },
    {
      title: t('org.department'),
      dataIndex: 'departmentIds',
      render: (ids: number[]) => ids.map((id) => <Tag key={id}>{departments.names.get(id) ?? id}</Tag>),
    },
    { title: t('org.status'), dataIndex: 'status', width: 120, render: (s: Employee['status']) => <EmployeeStatus status={s} /> },
    { title: t('org.customerCount'), dataIndex: 'customerCount', width: 120, align: 'right' },
  ]

  return (
    <>
      <PageHeader
        title={t('org.title')}
        description={t('org.description')}
        extra={
          canSync && (
            <Button type="primary" icon={<SyncOutlined spin={syncing} />} loading={syncing} onClick={sync} data-testid="org-sync">
              {t('org.sync')}
            </Button>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} md={7} xl={5}>
          <DepartmentPanel
            tree={departments.tree}
            loading={departments.loading}
            selected={departmentId}
            onSelect={(id) => {
              setDepartmentId(id)
              pager.reset()
            }}
          />
        </Col>
        <Col xs={24} md={17} xl={19}>
          <FilterBar<Filters>
            form={form}
            onSearch={(values) => {
              setFilters(values)
              pager.reset()
            }}
          >
            <Form.Item name="q" label={t('common.keyword')}>
              <Input placeholder={t('org.searchEmployee')} allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="status" label={t('org.status')}>
              <Select
                allowClear
                style={{ width: 140 }}
                options={EMPLOYEE_STATUSES.map((s) => ({ value: s.value, label: t(s.label) }))}
                placeholder={t('common.all')}
              />
            </Form.Item>
          </FilterBar>
          <Card>
            <Table<Employee>
              rowKey="id"
              columns={columns}
              dataSource={list.data?.items}
              loading={list.loading}
              pagination={false}
              size="middle"
              scroll={{ x: 760 }}
              data-testid="employees-table"
            />
            <CursorPager pager={pager} nextCursor={list.data?.nextCursor} total={list.data?.total} />
          </Card>
        </Col>
      </Row>
    </>
  )
}
