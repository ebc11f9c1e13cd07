import { useEffect, useState } from 'react'
import { Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Spin, Steps, Switch, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useNavigate, useParams } from 'react-router-dom'
import { api, call } from '../../app/api'
import { showError, toastSuccess } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { ROUTES } from '../../app/routes'
import { PageHeader } from '../../shared/page-header'
import { useFormSubmit } from '../../shared/use-form-submit'
import { useRequest } from '../../shared/use-request'
import { TagSelect } from '../customers'
import { DepartmentTreeSelect, EmployeeSelect, useEmployeeNames } from '../org'
import { applyServerError, emptyForm, STEP_OF_FIELD, toFormValues, toInput, type ActivityFormValues } from './activity-form'
import { isBackgroundUrl, PosterEditor, posterProblems, problemText } from './poster-editor'
import { REFUSAL_REASONS, type PosterLayout } from './types'

const STEPS = ['fission.step.basic', 'fission.step.poster', 'fission.step.rules', 'fission.step.people'] as const
/** The fields each step validates before moving on. */
const STEP_FIELDS: (string | (string | number)[])[][] = [
  ['name', 'period', 'rules'],
  ['poster'],
  ['tiers', 'helperEmployeeIds', ['welcome', 'counted'], ['welcome', 'refused', 'default']],
  [],
]
const MAX_TIERS = 5

