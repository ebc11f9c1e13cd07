import { Button, Flex, Popconfirm, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd'
import { DeleteOutlined, EditOutlined, EyeOutlined, TagsOutlined, ThunderboltOutlined } from '@ant-design/icons'
import type { Segment } from '../../../api/types'
import type { Translate } from '../../../app/i18n'
import { formatDateTime } from '../../../shared/format'

export type SegmentActions = {
  onOpen: (segment: Segment) => void
  /** Absent without customers.segment.write. */
  onMaterialize?: (segment: Segment) => Promise<unknown>
  onDelete?: (segment: Segment) => Promise<unknown>
  /** 批量打标签; absent without customers.tag.write. */
  onBulkTag?: (segment: Segment) => void
  /** The segment being materialised, for its spinner. */
  materializing?: string
  departmentName: (id: number) => string
}

/** The conditions besides tags, as short chips. */
function FilterChips({ segment, t, departmentName }: { segment: Segment; t: Translate; departmentName: (id: number) => string }) {
  const f = segment.definition.filters
  const chips = [
    f.channelGroup && t('segments.chip.channelGroup', { name: f.channelGroup }),
    f.liveCodeIds?.length && t('segments.chip.liveCodes', { count: f.liveCodeIds.length }),
    f.followerIds?.length && t('segments.chip.followers', { count: f.followerIds.length }),
    f.departmentId !== undefined && t('segments.chip.department', { name: departmentName(f.departmentId) }),
    (f.addedFrom || f.addedTo) && t('segments.chip.added'),
  ].filter((chip): chip is string => !!chip)
  return chips.length ? (
    <Space size={[4, 4]} wrap>
      {chips.map((chip) => <Tag key={chip}>{chip}</Tag>)}
    </Space>
  ) : (
    <Typography.Text type="secondary">-</Typography.Text>
  )
}

export function segmentColumns(t: Translate, actions: SegmentActions): TableColumnsType<Segment> {
  const { onOpen, onMaterialize, onDelete, onBulkTag, materializing, departmentName } = actions
  const writable = !!onMaterialize && !!onDelete
  return [
    {
      title: t('segments.name'),
      dataIndex: 'name',
      render: (name: string, segment) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Link strong onClick={() => onOpen(segment)}>{name}</Typography.Link>
          <Typography.Text type="secondary" code ellipsis={{ tooltip: segment.text }} style={{ display: 'block', fontSize: 12, maxWidth: 420 }}>
            {segment.text ?? t('segments.noTagCondition')}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('segments.otherConditions'), key: 'filters', width: 260, render: (_, segment) => <FilterChips segment={segment} t={t} departmentName={departmentName} /> },
    {
      title: t('segments.memberCount'),
      dataIndex: 'memberCount',
      width: 180,
      render: (count: number | null, segment) =>
        count === null ? (
          <Tooltip title={t('segments.notMaterializedHint')}>
            <Typography.Text type="secondary">{t('segments.notMaterialized')}</Typography.Text>
          </Tooltip>
        ) : (
          <div data-testid="segment-member-count">
            <Typography.Text strong style={{ fontSize: 16 }}>{count.toLocaleString()}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('segments.materializedAt', { at: formatDateTime(segment.materializedAt) })}
            </Typography.Text>
          </div>
        ),
    },
    { title: t('segments.updatedAt'), dataIndex: 'updatedAt', width: 160, render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      width: (writable ? 240 : 90) + (onBulkTag ? 100 : 0),
      render: (_, segment) => (
        <Flex gap={0} wrap>
          <Button type="link" size="small" icon={writable ? <EditOutlined /> : <EyeOutlined />} onClick={() => onOpen(segment)} data-testid="segment-edit">
            {t(writable ? 'common.edit' : 'segments.view')}
          </Button>
          {onBulkTag && (
            <Button type="link" size="small" icon={<TagsOutlined />} onClick={() => onBulkTag(segment)} data-testid="segment-bulk-tag">
              {t('tagJobs.bulk')}
            </Button>
          )}
          {writable && (
            <>
              <Tooltip title={t('segments.materializeHint')}>
                <Button
                  type="link"
                  size="small"
                  icon={<ThunderboltOutlined />}
                  loading={materializing === segment.id}
                  onClick={() => onMaterialize(segment)}
                  data-testid="segment-materialize"
                >
                  {t('segments.materialize')}
                </Button>
              </Tooltip>
              <Popconfirm
                title={t('segments.deleteConfirm', { name: segment.name })}
                description={t('segments.deleteHint')}
                okButtonProps={{ danger: true }}
                onConfirm={() => onDelete(segment)}
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="segment-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Flex>
      ),
    },
  ]
}
