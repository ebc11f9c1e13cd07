import { useState } from 'react'
import { Button, Card, Flex, Popconfirm, Segmented, Table } from 'antd'
import { api, call } from '../../app/api'
import { showError, toastSuccess } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { useCan } from '../../app/permissions'
import { CursorPager } from '../../shared/cursor-pager'
import { formatDateTime } from '../../shared/format'
import { useCursorPager } from '../../shared/use-cursor-pager'
import { useRequest } from '../../shared/use-request'
import { HelpStatusTag, reasonLabel } from './labels'
import { CustomerCell } from '../customers/customer-cell'
import type { Help, HelpStatus } from './types'

const STATUSES: HelpStatus[] = ['counted', 'refused', 'held', 'revoked', 'voided']
/** The server's review transitions (service.reviewHelp). */
const VOIDABLE: HelpStatus[] = ['counted', 'held', 'revoked']
const RESTORABLE: HelpStatus[] = ['voided', 'held']

/** Every help with its outcome and reason; the operator voids a suspicious one or restores a held/voided one. */
export function HelpsTable({ activityId, onReviewed }: { activityId: string; onReviewed: () => void }) {
  const t = useT()
  const writable = useCan()('fission.write')
  const [status, setStatus] = useState<HelpStatus | 'all'>('all')
  const pager = useCursorPager(20)
  const query = { limit: pager.pageSize, cursor: pager.cursor, ...(status === 'all' ? {} : { status }) }
  const list = useRequest(
    () => call(api.GET('/api/fission/activities/{id}/helps', { params: { path: { id: activityId }, query } })),
    [activityId, JSON.stringify(query)],
  )
  const review = async (help: Help, action: 'void' | 'restore') => {
    const params = { params: { path: { id: activityId, helpId: help.id } } }
    try {
      await call(action === 'void' ? api.POST('/api/fission/activities/{id}/helps/{helpId}/void', params) : api.POST('/api/fission/activities/{id}/helps/{helpId}/restore', params))
      toastSuccess(t('fission.done'))
      void list.reload()
      onReviewed()
    } catch (error) {
      showError(error)
    }
  }
  return (
    <Card size="small">
      <Flex style={{ marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(value) => { setStatus(value); pager.reset() }}
          options={[{ value: 'all' as const, label: t('common.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`fission.help.status.${s}`) }))]}
          data-testid="fission-helps-filter"
        />
      </Flex>
      <Table<Help>
        rowKey="id"
        size="middle"
        pagination={false}
        loading={list.loading}
        dataSource={list.data?.items}
        data-testid="fission-helps"
        columns={[
          {
            title: t('fission.help.helper'), key: 'helper',
            render: (_: unknown, h: Help) => <CustomerCell name={h.helperName ?? `#${h.helperCustomerId}`} avatar={h.helperAvatar ?? ''} externalUserId={h.helperExternalUserId} />,
          },
          { title: t('fission.participant.customer'), dataIndex: 'participantId', width: 120 },
          { title: t('fission.help.status'), dataIndex: 'status', width: 110, render: (s: HelpStatus) => <HelpStatusTag status={s} t={t} /> },
          { title: t('fission.help.reason'), dataIndex: 'reason', render: (r: string | null) => reasonLabel(t, r) },
          { title: t('fission.help.addedAt'), dataIndex: 'addedAt', width: 160, render: formatDateTime },
          ...(writable ? [{
            title: t('common.actions'), key: 'actions', width: 130,
            render: (_: unknown, h: Help) => (
              <Flex>
                {VOIDABLE.includes(h.status) && (
                  <Popconfirm title={t('fission.help.confirmVoid')} onConfirm={() => review(h, 'void')}>
                    <Button type="link" size="small" danger>{t('fission.help.void')}</Button>
                  </Popconfirm>
                )}
                {RESTORABLE.includes(h.status) && (
                  <Popconfirm title={t('fission.help.confirmRestore')} onConfirm={() => review(h, 'restore')}>
                    <Button type="link" size="small">{t('fission.help.restore')}</Button>
                  </Popconfirm>
                )}
              </Flex>
            ),
          }] : []),
        ]}
      />
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} />
    </Card>
  )
}
