import { Col, DatePicker, Form, Row, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { SegmentFilters } from '../../../api/types'
import { api, call } from '../../../app/api'
import { useT } from '../../../app/i18n'
import { useCan } from '../../../app/permissions'
import { compact } from '../../../shared/format'
import { useRequest } from '../../../shared/use-request'
import { DepartmentTreeSelect, EmployeeSelect, useEmployeeNames } from '../../org'

/** The segment form: its name and the conditions besides tags. */
export type SegmentFormValues = {
  name?: string
  channelGroup?: string
  liveCodeIds?: string[]
  followerIds?: string[]
  departmentId?: number
  added?: [Dayjs | null, Dayjs | null] | null
}

const nonEmpty = <T,>(list: T[] | undefined) => (list && list.length > 0 ? list : undefined)

/** Form values → the API's filters; the date range covers whole local days. */
export function toSegmentFilters(values: SegmentFormValues): SegmentFilters {
  const [from, to] = values.added ?? [null, null]
  return compact({
    channelGroup: values.channelGroup,
    liveCodeIds: nonEmpty(values.liveCodeIds),
    followerIds: nonEmpty(values.followerIds),
    departmentId: values.departmentId,
    addedFrom: from?.startOf('day').toISOString(),
    addedTo: to?.endOf('day').toISOString(),
  }) as SegmentFilters
}

/** A saved segment's filters → form values (dates arrive as ISO strings). */
export function fromSegmentFilters(filters: SegmentFilters): Omit<SegmentFormValues, 'name'> {
  const date = (value: unknown) => (typeof value === 'string' ? dayjs(value) : null)
  const added = filters.addedFrom || filters.addedTo ? ([date(filters.addedFrom), date(filters.addedTo)] as [Dayjs | null, Dayjs | null]) : null
  return { channelGroup: filters.channelGroup, liveCodeIds: filters.liveCodeIds, followerIds: filters.followerIds, departmentId: filters.departmentId, added }
}

/** Channel, follower, department and added-date conditions (rendered inside the editor's Form). */
export function SegmentFilterFields({ initialFollowerIds = [] }: { initialFollowerIds?: string[] }) {
  const t = useT()
  const can = useCan()
  // Live codes and the directory are not readable by every role; their conditions are left out then.
  const seesLiveCodes = can('acquisition.live_code.read')
  const seesOrg = can('org.read')
  const channelGroups = useRequest(() => call(api.GET('/api/live-codes/channel-groups')), [], { enabled: seesLiveCodes })
  const liveCodes = useRequest(() => call(api.GET('/api/live-codes', { params: { query: { limit: 100 } } })), [], { enabled: seesLiveCodes })
  const followers = useEmployeeNames(initialFollowerIds, seesOrg)
  return (
    <Row gutter={16}>
      {seesLiveCodes && (
        <>
          <Col span={12}>
            <Form.Item name="channelGroup" label={t('liveCode.channelGroup')}>
              <Select
                allowClear
                placeholder={t('common.all')}
                options={(channelGroups.data?.items ?? []).map((g) => ({ value: g, label: g }))}
                data-testid="segment-filter-channel-group"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="liveCodeIds" label={t('customers.liveCode')}>
              <Select
                mode="multiple"
                allowClear
                maxTagCount="responsive"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('common.all')}
                loading={liveCodes.loading}
                options={(liveCodes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                data-testid="segment-filter-live-codes"
              />
            </Form.Item>
          </Col>
        </>
      )}
      {seesOrg && (
        <>
          <Col span={12}>
            <Form.Item name="followerIds" label={t('customers.follower')}>
              <EmployeeSelect multiple knownOptions={followers.options} placeholder={t('common.all')} testId="segment-filter-followers" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="departmentId" label={t('org.department')} tooltip={t('segments.departmentHint')}>
              <DepartmentTreeSelect placeholder={t('common.all')} />
            </Form.Item>
          </Col>
        </>
      )}
      <Col span={12}>
        <Form.Item name="added" label={t('customers.addedAt')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} data-testid="segment-filter-added" />
        </Form.Item>
      </Col>
    </Row>
  )
}