/** Create or edit (drafts only) a fission activity, one step at a time; every step stays mounted so its values and checks persist. */
export function ActivityFormPage() {
  const t = useT()
  const navigate = useNavigate()
  const { id } = useParams<{ id: string }>()
  const [form] = Form.useForm<ActivityFormValues>()
  const [step, setStep] = useState(0)
  const [loading, setLoading] = useState(!!id)
  const posterEnabled = Form.useWatch('posterEnabled', form)
  const velocityEnabled = Form.useWatch('velocityEnabled', form)
  const helperIds: string[] = Form.useWatch('helperEmployeeIds', { form, preserve: true }) ?? []
  const participantIds: string[] = Form.useWatch(['participants', 'employeeIds'], { form, preserve: true }) ?? []
  const known = useEmployeeNames([...new Set([...helperIds, ...participantIds])], !!id)
  const segments = useRequest(() => call(api.GET('/api/segments')), [])

  useEffect(() => {
    if (!id) return
    call(api.GET('/api/fission/activities/{id}', { params: { path: { id } } }))
      .then((a) => form.setFieldsValue(toFormValues(a)))
      .catch(showError)
      .finally(() => setLoading(false))
  }, [id, form])

  const { submit, saving } = useFormSubmit(form, async () => {
    const body = toInput(form.getFieldsValue(true))
    const saved = id
      ? await call(api.PUT('/api/fission/activities/{id}', { params: { path: { id } }, body }))
      : await call(api.POST('/api/fission/activities', { body }))
    toastSuccess(t('fission.saved'))
    navigate(`${ROUTES.fission}/${saved.id}`)
  }, (error) => {
    const at = applyServerError(form, error)
    if (at === undefined) return false
    setStep(at)
    return true
  })

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step] as never, { recursive: true })
      setStep(step + 1)
    } catch {
      // antd marks the fields
    }
  }

  // A field left wrong on a step not shown would fail the save invisibly: go to the first one.
  const save = async () => {
    try {
      await form.validateFields()
    } catch (error) {
      const first = (error as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0]?.name[0]
      if (first !== undefined) setStep(STEP_OF_FIELD[String(first)] ?? step)
      return
    }
    await submit()
  }

  const shown = (i: number) => ({ display: step === i ? undefined : 'none' })

  return (
    <>
      <PageHeader title={id ? t('fission.edit') : t('fission.create')} />
      <Card>
        <Steps current={step} onChange={setStep} items={STEPS.map((key) => ({ title: t(key) }))} style={{ marginBottom: 24 }} data-testid="fission-steps" />
        <Spin spinning={loading}>
          <Form<ActivityFormValues> form={form} layout="vertical" initialValues={emptyForm()} name="fission" style={{ maxWidth: 1000 }}>
            <div style={shown(0)}>
              <Form.Item name="name" label={t('fission.name')} rules={[{ required: true, whitespace: true, message: t('fission.nameRequired') }, { max: 60 }]}>
                <Input maxLength={60} showCount data-testid="fission-name" />
              </Form.Item>
              <Form.Item name="period" label={t('fission.period')} rules={[{ required: true, message: t('fission.periodRequired') }]}>
                <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="fission-period" />
              </Form.Item>
              <Form.Item name="rules" label={t('fission.rules')} rules={[{ max: 5000 }]}>
                <Input.TextArea rows={6} maxLength={5000} showCount placeholder={t('fission.rulesPlaceholder')} />
              </Form.Item>
            </div>

            <div style={shown(1)}>
              <Form.Item name="posterEnabled" label={t('fission.poster.enabled')} valuePropName="checked" extra={t('fission.poster.hint')}>
                <Switch />
              </Form.Item>
              {posterEnabled && (
                <Form.Item
                  name="poster"
                  // The editor marks its own bad parts; a red outline on every input of it would hide which one is wrong.
                  validateStatus=""
                  rules={[{ validator: async (_, poster: PosterLayout) => {
                    if (!isBackgroundUrl(poster?.backgroundUrl ?? '')) throw new Error(t('fission.poster.backgroundRequired'))
                    const [problem] = posterProblems(poster)
                    if (problem) throw new Error(problemText(t, problem))
                  } }]}
                >
                  <PosterEditor />
                </Form.Item>
              )}
            </div>

            <div style={shown(2)}>
              <Flex gap={16}>
                <Form.Item name={['scripts', 'customer']} label={t('fission.scripts.customer')} style={{ flex: 1 }} rules={[{ max: 2000 }]}>
                  <Input.TextArea rows={3} maxLength={2000} showCount />
                </Form.Item>
                <Form.Item name={['scripts', 'employee']} label={t('fission.scripts.employee')} style={{ flex: 1 }} rules={[{ max: 2000 }]}>
                  <Input.TextArea rows={3} maxLength={2000} showCount />
                </Form.Item>
              </Flex>
              <TiersField />
              <Form.Item
                name="helperEmployeeIds"
                label={t('fission.helpers')}
                extra={t('fission.helpersHint')}
                rules={[{ required: true, type: 'array', min: 1, message: t('fission.helpersRequired') }]}
              >
                <EmployeeSelect multiple maxCount={100} status={1} knownOptions={known.options} testId="fission-helpers" style={{ maxWidth: 600 }} />
              </Form.Item>
              <Flex gap={16}>
                <Form.Item name={['welcome', 'counted']} label={t('fission.welcome.counted')} style={{ flex: 1 }} rules={[{ required: true, whitespace: true, message: t('fission.welcome.required') }]}>
                  <Input.TextArea rows={3} data-testid="fission-welcome-counted" />
                </Form.Item>
                <Form.Item name={['welcome', 'refused', 'default']} label={t('fission.welcome.refused')} style={{ flex: 1 }} rules={[{ required: true, whitespace: true, message: t('fission.welcome.required') }]}>
                  <Input.TextArea rows={3} data-testid="fission-welcome-refused" />
                </Form.Item>
              </Flex>
              <RefusalVariantsField />
              <Typography.Title level={5}>{t('fission.helpRules')}</Typography.Title>
              <Flex gap={32} align="flex-start" wrap>
                <Form.Item name={['helpRules', 'newCustomersOnly']} valuePropName="checked">
                  <Checkbox>{t('fission.newCustomersOnly')}</Checkbox>
                </Form.Item>
                <Form.Item name={['helpRules', 'churnHours']} label={t('fission.churnHours')} extra={t('fission.churnHoursHint')}>
                  <InputNumber min={0} max={24 * 90} precision={0} />
                </Form.Item>
                <Form.Item label={t('fission.velocity')} extra={t('fission.velocityHint')}>
                  <Space>
                    <Form.Item name="velocityEnabled" valuePropName="checked" noStyle>
                      <Switch />
                    </Form.Item>
                    <Form.Item name={['velocity', 'withinSeconds']} noStyle>
                      <InputNumber min={1} max={86_400} precision={0} disabled={!velocityEnabled} style={{ width: 90 }} />
                    </Form.Item>
                    <span>{t('fission.velocity.within')}</span>
                    <Form.Item name={['velocity', 'maxHelps']} noStyle>
                      <InputNumber min={1} max={100_000} precision={0} disabled={!velocityEnabled} style={{ width: 90 }} />
                    </Form.Item>
                    <span>{t('fission.velocity.max')}</span>
                  </Space>
                </Form.Item>
              </Flex>
            </div>

            <div style={shown(3)}>
              <Typography.Title level={5}>{t('fission.participantsSection')}</Typography.Title>
              <Form.Item name={['participants', 'departmentIds']} label={t('fission.departments')}>
                <DepartmentTreeSelect multiple style={{ maxWidth: 600 }} />
              </Form.Item>
              <Form.Item name={['participants', 'employeeIds']} label={t('fission.employees')}>
                <EmployeeSelect multiple knownOptions={known.options} style={{ maxWidth: 600 }} />
              </Form.Item>
              <Form.Item name="recommendedSegmentId" label={t('fission.segment')} extra={t('fission.segmentHint')}>
                <Select
                  allowClear
                  loading={segments.loading}
                  options={(segments.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ maxWidth: 400 }}
                />
              </Form.Item>
            </div>
          </Form>
        </Spin>
        <Flex justify="space-between" style={{ marginTop: 16 }}>
          <Button onClick={() => navigate(id ? `${ROUTES.fission}/${id}` : ROUTES.fission)}>{t('common.cancel')}</Button>
          <Space>
            {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('fission.prev')}</Button>}
            {step < STEPS.length - 1 && <Button type="primary" onClick={next} data-testid="fission-next">{t('fission.next')}</Button>}
            <Button type={step === STEPS.length - 1 ? 'primary' : 'default'} loading={saving} onClick={save} data-testid="fission-save">{t('common.save')}</Button>
          </Space>
        </Flex>
      </Card>
    </>
  )
}

