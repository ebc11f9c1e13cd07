import { useEffect, useState } from 'react'
import { Button, Card, Empty, Flex, Form, List, Modal, Popconfirm, Space, Spin, Tag, Typography } from 'antd'
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import type { ResponseOf } from '../../../api/types'
import { api, call } from '../../../app/api'
import { showError, toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { useCan } from '../../../app/permissions'
import type { MessageKey } from '../../../i18n/zh-CN'
import { formatDateTime } from '../../../shared/format'
import { NoteFields, toNoteForm, toNoteInput, type NoteFormValues } from './note-form'
import { NOTE_KIND_LABEL } from './note-labels'

type Note = ResponseOf<'/api/customers/{id}/notes'>['items'][number]
const PAGE_SIZE = 20

/** 跟进记录: the customer's follow-up notes, newest first, with an add form; the author edits or deletes their own. */
export function CustomerNotes({ customerId }: { customerId: string }) {
  const t = useT()
  const canWrite = useCan()('customers.note.write')
  const [addForm] = Form.useForm<NoteFormValues>()
  const [editForm] = Form.useForm<NoteFormValues>()
  const [items, setItems] = useState<Note[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [saving, setSaving] = useState(false)
  const [editing, setEditing] = useState<Note>()
  const path = { id: customerId }

  const load = async (from?: string) => {
    setLoading(true)
    try {
      const page = await call(api.GET('/api/customers/{id}/notes', { params: { path, query: { limit: PAGE_SIZE, cursor: from } } }))
      setItems((prev) => (from ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
    } catch (error) {
      showError(error)
    } finally {
      setLoading(false)
    }
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only when the customer changes
  useEffect(() => void load(), [customerId])

  const save = async (run: () => Promise<unknown>, done: MessageKey) => {
    setSaving(true)
    try {
      await run()
      toastSuccess(t(done))
      await load()
      return true
    } catch (error) {
      showError(error)
      return false
    } finally {
      setSaving(false)
    }
  }

  const add = async () => {
    const body = toNoteInput(await addForm.validateFields())
    if (await save(() => call(api.POST('/api/customers/{id}/notes', { params: { path }, body })), 'notes.saved')) addForm.resetFields()
  }
  const update = async () => {
    const body = toNoteInput(await editForm.validateFields())
    if (await save(() => call(api.PUT('/api/customers/{id}/notes/{noteId}', { params: { path: { ...path, noteId: editing!.id } }, body })), 'notes.updated')) setEditing(undefined)
  }
  const remove = (note: Note) =>
    save(() => call(api.DELETE('/api/customers/{id}/notes/{noteId}', { params: { path: { ...path, noteId: note.id } } })), 'notes.deleted')

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {canWrite && (
        <Card size="small" title={t('notes.add')} data-testid="note-add">
          <NoteFields form={addForm} />
          <Flex justify="flex-end">
            <Button type="primary" icon={<PlusOutlined />} loading={saving} onClick={add} data-testid="note-save">{t('notes.save')}</Button>
          </Flex>
        </Card>
      )}
      <Spin spinning={loading && items.length === 0}>
        <List<Note>
          dataSource={items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notes.empty')} /> }}
          data-testid="note-list"
          renderItem={(note) => (
            <List.Item
              actions={note.isMine && canWrite ? [
                <Button key="edit" type="link" size="small" icon={<EditOutlined />} onClick={() => { setEditing(note); editForm.setFieldsValue(toNoteForm(note)) }}>{t('common.edit')}</Button>,
                <Popconfirm key="delete" title={t('notes.deleteConfirm')} description={t('notes.deleteHint')} okButtonProps={{ danger: true }} onConfirm={() => remove(note)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />}>{t('common.delete')}</Button>
                </Popconfirm>,
              ] : []}
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} wrap align="center">
                    <Tag color="blue">{t(NOTE_KIND_LABEL[note.kind]!)}</Tag>
                    <Typography.Text>{note.authorName}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                      {formatDateTime(note.createdAt)}{note.updatedAt && ` · ${t('notes.edited')}`}
                    </Typography.Text>
                    {note.nextFollowUpOn && <Tag color="gold">{t('customers.timeline.nextFollowUp', { date: note.nextFollowUpOn })}</Tag>}
                  </Flex>
                }
                description={<Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, color: 'inherit' }}>{note.body}</Typography.Paragraph>}
              />
            </List.Item>
          )}
        />
        {cursor && (
          <Flex justify="center"><Button onClick={() => load(cursor)} loading={loading}>{t('common.loadMore')}</Button></Flex>
        )}
      </Spin>
      <Modal open={!!editing} title={t('notes.editTitle')} onCancel={() => setEditing(undefined)} onOk={update} confirmLoading={saving} okText={t('notes.save')} destroyOnHidden forceRender>
        <NoteFields form={editForm} />
      </Modal>
    </Space>
  )
}
