import { Button, DatePicker, Flex, Form, InputNumber, Select, Space, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import type { SegmentFilters } from '../../../api/types'
import { useT } from '../../../app/i18n'
import { FieldValueInput } from './field-value'
import { useCustomFields, type CustomField, type FieldType } from './use-custom-fields'

export type FieldCondition = NonNullable<SegmentFilters['fields']>[number]
type Op = FieldCondition['op']
/** A row of the form while it is being filled in. */
export type FieldConditionValue = { fieldId?: string; op?: Op; value?: unknown }

/** Which conditions fit which field type (the server checks the same). */
const OPS: Record<FieldType, Op[]> = {
  text: ['eq', 'contains', 'empty', 'not_empty'],
  number: ['eq', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'not_empty'],
  date: ['before', 'after', 'between', 'within_days', 'empty', 'not_empty'],
  select: ['in', 'not_in', 'empty', 'not_empty'],
}
const needsNoValue = (op: Op | undefined) => op === 'empty' || op === 'not_empty'

/** Complete rows only, as the API takes them. */
export function toFieldConditions(rows: FieldConditionValue[] | undefined): FieldCondition[] | undefined {
  const done = (rows ?? []).filter((r) => r.fieldId && r.op && (needsNoValue(r.op) || (r.value !== undefined && r.value !== null && r.value !== '' && !(Array.isArray(r.value) && (r.value.length === 0 || r.value.some((v) => v === null || v === undefined))))))
  return done.length ? done.map((r) => (needsNoValue(r.op) ? { fieldId: r.fieldId, op: r.op } : r) as FieldCondition) : undefined
}

function Between({ type, value, onChange }: { type: FieldType; value?: unknown; onChange?: (v: unknown) => void }) {
  const pair = Array.isArray(value) ? value : [null, null]
  if (type === 'date') {
    return (
      <DatePicker.RangePicker
        value={[pair[0] ? dayjs(pair[0]) : null, pair[1] ? dayjs(pair[1]) : null]}
        onChange={(d) => onChange?.(d && d[0] && d[1] ? [d[0].format('YYYY-MM-DD'), d[1].format('YYYY-MM-DD')] : null)}
        style={{ width: '100%' }}
      />
    )
  }
  return (
    <Space.Compact style={{ width: '100%' }}>
      <InputNumber value={pair[0] ?? null} onChange={(v) => onChange?.([v, pair[1]])} style={{ width: '50%' }} />
      <InputNumber value={pair[1] ?? null} onChange={(v) => onChange?.([pair[0], v])} style={{ width: '50%' }} />
    </Space.Compact>
  )
}

function ValueInput({ field, op, value, onChange }: { field: CustomField; op: Op; value?: unknown; onChange?: (v: unknown) => void }) {
  const t = useT()
  if (op === 'between') return <Between type={field.type} value={value} onChange={onChange} />
  if (op === 'within_days') return <InputNumber min={0} max={36500} value={typeof value === 'number' ? value : null} onChange={(v) => onChange?.(v)} suffix={t('segments.filter.days')} style={{ width: '100%' }} />
  return <FieldValueInput field={field} value={value} onChange={onChange} multiple={op === 'in' || op === 'not_in'} />
}

/** Custom field conditions as rows: field → condition → a value input that fits the field's type. */
export function FieldConditions() {
  const t = useT()
  const fields = useCustomFields()
  const byId = new Map((fields.data?.items ?? []).map((f) => [f.id, f]))
  const form = Form.useFormInstance()
  return (
    <Form.List name="fieldConditions">
      {(rows, { add, remove }) => (
        <Flex vertical gap={8}>
          {rows.map(({ key, name }) => (
            <Form.Item key={key} noStyle shouldUpdate>
              {() => {
                const row = (form.getFieldValue(['fieldConditions', name]) ?? {}) as FieldConditionValue
                const field = row.fieldId ? byId.get(row.fieldId) : undefined
                return (
                  <Flex gap={8} align="start" data-testid="segment-field-condition">
                    <Form.Item name={[name, 'fieldId']} noStyle>
                      <Select
                        placeholder={t('segments.filter.pickField')}
                        style={{ width: 160 }}
                        options={(fields.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))}
                        onChange={(id: string) => form.setFieldValue(['fieldConditions', name], { fieldId: id, op: OPS[byId.get(id)!.type][0] })}
                      />
                    </Form.Item>
                    <Form.Item name={[name, 'op']} noStyle>
                      <Select style={{ width: 130 }} disabled={!field} options={(field ? OPS[field.type] : []).map((op) => ({ value: op, label: t(`segments.op.${op}`) }))}
                        onChange={(op: Op) => form.setFieldValue(['fieldConditions', name], { ...row, op, value: undefined })} />
                    </Form.Item>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      {field && row.op && !needsNoValue(row.op) && (
                        <Form.Item name={[name, 'value']} noStyle>
                          <ValueInput field={field} op={row.op} />
                        </Form.Item>
                      )}
                    </div>
                    <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(name)} aria-label={t('common.remove')} />
                  </Flex>
                )
              }}
            </Form.Item>
          ))}
          {rows.length < 20 && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={!fields.data?.items.length} style={{ alignSelf: 'flex-start' }} data-testid="segment-add-field-condition">
              {t('segments.filter.addField')}
            </Button>
          )}
          {fields.data && !fields.data.items.length && <Typography.Text type="secondary">{t('profile.noFields')}</Typography.Text>}
        </Flex>
      )}
    </Form.List>
  )
}
