import { useEffect, useState, type ReactNode } from 'react'
import { Button, Empty, Flex, Segmented, Spin, Tag, Timeline, Typography } from 'antd'
import {
  BellOutlined,
  CloseCircleOutlined,
  EditOutlined,
  FileTextOutlined,
  GiftOutlined,
  ShareAltOutlined,
  ImportOutlined,
  MessageOutlined,
  QuestionCircleOutlined,
  SwapOutlined,
  TagsOutlined,
  UserAddOutlined,
  UserDeleteOutlined,
} from '@ant-design/icons'
import type { TimelineEvent } from '../../api/types'
import { api, call } from '../../app/api'
import { showError } from '../../app/feedback'
import { useT, type Translate } from '../../app/i18n'
import type { MessageKey } from '../../i18n/zh-CN'
import { formatDateTime } from '../../shared/format'
import { NOTE_KIND_LABEL } from './notes/note-labels'

const PAGE_SIZE = 20

const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined)
const names = (value: unknown) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : str((v as { name?: unknown })?.name) ?? '')).filter(Boolean) : []
/** A code's label when the catalogue has one (a missing key translates to nothing), else the code itself. */
const labelOr = (t: Translate, prefix: string, value: unknown) => t(`${prefix}.${str(value)}` as MessageKey) || (str(value) ?? '')

type Data = Record<string, unknown>
interface KindView {
  icon: ReactNode
  color: string
  /** The headline: what happened, in a sentence. */
  title: (t: Translate, data: Data) => string
  /** What changed, who else was involved. */
  detail?: (t: Translate, data: Data) => ReactNode
  /** The employee is who it happened to (the customer added or deleted them), so the name follows the sentence. */
  employeeIsObject?: boolean
}

const Muted = ({ children }: { children: ReactNode }) => <Typography.Text type="secondary">{children}</Typography.Text>
const TagList = ({ data, color }: { data: Data; color: string }) => (
  <div>{names(data.tags ?? data.tagNames).map((n) => <Tag key={n} color={color}>{n}</Tag>)}</div>
)
const reasonOf = (t: Translate, data: Data) => (data.reason ? <Muted>{labelOr(t, 'customers.timeline.reason', data.reason)}</Muted> : null)
const Bubble = ({ children }: { children: ReactNode }) => (
  <div style={{ background: '#f5f7fb', borderRadius: 8, padding: '8px 12px', marginTop: 4 }}>{children}</div>
)

function Changes({ t, data }: { t: Translate; data: Data }) {
  const changes = Array.isArray(data.changes) ? (data.changes as { label?: unknown; field?: unknown; from?: unknown; to?: unknown }[]) : []
  const shown = (v: unknown) => (v === null || v === undefined || v === '' ? t('customers.timeline.empty.value') : Array.isArray(v) ? v.join('、') : String(v))
  return (
    <div>
      {changes.map((c, i) => (
        <div key={i}><Muted>{t('customers.timeline.change', { label: str(c.label) ?? str(c.field) ?? '', from: shown(c.from), to: shown(c.to) })}</Muted></div>
      ))}
    </div>
  )
}

