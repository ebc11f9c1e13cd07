import { useEffect } from 'react'
import { Alert, Drawer, Flex, Form, Radio, Spin, Typography } from 'antd'
import type { AlertMode, LossAlertSettings } from '../../../api/types'
import { api, call } from '../../../app/api'
import { toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { EmployeeSelect, useEmployeeNames } from '../../org'
import { ALERT_MODES, RECIPIENTS_MAX } from './loss-labels'
import { DrawerFooter } from '../../../shared/drawer-footer'
import { useFormSubmit } from '../../../shared/use-form-submit'

type Props = {
  open: boolean
  /** The saved settings (loaded by the page); the form starts from them. */
  settings: LossAlertSettings | undefined
  onClose: () => void
  onSaved: (settings: LossAlertSettings) => void
}

/** 提醒设置: whether and how lost customers are told to the chosen managers as WeCom app messages. */
export function LossAlertsDrawer({ open, settings, onClose, onSaved }: Props) {
  const t = useT()
  const [form] = Form.useForm<LossAlertSettings>()
  const mode: AlertMode | undefined = Form.useWatch('mode', form)
  const names = useEmployeeNames(settings?.recipientEmployeeIds ?? [], open)

  useEffect(() => {
    if (open && settings) form.setFieldsValue(settings)
  }, [open, settings, form])

  const { submit, saving } = useFormSubmit(form, async (values) => {
    const saved = await call(api.PUT('/api/customers/loss-alerts', { body: { mode: values.mode, recipientEmployeeIds: values.recipientEmployeeIds ?? [] } }))
    toastSuccess(t('losses.alerts.saved'))
    onSaved(saved)
  })

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={t('losses.alerts.title')}
      destroyOnHidden
      footer={<DrawerFooter onCancel={onClose} onSave={submit} saving={saving} disabled={!settings} testId="loss-alerts-submit" />}
    >
      <Alert type="info" showIcon title={t('losses.alerts.howTitle')} description={t('losses.alerts.how')} style={{ marginBottom: 24 }} />
      <Spin spinning={!settings}>
        <Form<LossAlertSettings> form={form} name="lossAlerts" layout="vertical" initialValues={{ mode: 'per_event', recipientEmployeeIds: [] }}>
          <Form.Item name="mode" label={t('losses.alerts.mode')}>
            <Radio.Group style={{ width: '100%' }} data-testid="loss-alerts-mode">
              <Flex vertical gap={12}>
                {ALERT_MODES.map((value) => (
                  <Radio key={value} value={value} data-testid={`loss-alerts-mode-${value}`}>
                    <Typography.Text strong>{t(`losses.mode.${value}`)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t(`losses.modeHint.${value}`)}
                    </Typography.Text>
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="recipientEmployeeIds"
            label={t('losses.alerts.recipients')}
            extra={t('losses.alerts.recipientsHint', { max: RECIPIENTS_MAX })}
            required={mode !== 'off'}
            rules={[
              {
                validator: async (_, ids: string[] | undefined) => {
                  if (mode !== 'off' && !ids?.length) throw new Error(t('losses.alerts.recipientsRequired'))
                },
              },
            ]}
            hidden={mode === 'off'}
          >
            <EmployeeSelect
              multiple
              maxCount={RECIPIENTS_MAX}
              knownOptions={names.options}
              placeholder={t('losses.alerts.recipientsPlaceholder')}
              style={{ width: '100%' }}
              testId="loss-alerts-recipients"
            />
          </Form.Item>
        </Form>
      </Spin>
    </Drawer>
  )
}
