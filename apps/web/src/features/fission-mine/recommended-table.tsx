import { useState } from 'react'
import { Button, Table, Tag } from 'antd'
import { CopyOutlined } from '@ant-design/icons'
import type { ResponseOf } from '../../api/types'
import { api, call } from '../../app/api'
import { showError } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { CursorPager } from '../../shared/cursor-pager'
import { useCursorPager } from '../../shared/use-cursor-pager'
import { useRequest } from '../../shared/use-request'
import { CustomerCell } from '../customers/customer-cell'
import { useCopy } from './copy'

type Recommended = ResponseOf<'/api/fission/activities/{id}/recommended'>['items'][number]

/** The activity's recommended customers the employee may see (their own), each with the script and their personal link to copy. */
export function RecommendedTable({ activityId, script }: { activityId: string; script: string }) {
  const t = useT()
  const copy = useCopy()
  const [linking, setLinking] = useState<string>()
  const pager = useCursorPager(10)
  const list = useRequest(
    () => call(api.GET('/api/fission/activities/{id}/recommended', { params: { path: { id: activityId }, query: { limit: pager.pageSize, cursor: pager.cursor } } })),
    [activityId, pager.pageSize, pager.cursor],
  )
  const copyWithLink = async (c: Recommended) => {
    setLinking(c.id)
    try {
      const link = await call(api.POST('/api/fission/activities/{id}/links', { params: { path: { id: activityId } }, body: { customerId: c.id } }))
      await copy(script ? `${script}\n${link.url}` : link.url)
    } catch (err) {
      showError(err)
    } finally {
      setLinking(undefined)
    }
  }
  return (
    <>
      <Table<Recommended>
        rowKey="id"
        size="middle"
        pagination={false}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('fissionMine.noRecommended') }}
        data-testid={`fission-recommended-${activityId}`}
        columns={[
          { title: t('fissionPrizes.customer'), key: 'customer', render: (_: unknown, c: Recommended) => <CustomerCell name={c.name || `#${c.id}`} avatar={c.avatar} externalUserId={c.externalUserId} /> },
          { title: t('fissionMine.joined'), dataIndex: 'joined', width: 120, render: (v: boolean) => (v ? <Tag color="success">{t('fissionMine.joined')}</Tag> : <Tag>{t('fissionMine.notJoined')}</Tag>) },
          { title: t('fissionMine.helpCount'), dataIndex: 'helpCount', width: 100 },
          {
            title: '', key: 'copy', width: 160, align: 'right',
            render: (_: unknown, c: Recommended) => (
              <Button size="small" icon={<CopyOutlined />} loading={linking === c.id} onClick={() => void copyWithLink(c)} data-testid={`fission-copy-link-${c.id}`}>
                {t('fissionMine.copyWithLink')}
              </Button>
            ),
          },
        ]}
      />
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} />
    </>
  )
}