/** Every kind the server writes; anything else falls back to UNKNOWN. */
const KINDS: Record<string, KindView> = {
  added: {
    icon: <UserAddOutlined />, color: 'green', title: (t) => t('customers.timeline.added'), employeeIsObject: true,
    detail: (t, d) => (
      <Flex gap={4} wrap>
        {d.isNewCustomer === true && <Tag color="green">{t('customers.timeline.newCustomer')}</Tag>}
        {str(d.state) && <span><Muted>{t('customers.timeline.state')}: </Muted><Typography.Text code>{str(d.state)}</Typography.Text></span>}
      </Flex>
    ),
  },
  edited: {
    icon: <EditOutlined />, color: 'gray', title: (t) => t('customers.timeline.edited'),
    detail: (_, d) => <Muted>{[str(d.remark), str(d.description)].filter(Boolean).join(' · ')}</Muted>,
  },
  tagged: { icon: <TagsOutlined />, color: 'blue', title: (t) => t('customers.timeline.tagged'), detail: (t, d) => <><TagList data={d} color="geekblue" />{reasonOf(t, d)}</> },
  untagged: { icon: <TagsOutlined />, color: 'gray', title: (t) => t('customers.timeline.untagged'), detail: (t, d) => <><TagList data={d} color="default" />{reasonOf(t, d)}</> },
  welcome_sent: {
    icon: <MessageOutlined />, color: 'cyan', title: (t) => t('customers.timeline.welcomeSent'),
    detail: (t, d) => {
      const attachments = Array.isArray(d.attachments) ? d.attachments.length : 0
      return (
        <Bubble>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{str(d.text) ?? '-'}</Typography.Paragraph>
          {attachments > 0 && <Muted>{t('customers.timeline.attachments', { count: attachments })}</Muted>}
        </Bubble>
      )
    },
  },
  welcome_failed: {
    icon: <CloseCircleOutlined />, color: 'red', title: (t) => t('customers.timeline.welcomeFailed'),
    detail: (_, d) => <Typography.Text type="danger">{str(d.reason) ?? str(d.error)}</Typography.Text>,
  },
  deleted_by_customer: { icon: <UserDeleteOutlined />, color: 'red', title: (t) => t('customers.timeline.deletedByCustomer'), employeeIsObject: true },
  deleted_by_employee: { icon: <UserDeleteOutlined />, color: 'orange', title: (t) => t('customers.timeline.deletedByEmployee') },
  transferred: { icon: <SwapOutlined />, color: 'purple', title: (t) => t('customers.timeline.transferred'), employeeIsObject: true },
  transfer_requested: {
    icon: <SwapOutlined />, color: 'purple',
    title: (t, d) => t('customers.timeline.transferRequested', { kind: labelOr(t, 'transfers.kind', d.transferKind) }),
    detail: (t, d) => (
      <Flex gap={8} wrap align="center">
        <Typography.Text>{t('customers.timeline.handover', { from: str(d.handover) ?? '', to: str(d.takeover) ?? '' })}</Typography.Text>
        <Tag color={d.status === 'failed' ? 'red' : 'processing'}>{labelOr(t, 'transfers.status', d.status)}</Tag>
        {str(d.errcode) && <Muted>{t('customers.timeline.errcode', { errcode: str(d.errcode)! })}</Muted>}
        {str(d.by) && <Muted>{t('customers.timeline.by', { name: str(d.by)! })}</Muted>}
      </Flex>
    ),
  },
  transfer_result: {
    icon: <SwapOutlined />, color: 'purple', title: (t, d) => t('customers.timeline.transferResult', { status: labelOr(t, 'transfers.status', d.status) }),
  },
  loss_alerted: {
    icon: <BellOutlined />, color: 'orange', title: (t) => t('customers.timeline.lossAlerted'),
    detail: (t, d) => (
      <Muted>
        {labelOr(t, 'losses.mode', d.mode)} · {t('customers.timeline.recipients', { names: names(d.recipients).join('、') || t('customers.timeline.noRecipients') })}
      </Muted>
    ),
  },
  note: {
    icon: <FileTextOutlined />, color: 'geekblue',
    title: (t, d) => (d.deletedAt ? t('customers.timeline.noteDeleted') : t('customers.timeline.note')),
    detail: (t, d) =>
      d.deletedAt ? (
        <Muted>{t('customers.timeline.noteDeletedAt', { at: formatDateTime(str(d.deletedAt)) })}</Muted>
      ) : (
        <Bubble>
          <Flex gap={6} align="center" wrap style={{ marginBottom: 4 }}>
            {NOTE_KIND_LABEL[str(d.noteKind) ?? ''] && <Tag color="blue">{t(NOTE_KIND_LABEL[str(d.noteKind)!]!)}</Tag>}
            {str(d.nextFollowUpOn) && <Muted>{t('customers.timeline.nextFollowUp', { date: str(d.nextFollowUpOn)! })}</Muted>}
            {str(d.editedAt) && <Muted>· {t('customers.timeline.noteEdited')}</Muted>}
          </Flex>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{str(d.body)}</Typography.Paragraph>
        </Bubble>
      ),
  },
  profile_updated: { icon: <EditOutlined />, color: 'cyan', title: (t) => t('customers.timeline.profileUpdated'), detail: (t, d) => <Changes t={t} data={d} /> },
  profile_imported: { icon: <ImportOutlined />, color: 'cyan', title: (t) => t('customers.timeline.profileImported'), detail: (t, d) => <Changes t={t} data={d} /> },
  // Since stop 10 the entry is the helper's add as well (the employee they added, the State): one entry per help.
  fission_help: {
    icon: <ShareAltOutlined />, color: 'magenta', employeeIsObject: true,
    title: (t, d) => t(str(d.state) ? 'customers.timeline.fissionHelpAdded' : 'customers.timeline.fissionHelp', { activity: str(d.activityName) ?? '' }),
    detail: (t, d) => (
      <Flex gap={6} wrap>
        {d.isNewCustomer === true && <Tag color="green">{t('customers.timeline.newCustomer')}</Tag>}
        <Tag color={d.status === 'counted' ? 'green' : 'default'}>{labelOr(t, 'fission.help.status', d.status)}</Tag>
        {str(d.reason) && <Muted>{labelOr(t, 'fission.reason', d.reason)}</Muted>}
      </Flex>
    ),
  },
  fission_completed: {
    icon: <GiftOutlined />, color: 'gold',
    title: (t, d) => t('customers.timeline.fissionCompleted', { activity: str(d.activityName) ?? '', level: str(d.level) ?? '' }),
    detail: (t, d) => (
      <Flex gap={6} wrap align="center">
        <span>{str(d.prizeName)}</span>
        <Tag color={d.status === 'out_of_stock' ? 'orange' : 'gold'}>{labelOr(t, 'fission.completion', d.status)}</Tag>
      </Flex>
    ),
  },
}

