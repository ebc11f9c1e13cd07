import { useState } from 'react'
import { Button, Card, Form, Input, Select, Table } from 'antd'
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import type { LiveCode } from '../../api/types'
import { api, call } from '../../app/api'
import { showError, toastSuccess } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { useCan } from '../../app/permissions'
import { CursorPager } from '../../shared/cursor-pager'
import { FilterBar } from '../../shared/filter-bar'
import { compact } from '../../shared/format'
import { PageHeader } from '../../shared/page-header'
import { useCursorPager } from '../../shared/use-cursor-pager'
import { useRequest } from '../../shared/use-request'
import { liveCodeColumns } from './live-code-columns'
import { LiveCodeFormDrawer } from './live-code-form-drawer'
import { QrModal } from './qr-modal'
import { StatsDrawer } from './stats-drawer'
import { useChannelGroups } from './use-channel-groups'

type Filters = { q?: string; channelGroup?: string }
type Editing = { id?: string } | undefined

export function LiveCodesPage() {
  const t = useT()
  const [form] = Form.useForm<Filters>()
  const [filters, setFilters] = useState<Filters>({})
  const [editing, setEditing] = useState<Editing>()
  const [qrCode, setQrCode] = useState<LiveCode>()
  const [statsCode, setStatsCode] = useState<LiveCode>()
  const pager = useCursorPager()
  const channelGroups = useChannelGroups()
  const writable = useCan()('acquisition.live_code.write')

  const query = compact({ ...filters, limit: pager.pageSize, cursor: pager.cursor })
  const list = useRequest(() => call(api.GET('/api/live-codes', { params: { query } })), [JSON.stringify(query)])

  const onDelete = async (code: LiveCode) => {
    try {
      await call(api.DELETE('/api/live-codes/{id}', { params: { path: { id: code.id } } }))
      toastSuccess(t('liveCode.deleted', { name: code.name }))
      void list.reload()
    } catch (error) {
      showError(error)
    }
  }

  const columns = liveCodeColumns(t, {
    onQr: setQrCode,
    onStats: setStatsCode,
    ...(writable ? { onEdit: (code: LiveCode) => setEditing({ id: code.id }), onDelete } : {}),
  })

  return (
    <>
      <PageHeader
        title={t('liveCode.title')}
        description={t('liveCode.description')}
        extra={
          writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="livecode-create">
              {t('liveCode.create')}
            </Button>
          )
        }
      />
      <FilterBar<Filters>
        form={form}
        onSearch={(values) => {
          setFilters(values)
          pager.reset()
        }}
      >
        <Form.Item name="q" label={t('liveCode.name')}>
          <Input placeholder={t('liveCode.searchPlaceholder')} allowClear style={{ width: 200 }} data-testid="livecode-search" />
        </Form.Item>
        <Form.Item name="channelGroup" label={t('liveCode.channelGroup')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 160 }}
            options={channelGroups.used.map((g) => ({ value: g, label: g }))}
            loading={channelGroups.loading}
          />
        </Form.Item>
      </FilterBar>
      <Card
        title={t('liveCode.list')}
        extra={<Button type="text" icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />}
      >
        <Table<LiveCode>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 1100 }}
          data-testid="livecodes-table"
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} total={list.data?.total} />
      </Card>
      <LiveCodeFormDrawer
        open={!!editing}
        liveCodeId={editing?.id}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined)
          void list.reload()
          void channelGroups.reload()
        }}
      />
      <QrModal code={qrCode} onClose={() => setQrCode(undefined)} onScanned={() => void list.refresh()} />
      <StatsDrawer code={statsCode} onClose={() => setStatsCode(undefined)} />
    </>
  )
}
