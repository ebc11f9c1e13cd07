import { DatePicker, Flex, Form, Input, Segmented } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { FormInstance } from 'antd'
import { useT } from '../../../app/i18n'
import { NOTE_BODY_MAX, NOTE_KIND_LABEL, NOTE_KINDS, type NoteKind } from './note-labels'

export type NoteFormValues = { kind: NoteKind; body: string; nextFollowUpOn?: Dayjs | null }
export type NoteInput = { kind: NoteKind; body: string; nextFollowUpOn: string | null }

export const toNoteInput = (v: NoteFormValues): NoteInput => ({ kind: v.kind, body: v.body.trim(), nextFollowUpOn: v.nextFollowUpOn ? v.nextFollowUpOn.format('YYYY-MM-DD') : null })
export const toNoteForm = (n: NoteInput): NoteFormValues => ({ kind: n.kind, body: n.body, nextFollowUpOn: n.nextFollowUpOn ? dayjs(n.nextFollowUpOn) : null })

/** The fields of a note, shared by the add card and the edit dialog. */
export function NoteFields({ form }: { form: FormInstance<NoteFormValues> }) {
  const t = useT()
  return (
    <Form form={form} layout="vertical" initialValues={{ kind: 'call' }} requiredMark={false}>
      <Flex gap={16} wrap align="flex-end">
        <Form.Item name="kind" label={t('notes.kind')} style={{ marginBottom: 12 }}>
          <Segmented options={NOTE_KINDS.map((k) => ({ value: k, label: t(NOTE_KIND_LABEL[k]!) }))} data-testid="note-kind" />
        </Form.Item>
        <Form.Item name="nextFollowUpOn" label={t('notes.nextFollowUpOn')} style={{ marginBottom: 12 }}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="note-next" />
        </Form.Item>
      </Flex>
      <Form.Item name="body" label={t('notes.body')} rules={[{ required: true, whitespace: true, message: t('notes.bodyRequired') }]} style={{ marginBottom: 28 }}>
        <Input.TextArea rows={3} maxLength={NOTE_BODY_MAX} showCount placeholder={t('notes.bodyPlaceholder')} data-testid="note-body" />
      </Form.Item>
    </Form>
  )
}
