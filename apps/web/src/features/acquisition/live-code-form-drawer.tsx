import { useEffect, useState } from 'react'
import { AutoComplete, Divider, Drawer, Form, Input, Spin, Switch } from 'antd'
import type { LiveCode } from '../../api/types'
import { api, ApiError, call } from '../../app/api'
import { showError, toastSuccess } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { TagSelect } from '../customers'
import { EmployeeSelect, type EmployeeOption } from '../org'
import { EmployeesField } from './employees-field'
import { applyServerErrors, EMPTY_FORM, LIMITS, toFormValues, toInput, type LiveCodeFormValues } from './live-code-form'
import { useChannelGroups } from './use-channel-groups'
import { WelcomeField } from './welcome-field'
import { DrawerFooter } from '../../shared/drawer-footer'
import { useFormSubmit } from '../../shared/use-form-submit'

type Props = {
  open: boolean
  /** Edit this live code; create a new one when undefined. */
  liveCodeId?: string
  onClose: () => void
  onSaved: (code: LiveCode) => void
}

export function LiveCodeFormDrawer({ open, liveCodeId, onClose, onSaved }: Props) {
  const t = useT()
  const [form] = Form.useForm<LiveCodeFormValues>()
  const [loading, setLoading] = useState(false)
  const [backupOptions, setBackupOptions] = useState<EmployeeOption[]>([])
  const { groups } = useChannelGroups()
  const selectedIds = (Form.useWatch('employees', { form, preserve: true }) ?? []).map((e) => e.employeeId)

  useEffect(() => {
    if (!open) return
    form.resetFields()
    setBackupOptions([])
    if (!liveCodeId) return form.setFieldsValue(EMPTY_FORM)
    setLoading(true)
    call(api.GET('/api/live-codes/{id}', { params: { path: { id: liveCodeId } } }))
      .then((code) => {
        form.setFieldsValue(toFormValues(code))
        if (code.backupEmployee) setBackupOptions([{ value: code.backupEmployee.employeeId, label: code.backupEmployee.name }])
      })
      .catch(showError)
      .finally(() => setLoading(false))
  }, [open, liveCodeId, form])

  // Every field's value, also those of collapsed sections that validateFields does not return.
  const { submit, saving } = useFormSubmit(form, async () => {
    const body = toInput(form.getFieldsValue(true))
    const saved = liveCodeId
      ? await call(api.PUT('/api/live-codes/{id}', { params: { path: { id: liveCodeId } }, body }))
      : await call(api.POST('/api/live-codes', { body }))
    toastSuccess(liveCodeId ? t('liveCode.updated') : t('liveCode.created', { name: saved.name }))
    onSaved(saved)
  }, (error) => {
    if (error instanceof ApiError && error.status === 400) applyServerErrors(form, error.details)
    return false
  })

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      title={liveCodeId ? t('liveCode.edit') : t('liveCode.create')}
      destroyOnHidden
      footer={<DrawerFooter onCancel={onClose} onSave={submit} saving={saving} testId="livecode-form-submit" />}
    >
      <Spin spinning={loading}>
        <Form<LiveCodeFormValues> form={form} name="liveCode" layout="vertical" initialValues={EMPTY_FORM} scrollToFirstError>
          <Divider titlePlacement="start" plain>{t('liveCode.section.basic')}</Divider>
          <Form.Item
            name="name"
            label={t('liveCode.name')}
            rules={[
              { required: true, whitespace: true, message: t('liveCode.nameRequired') },
              { max: LIMITS.nameMax, message: t('liveCode.nameMax', { max: LIMITS.nameMax }) },
            ]}
          >
            <Input placeholder={t('liveCode.namePlaceholder')} showCount maxLength={LIMITS.nameMax} data-testid="livecode-form-name" />
          </Form.Item>
          <Form.Item
            name="channelGroup"
            label={t('liveCode.channelGroup')}
            extra={t('liveCode.channelGroupHint')}
            rules={[{ max: LIMITS.channelGroupMax, message: t('liveCode.channelGroupMax', { max: LIMITS.channelGroupMax }) }]}
          >
            <AutoComplete
              options={groups.map((g) => ({ value: g }))}
              placeholder={t('liveCode.channelGroupPlaceholder')}
              showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
              data-testid="livecode-form-channel"
            />
          </Form.Item>
          <Form.Item name="remark" label={t('liveCode.remark')} rules={[{ max: LIMITS.remarkMax }]}>
            <Input.TextArea rows={2} maxLength={LIMITS.remarkMax} showCount />
          </Form.Item>

          <Divider titlePlacement="start" plain>{t('liveCode.section.employees')}</Divider>
          <Form.Item label={t('liveCode.employees')} required extra={t('liveCode.employeesHint')}>
            <EmployeesField />
          </Form.Item>
          <Form.Item name="backupEmployeeId" label={t('liveCode.backupEmployee')} extra={t('liveCode.backupHint')}>
            <EmployeeSelect knownOptions={backupOptions} exclude={selectedIds} placeholder={t('liveCode.backupPlaceholder')} />
          </Form.Item>

          <Divider titlePlacement="start" plain>{t('liveCode.section.adding')}</Divider>
          <Form.Item name="skipVerify" label={t('liveCode.skipVerify')} valuePropName="checked" extra={t('liveCode.skipVerifyHint')}>
            <Switch />
          </Form.Item>
          <Form.Item name="tagIds" label={t('liveCode.autoTags')} extra={t('liveCode.autoTagsHint')}>
            <TagSelect<string[]> multiple placeholder={t('liveCode.autoTagsPlaceholder')} />
          </Form.Item>

          <Divider titlePlacement="start" plain>{t('liveCode.section.welcome')}</Divider>
          <WelcomeField />
        </Form>
      </Spin>
    </Drawer>
  )
}
