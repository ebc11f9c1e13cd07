import { useEffect, useState } from 'react'
import { Button, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd'
import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  MessageOutlined,
  TagsOutlined,
  UserAddOutlined,
  UserDeleteOutlined,
} from '@ant-design/icons'
import type { ReactNode } from 'react'
import type { TimelineEvent } from '../../api/types'
import { api, call } from '../../app/api'
import { showError } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { formatDateTime } from '../../shared/format'
import { TIMELINE_KIND } from './customer-labels'

const PAGE_SIZE = 20

const ICONS: Record<TimelineEvent['kind'], ReactNode> = {
  added: <UserAddOutlined />,
  tagged: <TagsOutlined />,
  welcome_sent: <MessageOutlined />,
  welcome_failed: <CloseCircleOutlined />,
  deleted_by_customer: <UserDeleteOutlined />,
  deleted_by_employee: <UserDeleteOutlined />,
  edited: <EditOutlined />,
}

const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined)
const names = (value: unknown) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : str((v as { name?: unknown })?.name) ?? '')).filter(Boolean) : []

/** Kind-specific detail; the server's `data` is open-ended so unknown fields are ignored. */
function EventDetail({ event }: { event: TimelineEvent }) {
  const t = useT()
  const data = event.data ?? {}
  if (event.kind === 'welcome_sent') {
    const attachments = Array.isArray(data.attachments) ? data.attachments.length : 0
    return (
      <div style={{ background: '#f5f7fb', borderRadius: 8, padding: '8px 12px', marginTop: 4 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{str(data.text) ?? '-'}</Typography.Paragraph>
        {attachments > 0 && <Typography.Text type="secondary">{t('customers.timeline.attachments', { count: attachments })}</Typography.Text>}
      </div>
    )
  }
  if (event.kind === 'tagged') {
    return <div>{names(data.tags ?? data.tagNames).map((n) => <Tag key={n} color="geekblue">{n}</Tag>)}</div>
  }
  if (event.kind === 'added' && str(data.state)) {
    return <div><Typography.Text type="secondary">{t('liveCode.state')}: </Typography.Text><Typography.Text code>{str(data.state)}</Typography.Text></div>
  }
  const detail = str(data.reason) ?? str(data.error) ?? str(data.errmsg) ?? str(data.remark)
  return detail ? <div><Typography.Text type={event.kind === 'welcome_failed' ? 'danger' : 'secondary'}>{detail}</Typography.Text></div> : null
}

export function CustomerTimeline({ customerId }: { customerId: string }) {
  const t = useT()
  const [items, setItems] = useState<TimelineEvent[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)

  const load = async (from: string | undefined, replace: boolean) => {
    setLoading(true)
    try {
      const page = await call(
        api.GET('/api/customers/{id}/timeline', { params: { path: { id: customerId }, query: { limit: PAGE_SIZE, cursor: from } } }),
      )
      setItems((prev) => (replace ? page.items : [...prev, ...page.items]))
      setCursor(page.nextCursor)
    } catch (error) {
      showError(error)
    } finally {
      setLoading(false)
    }
  }

  useEffect(() => {
    setItems([])
    void load(undefined, true)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only when the customer changes
  }, [customerId])

  if (!loading && items.length === 0) return <Empty description={t('customers.timeline.empty')} />
  return (
    <Spin spinning={loading && items.length === 0}>
      <Timeline
        data-testid="customer-timeline"
        items={items.map((event) => {
          const meta = TIMELINE_KIND[event.kind] ?? { label: 'customers.timeline.edited', color: 'gray' }
          return {
            key: event.id,
            color: meta.color,
            icon: ICONS[event.kind] ?? <CheckCircleOutlined />,
            content: (
              <div>
                <Flex gap={8} wrap align="baseline">
                  <Typography.Text strong>{t(meta.label)}</Typography.Text>
                  {event.employeeName && <Typography.Text>{event.employeeName}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(event.at)}</Typography.Text>
                </Flex>
                <EventDetail event={event} />
              </div>
            ),
          }
        })}
      />
      {cursor && (
        <Flex justify="center">
          <Button onClick={() => load(cursor, false)} loading={loading}>{t('common.loadMore')}</Button>
        </Flex>
      )}
    </Spin>
  )
}
