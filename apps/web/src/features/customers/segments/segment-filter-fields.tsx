import { Col, DatePicker, Divider, Form, InputNumber, Row, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { SegmentFilters } from '../../../api/types'
import { api, call } from '../../../app/api'
import { useT } from '../../../app/i18n'
import { useCan } from '../../../app/permissions'
import { compact } from '../../../shared/format'
import { useRequest } from '../../../shared/use-request'
import { DepartmentTreeSelect, EmployeeSelect, useEmployeeNames } from '../../org'
import { FieldConditions, toFieldConditions, type FieldConditionValue } from '../profile/field-conditions'

/** The segment form: its name and the conditions besides tags. */
export type SegmentFormValues = {
  name?: string
  channelGroup?: string
  liveCodeIds?: string[]
  followerIds?: string[]
  departmentId?: number
  added?: [Dayjs | null, Dayjs | null] | null
  verified?: boolean
  addedMoreThanDaysAgo?: number
  addedWithinDays?: number
  inactiveForDays?: number
  activeWithinDays?: number
  fieldConditions?: FieldConditionValue[]
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
    verified: values.verified,
    addedMoreThanDaysAgo: values.addedMoreThanDaysAgo ?? undefined,
    addedWithinDays: values.addedWithinDays ?? undefined,
    inactiveForDays: values.inactiveForDays ?? undefined,
    activeWithinDays: values.activeWithinDays ?? undefined,
    fields: toFieldConditions(values.fieldConditions),
  }) as SegmentFilters
}

/** A saved segment's filters → form values (dates arrive as ISO strings). */
export function fromSegmentFilters(filters: SegmentFilters): Omit<SegmentFormValues, 'name'> {
  const date = (value: unknown) => (typeof value === 'string' ? dayjs(value) : null)
  const added = filters.addedFrom || filters.addedTo ? ([date(filters.addedFrom), date(filters.addedTo)] as [Dayjs | null, Dayjs | null]) : null
  return {
    channelGroup: filters.channelGroup, liveCodeIds: filters.liveCodeIds, followerIds: filters.followerIds, departmentId: filters.departmentId, added,
    verified: filters.verified, addedMoreThanDaysAgo: filters.addedMoreThanDaysAgo, addedWithinDays: filters.addedWithinDays,
    inactiveForDays: filters.inactiveForDays, activeWithinDays: filters.activeWithinDays, fieldConditions: filters.fields,
  }
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
      <Col span={12}>
        <Form.Item name="verified" label={t('segments.filter.verified')}>
          <Select allowClear placeholder={t('common.all')} options={[{ value: true, label: t('profile.verified') }, { value: false, label: t('profile.notVerified') }]} data-testid="segment-filter-verified" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label={t('segments.filter.addedDays')}>
          <DaysPair first="addedMoreThanDaysAgo" second="addedWithinDays" labels={[t('segments.filter.addedMoreThan'), t('segments.filter.addedWithin')]} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label={t('segments.filter.activity')} tooltip={t('segments.filter.activityHint')}>
          <DaysPair first="inactiveForDays" second="activeWithinDays" labels={[t('segments.filter.inactiveFor'), t('segments.filter.activeWithin')]} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Divider titlePlacement="start" plain style={{ margin: '0 0 12px' }}>{t('segments.filter.fields')}</Divider>
        <FieldConditions />
      </Col>
    </Row>
  )
}

/** Two day counts side by side ("more than N days" / "within N days"). */
function DaysPair({ first, second, labels }: { first: keyof SegmentFormValues; second: keyof SegmentFormValues; labels: [string, string] }) {
  const t = useT()
  return (
    <Row gutter={8}>
      {[first, second].map((name, i) => (
        <Col span={12} key={name}>
          <Form.Item name={name} noStyle>
            <InputNumber min={0} max={36500} prefix={labels[i]} suffix={t('segments.filter.days')} style={{ width: '100%' }} data-testid={`segment-filter-${name}`} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  )
}
