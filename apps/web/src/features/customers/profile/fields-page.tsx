import { useState } from 'react'
import { Badge, Button, Card, Empty, Popconfirm, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { api, call } from '../../../app/api'
import { showError, toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { useCan } from '../../../app/permissions'
import { formatDateTime } from '../../../shared/format'
import { PageHeader } from '../../../shared/page-header'
import { FieldDrawer } from './field-drawer'
import { useCustomFields, type CustomField } from './use-custom-fields'

/** 自定义字段: the operator's profile fields, edited in a drawer, archived rather than deleted once in use. */
export function FieldsPage() {
  const t = useT()
  const canWrite = useCan()('customers.field.write')
  const [showArchived, setShowArchived] = useState(false)
  const [editing, setEditing] = useState<CustomField | 'new'>()
  const fields = useCustomFields(showArchived)

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run()
      toastSuccess(done)
      void fields.reload()
    } catch (error) {
      showError(error)
    }
  }
  const setArchived = (f: CustomField, archived: boolean) =>
    act(() => call(api.PUT('/api/customer-fields/{id}', { params: { path: { id: f.id } }, body: { name: f.name, type: f.type, options: f.options, multiple: f.multiple, position: f.position, archived } })),
      t('fields.updated', { name: f.name }))

  const columns: TableColumnsType<CustomField> = [
    { title: t('fields.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('fields.type'), dataIndex: 'type', width: 110, render: (type: CustomField['type'], f) => <>{t(`fields.type.${type}`)}{f.multiple && <Typography.Text type="secondary"> · {t('fields.multiple')}</Typography.Text>}</> },
    { title: t('fields.options'), dataIndex: 'options', render: (options: string[]) => options.length ? <Space size={[4, 4]} wrap>{options.map((o) => <Tag key={o}>{o}</Tag>)}</Space> : '-' },
    { title: t('fields.position'), dataIndex: 'position', width: 80 },
    { title: t('imports.status'), dataIndex: 'archived', width: 100, render: (archived: boolean) => <Badge status={archived ? 'default' : 'success'} text={t(archived ? 'fields.archived' : 'fields.active')} /> },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 170, render: formatDateTime },
    ...(canWrite ? [{
      title: t('common.actions'), key: 'actions', width: 190,
      render: (_: unknown, f: CustomField) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(f)}>{t('common.edit')}</Button>
          <Popconfirm title={f.archived ? t('fields.unarchive') : t('fields.archive')} description={f.archived ? undefined : t('fields.archiveHint')} onConfirm={() => setArchived(f, !f.archived)}>
            <Button type="link" size="small">{f.archived ? t('fields.unarchive') : t('fields.archive')}</Button>
          </Popconfirm>
          <Popconfirm title={t('fields.deleteConfirm', { name: f.name })} description={t('fields.deleteHint')} okButtonProps={{ danger: true }}
            onConfirm={() => act(() => call(api.DELETE('/api/customer-fields/{id}', { params: { path: { id: f.id } } })), t('fields.deleted', { name: f.name }))}>
            <Button type="link" size="small" danger>{t('common.delete')}</Button>
          </Popconfirm>
        </Space>
      ),
    }] : []),
  ]

  return (
    <>
      <PageHeader
        title={t('fields.title')}
        description={t('fields.description')}
        extra={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="field-create">{t('fields.create')}</Button>}
      />
      <Card size="small" extra={<Space><Typography.Text type="secondary">{t('fields.showArchived')}</Typography.Text><Switch size="small" checked={showArchived} onChange={setShowArchived} /></Space>}>
        <Table<CustomField>
          rowKey="id"
          columns={columns}
          dataSource={fields.data?.items}
          loading={fields.loading}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fields.empty')} /> }}
          data-testid="fields-table"
        />
      </Card>
      <FieldDrawer open={!!editing} field={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onSaved={() => void fields.reload()} />
    </>
  )
}
