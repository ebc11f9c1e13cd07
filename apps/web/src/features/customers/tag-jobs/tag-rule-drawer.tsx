import { useEffect } from 'react'
import { Alert, Checkbox, Drawer, Form, Input, Select, Switch, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { api, call } from '../../../app/api'
import { toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { ROUTES } from '../../../app/routes'
import { DrawerFooter } from '../../../shared/drawer-footer'
import { useFormSubmit } from '../../../shared/use-form-submit'
import { useRequest } from '../../../shared/use-request'
import { TagSelect } from '../tag-select'
import type { TagRule } from './types'

type Values = { name: string; segmentId: string; addTagIds: string[]; removeUnmatched: boolean; enabled: boolean }

/** A rule: a name, a saved segment as its condition, the tags, and whether to take them back from who no longer matches. */
export function TagRuleDrawer({ open, rule, onClose, onSaved }: { open: boolean; rule?: TagRule; onClose: () => void; onSaved: () => void }) {
  const t = useT()
  const [form] = Form.useForm<Values>()
  const segments = useRequest(() => call(api.GET('/api/segments')), [], { enabled: open })

  useEffect(() => {
    if (!open) return
    form.resetFields()
    if (rule) form.setFieldsValue({ name: rule.name, segmentId: rule.segmentId ?? undefined, addTagIds: rule.addTags.map((tag) => tag.id), removeUnmatched: rule.removeUnmatched, enabled: rule.enabled })
  }, [open, rule, form])

  const { submit, saving } = useFormSubmit(form, async (body) => {
    if (rule) await call(api.PUT('/api/tag-rules/{id}', { params: { path: { id: rule.id } }, body }))
    else await call(api.POST('/api/tag-rules', { body }))
    toastSuccess(t('tagRules.saved'))
    onSaved()
  })

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={t(rule ? 'tagRules.editTitle' : 'tagRules.createTitle')}
      destroyOnHidden
      footer={<DrawerFooter onCancel={onClose} onSave={submit} saving={saving} testId="tag-rule-submit" />}
    >
      <Alert type="info" showIcon title={t('tagRules.example')} style={{ marginBottom: 24 }} />
      <Form<Values> form={form} layout="vertical" initialValues={{ name: '', addTagIds: [], removeUnmatched: false, enabled: true }}>
        <Form.Item name="name" label={t('tagRules.name')} rules={[{ required: true, whitespace: true, message: t('tagRules.nameRequired') }, { max: 60 }]}>
          <Input placeholder={t('tagRules.namePlaceholder')} maxLength={60} data-testid="tag-rule-name" />
        </Form.Item>
        <Form.Item
          name="segmentId"
          label={t('tagRules.segment')}
          rules={[{ required: true, message: t('tagRules.segmentRequired') }]}
          extra={<>{t('tagRules.segmentHint')} <Link to={ROUTES.segments}>{t('tagRules.newSegment')}</Link></>}
        >
          <Select
            loading={segments.loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={segments.data?.items.map((s) => ({ value: s.id, label: s.name }))}
            data-testid="tag-rule-segment"
          />
        </Form.Item>
        <Form.Item name="addTagIds" label={t('tagRules.tags')} rules={[{ required: true, type: 'array', min: 1, message: t('tagRules.tagsRequired') }]}>
          <TagSelect<string[]> multiple testId="tag-rule-tags" />
        </Form.Item>
        <Form.Item name="removeUnmatched" valuePropName="checked">
          <Checkbox>{t('tagRules.removeUnmatched')}</Checkbox>
        </Form.Item>
        <Form.Item name="enabled" label={t('tagRules.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('tagRules.description')}</Typography.Text>
    </Drawer>
  )
}
