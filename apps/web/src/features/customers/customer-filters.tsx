import { DatePicker, Form, Input, Select } from 'antd'
import type { Dayjs } from 'dayjs'
import type { CustomerQuery } from '../../api/types'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useCan } from '../../app/permissions'
import { compact } from '../../shared/format'
import { useRequest } from '../../shared/use-request'
import { EmployeeSelect } from '../org'
import { TagSelect } from './tag-select'

export type CustomerFilterValues = {
  q?: string
  channelGroup?: string
  liveCodeId?: string
  employeeId?: string
  tagId?: string
  added?: [Dayjs | null, Dayjs | null] | null
}

type Filter = Omit<CustomerQuery, 'limit' | 'cursor'>

/** Form values → API filter; the date range covers whole local days. */
export function toCustomerFilter(values: CustomerFilterValues): Filter {
  const [from, to] = values.added ?? [null, null]
  return compact({
    q: values.q?.trim(),
    channelGroup: values.channelGroup,
    liveCodeId: values.liveCodeId,
    employeeId: values.employeeId,
    tagId: values.tagId,
    addedFrom: from?.startOf('day').toISOString(),
    addedTo: to?.endOf('day').toISOString(),
  }) as Filter
}

/** The Form.Items of the customers query bar (rendered inside <FilterBar>). */
export function CustomerFilterFields() {
  const t = useT()
  const can = useCan()
  // Live codes and the directory are not readable by every role; their filters are left out then.
  const seesLiveCodes = can('acquisition.live_code.read')
  const channelGroups = useRequest(() => call(api.GET('/api/live-codes/channel-groups')), [], { enabled: seesLiveCodes })
  const liveCodes = useRequest(() => call(api.GET('/api/live-codes', { params: { query: { limit: 100 } } })), [], { enabled: seesLiveCodes })
  return (
    <>
      <Form.Item name="q" label={t('common.keyword')}>
        <Input placeholder={t('customers.searchPlaceholder')} allowClear style={{ width: 180 }} data-testid="customers-search" />
      </Form.Item>
      {seesLiveCodes && (
        <>
          <Form.Item name="channelGroup" label={t('liveCode.channelGroup')}>
            <Select allowClear placeholder={t('common.all')} style={{ width: 140 }} options={(channelGroups.data?.items ?? []).map((g) => ({ value: g, label: g }))} />
          </Form.Item>
          <Form.Item name="liveCodeId" label={t('customers.liveCode')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              style={{ width: 180 }}
              loading={liveCodes.loading}
              options={(liveCodes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </>
      )}
      {can('org.read') && (
        <Form.Item name="employeeId" label={t('customers.follower')}>
          <EmployeeSelect placeholder={t('common.all')} style={{ width: 160 }} />
        </Form.Item>
      )}
      <Form.Item name="tagId" label={t('customers.tag')}>
        <TagSelect<string> placeholder={t('common.all')} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="added" label={t('customers.addedAt')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
      </Form.Item>
    </>
  )
}
