import { useState } from 'react'
import { Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { api, call } from '../../app/api'
import { showError, toastSuccess } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { useCan } from '../../app/permissions'
import { formatDateTime } from '../../shared/format'
import { useRequest } from '../../shared/use-request'
import type { BlacklistEntry } from './types'

type Editing = { entry?: BlacklistEntry } | undefined
type Values = { customerId: string; reason: string; appealNote: string }

/** The corp-wide fission blacklist: add with a reason, keep an appeal note, remove. */
export function BlacklistPanel() {
  const t = useT()
  const writable = useCan()('fission.write')
  const list = useRequest(() => call(api.GET('/api/fission/blacklist')), [])
  const [editing, setEditing] = useState<Editing>()
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)

  const save = async () => {
    const values = await form.validateFields()
    setSaving(true)
    try {
      if (editing?.entry) {
        await call(api.PUT('/api/fission/blacklist/{customerId}', { params: { path: { customerId: editing.entry.customerId } }, body: { appealNote: values.appealNote ?? '' } }))
      } else {
        await call(api.POST('/api/fission/blacklist', { body: { customerId: values.customerId.trim(), reason: values.reason, appealNote: values.appealNote ?? '' } }))
      }
      toastSuccess(t('fission.done'))
      setEditing(undefined)
      void list.reload()
    } catch (error) {
      showError(error)
    } finally {
      setSaving(false)
    }
  }
  const remove = async (entry: BlacklistEntry) => {
    try {
      await call(api.DELETE('/api/fission/blacklist/{customerId}', { params: { path: { customerId: entry.customerId } } }))
      void list.reload()
    } catch (error) {
      showError(error)
    }
  }

  return (
    <Card
      title={<Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{t('fission.blacklist.description')}</Typography.Text>}
      extra={writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setEditing({}) }} data-testid="blacklist-add">{t('fission.blacklist.add')}</Button>}
    >
      <Table<BlacklistEntry>
        rowKey="customerId"
        dataSource={list.data?.items}
        loading={list.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('fission.blacklist.customerId'), dataIndex: 'customerId', width: 160 },
          { title: t('fission.blacklist.reason'), dataIndex: 'reason' },
          { title: t('fission.blacklist.appealNote'), dataIndex: 'appealNote', render: (note: string) => note || '-' },
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
          ...(writable ? [{
            title: t('common.actions'), key: 'actions', width: 180,
            render: (_: unknown, entry: BlacklistEntry) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => { form.setFieldsValue(entry); setEditing({ entry }) }}>{t('fission.blacklist.editAppeal')}</Button>
                <Popconfirm title={t('fission.blacklist.confirmRemove')} onConfirm={() => remove(entry)}>
                  <Button type="link" size="small" danger>{t('common.remove')}</Button>
                </Popconfirm>
              </Space>
            ),
          }] : []),
        ]}
        data-testid="blacklist-table"
      />
      <Modal open={!!editing} title={editing?.entry ? t('fission.blacklist.editAppeal') : t('fission.blacklist.add')} onCancel={() => setEditing(undefined)} onOk={save} confirmLoading={saving} forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="customerId" label={t('fission.blacklist.customerId')} rules={[{ required: true, pattern: /^\s*\d{1,19}\s*$/, message: t('common.required') }]}>
            <Input disabled={!!editing?.entry} />
          </Form.Item>
          <Form.Item name="reason" label={t('fission.blacklist.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]}>
            <Input disabled={!!editing?.entry} maxLength={200} />
          </Form.Item>
          <Form.Item name="appealNote" label={t('fission.blacklist.appealNote')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
