import { DatePicker, Input, InputNumber, Select, Tag } from 'antd'
import dayjs from 'dayjs'
import type { CustomField } from './use-custom-fields'

/** How a stored value reads on the profile. */
export function FieldValueView({ field, value }: { field: CustomField; value: unknown }) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return <>-</>
  if (field.type === 'select') return <>{(Array.isArray(value) ? value : [value]).map((v) => <Tag key={String(v)}>{String(v)}</Tag>)}</>
  if (field.type === 'number' && typeof value === 'number') return <>{value.toLocaleString()}</>
  return <>{String(value)}</>
}

type InputProps = { field: Pick<CustomField, 'type' | 'options' | 'multiple'>; value?: unknown; onChange?: (value: unknown) => void; multiple?: boolean; testId?: string }

/** The input that fits the field's type; dates travel as 'YYYY-MM-DD'. `multiple` forces a multi-select (segment "is one of"). */
export function FieldValueInput({ field, value, onChange, multiple, testId }: InputProps) {
  switch (field.type) {
    case 'number':
      return <InputNumber value={typeof value === 'number' ? value : null} onChange={(v) => onChange?.(v ?? null)} style={{ width: '100%' }} data-testid={testId} />
    case 'date':
      return (
        <DatePicker
          value={typeof value === 'string' && value ? dayjs(value) : null}
          onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
          style={{ width: '100%' }}
          data-testid={testId}
        />
      )
    case 'select':
      return (
        <Select
          mode={multiple ?? field.multiple ? 'multiple' : undefined}
          allowClear
          value={value ?? undefined}
          onChange={(v) => onChange?.(v ?? null)}
          options={field.options.map((o) => ({ value: o, label: o }))}
          style={{ width: '100%' }}
          data-testid={testId}
        />
      )
    default:
      return <Input value={typeof value === 'string' ? value : ''} onChange={(e) => onChange?.(e.target.value)} maxLength={500} allowClear data-testid={testId} />
  }
}
