import { useEffect } from 'react'
import { Drawer, Form, Input, InputNumber, Select, Switch } from 'antd'
import type { BodyOf } from '../../../api/types'
import { api, ApiError, call } from '../../../app/api'
import { toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { DrawerFooter } from '../../../shared/drawer-footer'
import { useFormSubmit } from '../../../shared/use-form-submit'
import type { CustomField, FieldType } from './use-custom-fields'

type Values = BodyOf<'/api/customer-fields', 'post'>
const TYPES: FieldType[] = ['text', 'number', 'date', 'select']

type Props = { open: boolean; field?: CustomField; onClose: () => void; onSaved: () => void }

/** New or edited custom field: name, type, options for a select, order. */
export function FieldDrawer({ open, field, onClose, onSaved }: Props) {
  const t = useT()
  const [form] = Form.useForm<Values>()
  const type = Form.useWatch('type', form)

  useEffect(() => {
    if (open) form.setFieldsValue(field ? { name: field.name, type: field.type, options: field.options, multiple: field.multiple, position: field.position } : { name: '', type: 'text', options: [], multiple: false, position: 0 })
  }, [open, field, form])

  const { submit, saving } = useFormSubmit(form, async (values) => {
    const body = { ...values, options: values.options ?? [] }
    if (field) await call(api.PUT('/api/customer-fields/{id}', { params: { path: { id: field.id } }, body: { ...body, archived: field.archived } }))
    else await call(api.POST('/api/customer-fields', { body }))
    toastSuccess(t(field ? 'fields.updated' : 'fields.created', { name: values.name }))
    onSaved()
    onClose()
  }, (error) => {
    if (!(error instanceof ApiError && error.code.startsWith('customers.field.name'))) return false
    form.setFields([{ name: 'name', errors: [error.message] }])
    return true
  })

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={480}
      title={field ? t('fields.editTitle', { name: field.name }) : t('fields.create')}
      destroyOnHidden
      footer={<DrawerFooter onCancel={onClose} onSave={submit} saving={saving} testId="field-form-submit" />}
    >
      <Form<Values> form={form} layout="vertical" name="customField">
        <Form.Item name="name" label={t('fields.name')} rules={[{ required: true, whitespace: true, message: t('fields.nameRequired') }]}>
          <Input placeholder={t('fields.namePlaceholder')} maxLength={30} showCount data-testid="field-form-name" />
        </Form.Item>
        <Form.Item name="type" label={t('fields.type')} extra={field ? t('fields.typeLockedHint') : undefined}>
          <Select options={TYPES.map((v) => ({ value: v, label: t(`fields.type.${v}`) }))} data-testid="field-form-type" />
        </Form.Item>
        {type === 'select' && (
          <>
            <Form.Item name="options" label={t('fields.options')} rules={[{ required: true, type: 'array', min: 1, message: t('fields.optionsRequired') }]}>
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、', '\n']} placeholder={t('fields.optionsPlaceholder')} data-testid="field-form-options" />
            </Form.Item>
            <Form.Item name="multiple" label={t('fields.multiple')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
        <Form.Item name="position" label={t('fields.position')} extra={t('fields.positionHint')}>
          <InputNumber min={0} max={10000} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
