import { Card, Table, Tag } from 'antd'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useCan } from '../../app/permissions'
import { CursorPager } from '../../shared/cursor-pager'
import { formatDateTime } from '../../shared/format'
import { useCursorPager } from '../../shared/use-cursor-pager'
import { useRequest } from '../../shared/use-request'
import { useEmployeeNames } from '../org'
import { CustomerCell } from '../customers/customer-cell'
import type { Participant } from './types'

const COMPLETION_COLOR = { reserved: 'blue', out_of_stock: 'red', redeemed: 'green', fulfilled: 'cyan' } as const

/** Initiators (keyset-paged), in the actor's data scope. */
export function ParticipantsTable({ activityId }: { activityId: string }) {
  const t = useT()
  const pager = useCursorPager(20)
  const list = useRequest(
    () => call(api.GET('/api/fission/activities/{id}/participants', { params: { path: { id: activityId }, query: { limit: pager.pageSize, cursor: pager.cursor } } })),
    [activityId, pager.pageSize, pager.cursor],
  )
  const items = list.data?.items ?? []
  const names = useEmployeeNames(items.flatMap((p) => p.employeeId ?? []), useCan()('org.read'))
  const nameOf = (id: string | null) => (id && names.options.find((o) => o.value === id)?.label) ?? id ?? '-'
  return (
    <Card size="small">
      <Table<Participant>
        rowKey="id"
        size="middle"
        pagination={false}
        loading={list.loading}
        dataSource={items}
        data-testid="fission-participants"
        columns={[
          {
            title: t('fission.participant.customer'), key: 'customer',
            render: (_: unknown, p: Participant) => <CustomerCell name={p.customerName ?? `#${p.customerId}`} avatar={p.customerAvatar ?? ''} externalUserId={p.externalUserId} />,
          },
          { title: t('fission.participant.employee'), dataIndex: 'employeeId', render: nameOf },
          { title: t('fission.participant.count'), dataIndex: 'helpCount', width: 90 },
          {
            title: t('fission.participant.tier'), key: 'tiers',
            render: (_: unknown, p: Participant) => p.completions.length === 0 ? '-' : p.completions.map((c) => (
              <Tag key={c.id} color={COMPLETION_COLOR[c.status]}>{t('fission.tier.level', { level: c.level })} · {t(`fission.completion.${c.status}`)}</Tag>
            )),
          },
          { title: t('fission.participant.invited'), dataIndex: 'invitedByParticipantId', width: 110, render: (v: string | null) => (v ? <Tag>{t('fission.participant.invited')}</Tag> : '-') },
          { title: t('fission.participant.joinedAt'), dataIndex: 'joinedAt', width: 160, render: formatDateTime },
        ]}
      />
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} />
    </Card>
  )
}
