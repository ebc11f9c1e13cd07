import { useEffect, useState } from 'react'
import { Alert, Drawer, Form, Input, Select } from 'antd'
import { ApiError } from '../../../app/api'
import { useT } from '../../../app/i18n'
import { splitTagNames, TAG_RULES, tooLong } from './tag-rules'
import { DrawerFooter } from '../../../shared/drawer-footer'

type Values = { name: string; tags: string[] }

type Props = {
  open: boolean
  /** Tags still allowed under the corp limit. */
  remaining: number
  onClose: () => void
  onSubmit: (name: string, tags: string[], onError: (error: unknown) => void) => Promise<boolean>
}

/** New tag group: a name and its first tags (type a name and press Enter, or paste a comma-separated list). */
export function TagGroupDrawer({ open, remaining, onClose, onSubmit }: Props) {
  const t = useT()
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    if (open) form.resetFields()
  }, [open, form])

  const submit = async () => {
    let values: Values
    try {
      values = await form.validateFields()
    } catch {
      return
    }
    setSaving(true)
    const ok = await onSubmit(values.name.trim(), values.tags, (error) => {
      // A clash with an existing group is about the name; a clash inside WeCom may be any tag, so it is only toasted.
      if (error instanceof ApiError && error.code === 'customers.tag.duplicate' && (error.details as { name?: string })?.name === values.name.trim()) {
        form.setFields([{ name: 'name', errors: [error.message] }])
      }
    })
    setSaving(false)
    if (ok) onClose()
  }

  const validateTags = async (_: unknown, tags: string[] | undefined) => {
    const names = tags ?? []
    if (names.length === 0) throw new Error(t('tags.tagsRequired'))
    const long = tooLong(names)
    if (long) throw new Error(t('tags.nameTooLong', { name: long, max: TAG_RULES.nameMax }))
    if (names.length > TAG_RULES.batchMax) throw new Error(t('tags.batchTooLarge', { max: TAG_RULES.batchMax }))
    if (names.length > remaining) throw new Error(t('tags.overLimit', { left: remaining }))
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={520}
      title={t('tags.createGroup')}
      destroyOnHidden
      footer={<DrawerFooter onCancel={onClose} onSave={submit} saving={saving} testId="tag-group-form-submit" />}
    >
      <Alert type="info" showIcon title={t('tags.syncHint')} style={{ marginBottom: 24 }} />
      <Form<Values> form={form} name="tagGroup" layout="vertical" initialValues={{ name: '', tags: [] }}>
        <Form.Item
          name="name"
          label={t('tags.groupName')}
          rules={[
            { required: true, whitespace: true, message: t('tags.groupNameRequired') },
            { max: TAG_RULES.nameMax, message: t('tags.nameMax', { max: TAG_RULES.nameMax }) },
          ]}
        >
          <Input placeholder={t('tags.groupNamePlaceholder')} maxLength={TAG_RULES.nameMax} showCount data-testid="tag-group-form-name" />
        </Form.Item>
        <Form.Item
          name="tags"
          label={t('tags.tagNames')}
          extra={t('tags.tagNamesHint', { max: TAG_RULES.nameMax })}
          required
          rules={[{ validator: validateTags }]}
          normalize={(value: string[]) => splitTagNames((value ?? []).join('\n'))}
        >
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，', '、', ';', '；', '\n']}
            placeholder={t('tags.tagNamesPlaceholder')}
            style={{ width: '100%' }}
            data-testid="tag-group-form-tags"
          />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
