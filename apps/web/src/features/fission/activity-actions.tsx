import { useState } from 'react'
import { Button, DatePicker, Form, Modal, Popconfirm, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useNavigate } from 'react-router-dom'
import { api, call } from '../../app/api'
import { showError, toastSuccess } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { useCan } from '../../app/permissions'
import { ROUTES } from '../../app/routes'
import type { ActivityRow } from './types'

type Transition = 'schedule' | 'end' | 'archive'
const TRANSITIONS: Record<Transition, ActivityRow['status'][]> = { schedule: ['draft'], end: ['scheduled', 'running'], archive: ['ended'] }

/**
 * What an operator can do to an activity in its state (the server's transitions, each audited there):
 * edit/publish/delete a draft, end or extend a live one, archive an ended one.
 */
export function ActivityActions({ activity, onChanged, size = 'small', onDeleted }: {
  activity: ActivityRow; onChanged: () => void; onDeleted?: () => void; size?: 'small' | 'middle'
}) {
  const t = useT()
  const navigate = useNavigate()
  const writable = useCan()('fission.write')
  const [extending, setExtending] = useState(false)
  if (!writable) return null
  const path = { params: { path: { id: activity.id } } }
  const run = async (work: () => Promise<unknown>, after = onChanged) => {
    try {
      await work()
      toastSuccess(t('fission.done'))
      after()
    } catch (error) {
      showError(error)
    }
  }
  const transition = (kind: Transition) => run(() =>
    kind === 'schedule' ? call(api.POST('/api/fission/activities/{id}/schedule', path))
      : kind === 'end' ? call(api.POST('/api/fission/activities/{id}/end', path))
        : call(api.POST('/api/fission/activities/{id}/archive', path)))
  const confirm = (kind: Transition, label: string, danger = false) => TRANSITIONS[kind].includes(activity.status) && (
    <Popconfirm title={t(`fission.confirm.${kind}`, { name: activity.name })} onConfirm={() => transition(kind)} overlayStyle={{ maxWidth: 360 }}>
      <Button size={size} type={kind === 'schedule' && size === 'middle' ? 'primary' : 'link'} danger={danger} data-testid={`fission-${kind}`}>{label}</Button>
    </Popconfirm>
  )
  const live = activity.status === 'scheduled' || activity.status === 'running'
  return (
    <Space size={size === 'small' ? 0 : 8} wrap>
      {activity.status === 'draft' && (
        <Button size={size} type="link" onClick={() => navigate(`${ROUTES.fission}/${activity.id}/edit`)} data-testid="fission-edit">{t('common.edit')}</Button>
      )}
      {confirm('schedule', t('fission.action.schedule'))}
      {live && <Button size={size} type="link" onClick={() => setExtending(true)} data-testid="fission-extend">{t('fission.action.extend')}</Button>}
      {confirm('end', t('fission.action.end'), true)}
      {confirm('archive', t('fission.action.archive'))}
      {activity.status === 'draft' && onDeleted && (
        <Popconfirm title={t('fission.confirm.delete', { name: activity.name })} onConfirm={() => run(() => call(api.DELETE('/api/fission/activities/{id}', path)), onDeleted)}>
          <Button size={size} type="link" danger>{t('fission.action.delete')}</Button>
        </Popconfirm>
      )}
      <ExtendModal
        open={extending}
        endsAt={activity.endsAt}
        onClose={() => setExtending(false)}
        onSubmit={(endsAt) => run(() => call(api.POST('/api/fission/activities/{id}/extend', { ...path, body: { endsAt: endsAt.toISOString() } })), () => { setExtending(false); onChanged() })}
      />
    </Space>
  )
}

function ExtendModal({ open, endsAt, onClose, onSubmit }: { open: boolean; endsAt: string; onClose: () => void; onSubmit: (endsAt: Dayjs) => Promise<void> }) {
  const t = useT()
  const [form] = Form.useForm<{ endsAt: Dayjs }>()
  const [saving, setSaving] = useState(false)
  return (
    <Modal
      open={open}
      title={t('fission.extendTitle')}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      onOk={async () => {
        const values = await form.validateFields()
        setSaving(true)
        await onSubmit(values.endsAt).finally(() => setSaving(false))
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ endsAt: dayjs(endsAt).add(7, 'day') }} preserve={false}>
        <Form.Item name="endsAt" label={t('fission.extendTo')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs(endsAt), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