const UNKNOWN = (kind: string): KindView => ({ icon: <QuestionCircleOutlined />, color: 'gray', title: (t) => t('customers.timeline.unknown', { kind }) })

/** The filter's groups and the kinds each asks the server for. */
const FILTERS: { key: string; label: MessageKey; kinds?: string[] }[] = [
  { key: 'all', label: 'customers.timeline.filter.all' },
  { key: 'lifecycle', label: 'customers.timeline.filter.lifecycle', kinds: ['added', 'fission_help', 'deleted_by_customer', 'deleted_by_employee', 'transferred', 'transfer_requested', 'transfer_result', 'loss_alerted'] },
  { key: 'tags', label: 'customers.timeline.filter.tags', kinds: ['tagged', 'untagged'] },
  { key: 'notes', label: 'customers.timeline.filter.notes', kinds: ['note'] },
  { key: 'profile', label: 'customers.timeline.filter.profile', kinds: ['edited', 'profile_updated', 'profile_imported'] },
  { key: 'messages', label: 'customers.timeline.filter.messages', kinds: ['welcome_sent', 'welcome_failed'] },
  { key: 'fission', label: 'customers.timeline.filter.fission', kinds: ['fission_help', 'fission_completed'] },
]

/** Who did it: the employee the server names, else the console user recorded in the event. */
const actorOf = (event: TimelineEvent) => event.employeeName ?? str(event.data.author) ?? str(event.data.by)

export function CustomerTimeline({ customerId }: { customerId: string }) {
  const t = useT()
  const [items, setItems] = useState<TimelineEvent[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [filter, setFilter] = useState('all')
  const kinds = FILTERS.find((f) => f.key === filter)?.kinds?.join(',')

  const load = async (from: string | undefined, replace: boolean) => {
    setLoading(true)
    try {
      const page = await call(
        api.GET('/api/customers/{id}/timeline', { params: { path: { id: customerId }, query: { limit: PAGE_SIZE, cursor: from, kinds } } }),
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
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload when the customer or the filter changes
  }, [customerId, kinds])

  return (
    <>
      <Segmented
        value={filter}
        onChange={(value) => setFilter(String(value))}
        options={FILTERS.map((f) => ({ value: f.key, label: t(f.label) }))}
        style={{ marginBottom: 16 }}
        data-testid="timeline-filter"
      />
      {!loading && items.length === 0 ? (
        <Empty description={t('customers.timeline.empty')} />
      ) : (
        <Spin spinning={loading && items.length === 0}>
          <Timeline
            data-testid="customer-timeline"
            items={items.map((event) => {
              const view = KINDS[event.kind] ?? UNKNOWN(event.kind)
              const who = actorOf(event)
              return {
                key: event.id,
                color: view.color,
                icon: view.icon,
                content: (
                  <div>
                    <Flex gap={8} wrap align="baseline">
                      {who && !view.employeeIsObject && <Typography.Text>{who}</Typography.Text>}
                      <Typography.Text strong>{view.title(t, event.data)}</Typography.Text>
                      {who && view.employeeIsObject && <Typography.Text>{who}</Typography.Text>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(event.at)}</Typography.Text>
                    </Flex>
                    {view.detail?.(t, event.data)}
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
      )}
    </>
  )
}
