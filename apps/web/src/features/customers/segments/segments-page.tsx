import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { Button, Card, Empty, Table } from 'antd'
import { FilterOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import type { Segment } from '../../../api/types'
import { api, call } from '../../../app/api'
import { showError, toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { useCan } from '../../../app/permissions'
import { PageHeader } from '../../../shared/page-header'
import { useRequest } from '../../../shared/use-request'
import { useDepartments } from '../../org'
import { segmentColumns } from './segment-columns'
import { SegmentEditorDrawer } from './segment-editor-drawer'
import { BulkTagModal } from '../tag-jobs'
import { ExportButton } from '../exports'

type Editing = { segment?: Segment } | undefined

/** 人群: saved tag-expression audiences; the editor shows the live count while conditions change. */
export function SegmentsPage() {
  const t = useT()
  const can = useCan()
  const writable = can('customers.segment.write')
  // `?builder=1` (from the customer list) opens the builder at once.
  const [params] = useSearchParams()
  const [editing, setEditing] = useState<Editing | undefined>(() => params.get('builder') ? {} : undefined)
  const [materializing, setMaterializing] = useState<string>()
  const [bulkTagging, setBulkTagging] = useState<Segment>()
  const list = useRequest(() => call(api.GET('/api/segments')), [])
  const departments = useDepartments(can('org.read'))

  const materialize = async (segment: Segment) => {
    setMaterializing(segment.id)
    try {
      const { count } = await call(api.POST('/api/segments/{id}/materialize', { params: { path: { id: segment.id } } }))
      toastSuccess(t('segments.materialized', { name: segment.name, count: count.toLocaleString() }))
      void list.refresh()
    } catch (error) {
      showError(error)
    } finally {
      setMaterializing(undefined)
    }
  }

  const remove = async (segment: Segment) => {
    try {
      await call(api.DELETE('/api/segments/{id}', { params: { path: { id: segment.id } } }))
      toastSuccess(t('segments.deleted', { name: segment.name }))
      void list.refresh()
    } catch (error) {
      showError(error)
    }
  }

  const columns = segmentColumns(t, {
    onOpen: (segment) => setEditing({ segment }),
    ...(writable ? { onMaterialize: materialize, onDelete: remove } : {}),
    ...(can('customers.tag.write') ? { onBulkTag: setBulkTagging } : {}),
    materializing,
    departmentName: (id) => departments.names.get(id) ?? String(id),
  })

  const create = (
    <Button type="primary" icon={writable ? <PlusOutlined /> : <FilterOutlined />} onClick={() => setEditing({})} data-testid="segment-create">
      {t(writable ? 'segments.create' : 'segments.explore')}
    </Button>
  )

  return (
    <>
      <PageHeader title={t('segments.title')} description={t('segments.description')} extra={create} />
      <Card
        title={t('segments.list')}
        extra={<Button type="text" icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} data-testid="segments-refresh" />}
      >
        <Table<Segment>
          rowKey="id"
          columns={[
            ...columns,
            {
              title: t('exports.button'),
              key: 'export',
              width: 100,
              render: (_, segment) => (
                <ExportButton
                  urlOf={(format) => `/api/segments/${segment.id}/export?format=${format}`}
                  disabledReason={segment.materializedAt ? undefined : t('exports.needsMaterialize')}
                  size="small"
                  type="link"
                  testId="segment-export"
                />
              ),
            },
          ]}
          dataSource={list.data?.items}
          loading={list.loading}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('segments.empty')} /> }}
          data-testid="segments-table"
        />
      </Card>
      <BulkTagModal segment={bulkTagging} onClose={() => setBulkTagging(undefined)} />
      <SegmentEditorDrawer
        open={!!editing}
        segment={editing?.segment}
        writable={writable}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined)
          void list.refresh()
        }}
      />
    </>
  )
}
