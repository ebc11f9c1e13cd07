import { DatePicker, Form, Select } from 'antd'
import type { Dayjs } from 'dayjs'
import type { LossKind, LossQuery } from '../../../api/types'
import { useT } from '../../../app/i18n'
import { useCan } from '../../../app/permissions'
import { compact } from '../../../shared/format'
import { EmployeeSelect } from '../../org'
import { LOSS_KINDS } from './loss-labels'

export type LossFilterValues = {
  kind?: LossKind
  employeeId?: string
  lost?: [Dayjs | null, Dayjs | null] | null
}

export type LossFilter = Omit<LossQuery, 'limit' | 'cursor'>

/** Form values → API filter; the date range covers whole local days. */
export function toLossFilter(values: LossFilterValues): LossFilter {
  const [from, to] = values.lost ?? [null, null]
  return compact({
    kind: values.kind,
    employeeId: values.employeeId,
    from: from?.startOf('day').toISOString(),
    to: to?.endOf('day').toISOString(),
  }) as LossFilter
}

/** The Form.Items of the losses query bar; the employee filter needs the directory, which employees cannot read. */
export function LossFilterFields() {
  const t = useT()
  const can = useCan()
  return (
    <>
      <Form.Item name="kind" label={t('losses.kind')}>
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 160 }}
          options={LOSS_KINDS.map((kind) => ({ value: kind, label: t(`losses.kind.${kind}`) }))}
          data-testid="losses-kind"
        />
      </Form.Item>
      {can('org.read') && (
        <Form.Item name="employeeId" label={t('customers.follower')}>
          <EmployeeSelect placeholder={t('common.all')} style={{ width: 180 }} testId="losses-employee" />
        </Form.Item>
      )}
      <Form.Item name="lost" label={t('losses.lostAt')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
      </Form.Item>
    </>
  )
}
