import { useMemo, useState } from 'react'
import { Button, Card, Form, Input, Select, Table } from 'antd'
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import type { ConsoleUser, Role } from '../../../api/types'
import { api, call } from '../../../app/api'
import { showError, toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { useCan } from '../../../app/permissions'
import { useMe } from '../../../app/session'
import { FilterBar } from '../../../shared/filter-bar'
import { PageHeader } from '../../../shared/page-header'
import { useRequest } from '../../../shared/use-request'
import { ROLES } from './roles'
import { userColumns } from './user-columns'
import { UserFormDrawer } from './user-form-drawer'

type Filters = { q?: string; role?: Role; status?: 'active' | 'disabled' }
type Editing = { user?: ConsoleUser } | undefined

/** The list is small (one row per console login), so it is filtered here rather than by the server. */
function applyFilters(users: ConsoleUser[], { q, role, status }: Filters) {
  const k = q?.trim().toLowerCase()
  return users.filter(
    (u) =>
      (!k || u.username.includes(k) || u.displayName.toLowerCase().includes(k) || (u.employeeName ?? '').toLowerCase().includes(k)) &&
      (!role || u.role === role) &&
      (!status || u.disabled === (status === 'disabled')),
  )
}

/** 用户与权限: console logins, their roles and the employee that scopes managers and employees. */
export function UsersPage() {
  const t = useT()
  const me = useMe()
  const can = useCan()
  const [form] = Form.useForm<Filters>()
  const [filters, setFilters] = useState<Filters>({})
  const [editing, setEditing] = useState<Editing>()
  const list = useRequest(() => call(api.GET('/api/users')), [])
  const users = useMemo(() => applyFilters(list.data?.items ?? [], filters), [list.data, filters])
  const writable = can('org.user.write')

  const toggle = async (user: ConsoleUser) => {
    try {
      const saved = await call(api.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body: { disabled: !user.disabled } }))
      toastSuccess(t(saved.disabled ? 'users.disabled' : 'users.enabled', { name: saved.displayName }))
      void list.refresh()
    } catch (error) {
      showError(error)
    }
  }

  const columns = userColumns(t, {
    selfId: me.user.id,
    ...(writable ? { onEdit: (user: ConsoleUser) => setEditing({ user }), onToggle: toggle } : {}),
  })

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        extra={
          writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="user-create">
              {t('users.create')}
            </Button>
          )
        }
      />
      <FilterBar<Filters> form={form} onSearch={setFilters}>
        <Form.Item name="q" label={t('common.keyword')}>
          <Input placeholder={t('users.searchPlaceholder')} allowClear style={{ width: 220 }} data-testid="users-search" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')}>
          <Select allowClear placeholder={t('common.all')} style={{ width: 150 }} options={ROLES.map((r) => ({ value: r, label: t(`users.role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="status" label={t('users.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 120 }}
            options={[
              { value: 'active', label: t('users.status.active') },
              { value: 'disabled', label: t('users.status.disabled') },
            ]}
          />
        </Form.Item>
      </FilterBar>
      <Card
        title={t('users.list')}
        extra={<Button type="text" icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />}
      >
        <Table<ConsoleUser>
          rowKey="id"
          columns={columns}
          dataSource={users}
          loading={list.loading}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          scroll={{ x: 900 }}
          data-testid="users-table"
        />
      </Card>
      <UserFormDrawer
        open={!!editing}
        user={editing?.user}
        selfId={me.user.id}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined)
          void list.refresh()
        }}
      />
    </>
  )
}