/** Reward tiers: thresholds must strictly increase (the server refuses otherwise). */
function TiersField() {
  const t = useT()
  return (
    <Form.List
      name="tiers"
      rules={[{ validator: async (_, tiers: { threshold?: number }[]) => { if (!tiers?.length) throw new Error(t('common.required')) } }]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t('fission.tiers')} required>
          <Flex vertical gap={8}>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="flex-start" data-testid={`fission-tier-${index}`}>
                <Typography.Text strong style={{ width: 64, lineHeight: '32px' }}>{t('fission.tier.level', { level: index + 1 })}</Typography.Text>
                <Form.Item
                  name={[field.name, 'threshold']}
                  dependencies={index > 0 ? [['tiers', index - 1, 'threshold']] : []}
                  rules={[
                    { required: true, message: t('common.required') },
                    ({ getFieldValue }) => ({
                      validator: async (_, value?: number) => {
                        const before: number | undefined = index > 0 ? getFieldValue(['tiers', index - 1, 'threshold']) : undefined
                        if (value !== undefined && before !== undefined && value <= before) throw new Error(t('fission.tier.notIncreasing'))
                      },
                    }),
                  ]}
                  style={{ marginBottom: 0 }}
                >
                  <InputNumber min={1} max={10_000} precision={0} prefix={t('fission.tier.threshold')} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'prizeName']} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 60 }]} style={{ marginBottom: 0, flex: 1 }}>
                  <Input placeholder={t('fission.tier.prizeName')} maxLength={60} />
                </Form.Item>
                <Form.Item name={[field.name, 'stock']} rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 0 }}>
                  <InputNumber min={0} max={10_000_000} precision={0} prefix={t('fission.tier.stock')} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'unitPrice']} style={{ marginBottom: 0 }}>
                  <InputNumber min={0} max={100_000} precision={2} step={0.5} prefix={t('fission.tier.unitPrice')} style={{ width: 190 }} data-testid={`fission-tier-price-${index}`} />
                </Form.Item>
                <Form.Item name={[field.name, 'completionTagId']} style={{ marginBottom: 0 }}>
                  <TagSelect<string> placeholder={t('fission.tier.tag')} style={{ width: 180 }} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= MAX_TIERS} onClick={() => add({ stock: 100, unitPrice: 0, completionTagId: null })} style={{ width: 200 }}>
              {t('fission.tier.add')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Flex>
        </Form.Item>
      )}
    </Form.List>
  )
}

/** Optional welcome texts for particular refusal reasons; the default text covers the rest. */
function RefusalVariantsField() {
  const t = useT()
  const variants: { reason?: string }[] = Form.useWatch(['welcome', 'refused', 'variants']) ?? []
  const used = new Set(variants.map((v) => v.reason))
  return (
    <Form.List name={['welcome', 'refused', 'variants']}>
      {(fields, { add, remove }) => (
        <Form.Item label={t('fission.welcome.variants')}>
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start">
                <Form.Item name={[field.name, 'reason']} rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 0 }}>
                  <Select
                    style={{ width: 180 }}
                    options={REFUSAL_REASONS.map((r) => ({ value: r, label: t(`fission.reason.${r}`), disabled: used.has(r) }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'text']} rules={[{ required: true, whitespace: true, message: t('fission.welcome.required') }]} style={{ marginBottom: 0, flex: 1 }}>
                  <Input.TextArea rows={1} autoSize={{ minRows: 1, maxRows: 4 }} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= REFUSAL_REASONS.length} onClick={() => add({})} style={{ width: 200 }}>
              {t('fission.welcome.addVariant')}
            </Button>
          </Flex>
        </Form.Item>
      )}
    </Form.List>
  )
}
