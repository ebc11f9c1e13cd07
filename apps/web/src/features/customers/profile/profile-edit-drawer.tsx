import { useEffect } from 'react'
import { Alert, Drawer, Form, Input } from 'antd'
import type { ResponseOf } from '../../../api/types'
import { api, ApiError, call } from '../../../app/api'
import { toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { DrawerFooter } from '../../../shared/drawer-footer'
import { useFormSubmit } from '../../../shared/use-form-submit'
import { FieldValueInput } from './field-value'
import type { CustomField } from './use-custom-fields'

export type ProfileValues = Pick<ResponseOf<'/api/customers/{id}/profile', 'patch'>, 'phone' | 'bankCustomerNo' | 'verified' | 'verifiedAt' | 'attributes'>
type FormValues = { phone: string; bankCustomerNo: string; attributes: Record<string, unknown> }

type Props = { open: boolean; customerId: string; name: string; profile: ProfileValues; fields: CustomField[]; onClose: () => void; onSaved: (p: ProfileValues) => void }

/** Phone, customer number and custom field values of one customer; empty clears. */
export function ProfileEditDrawer({ open, customerId, name, profile, fields, onClose, onSaved }: Props) {
  const t = useT()
  const [form] = Form.useForm<FormValues>()

  useEffect(() => {
    if (open) form.setFieldsValue({ phone: profile.phone ?? '', bankCustomerNo: profile.bankCustomerNo ?? '', attributes: Object.fromEntries(fields.map((f) => [f.id, profile.attributes[f.id]])) })
  }, [open, profile, fields, form])

  const { submit, saving } = useFormSubmit(form, async (values) => {
    const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)
    const attributes = Object.fromEntries(fields.map((f) => [f.id, empty(values.attributes?.[f.id]) ? null : values.attributes[f.id]])) as Record<string, string | number | string[] | null>
    const reply = await call(api.PATCH('/api/customers/{id}/profile', {
      params: { path: { id: customerId } },
      body: { phone: values.phone.trim() || null, bankCustomerNo: values.bankCustomerNo.trim() || null, attributes },
    }))
    toastSuccess(t(reply.changes.length ? 'profile.saved' : 'profile.unchanged'))
    onSaved(reply)
    onClose()
  }, (error) => {
    if (!(error instanceof ApiError)) return false
    const field = (error.details as { field?: string } | undefined)?.field ?? (error.code === 'customers.profile.bank_no_taken' ? 'bankCustomerNo' : undefined)
    if (!field) return false
    form.setFields([{ name: field === 'phone' || field === 'bankCustomerNo' ? field : ['attributes', field], errors: [error.message] }])
    return true
  })

  return (
    <Drawer open={open} onClose={onClose} size={520} title={t('profile.editTitle', { name })} destroyOnHidden
      footer={<DrawerFooter onCancel={onClose} onSave={submit} saving={saving} testId="profile-form-submit" />}>
      <Alert type="info" showIcon title={t('profile.verifiedHint')} style={{ marginBottom: 16 }} />
      <Form<FormValues> form={form} layout="vertical" name="profile">
        <Form.Item name="phone" label={t('profile.phone')} rules={[{ pattern: /^\s*(\+?86)?[\s-]*1[3-9](\d[\s-]*){9}$/, message: t('profile.phoneInvalid') }]}>
          <Input maxLength={30} allowClear data-testid="profile-form-phone" />
        </Form.Item>
        <Form.Item name="bankCustomerNo" label={t('profile.bankCustomerNo')}>
          <Input maxLength={64} allowClear data-testid="profile-form-bank-no" />
        </Form.Item>
        {fields.map((f) => (
          <Form.Item key={f.id} name={['attributes', f.id]} label={f.name}>
            <FieldValueInput field={f} testId={`profile-form-field-${f.name}`} />
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  )
}
