import { Avatar, Card, Empty, Flex, Space, Spin, Table, Tag, Typography } from 'antd'
import { UserOutlined } from '@ant-design/icons'
import type { SegmentPreviewRow } from '../../../api/types'
import { useT } from '../../../app/i18n'
import { formatDateTime } from '../../../shared/format'

const MAX_TAGS = 3

type Props = { count?: number; items: SegmentPreviewRow[]; loading: boolean; failed: boolean; text?: string | null; scoped?: boolean }

/** The live count, shown big, and the newest matching customers. */
export function AudiencePanel({ count, items, loading, failed, text, scoped }: Props) {
  const t = useT()
  return (
    <Flex vertical gap={16}>
      <Card size="small" data-testid="segment-count-card">
        <Typography.Text type="secondary">{t('segments.liveCount')}</Typography.Text>
        <Flex align="center" gap={12} style={{ minHeight: 56 }}>
          <Typography.Text strong style={{ fontSize: 40, lineHeight: 1.2, color: failed ? '#94a3b8' : '#1d4ed8' }} data-testid="segment-count">
            {count === undefined || failed ? '—' : count.toLocaleString()}
          </Typography.Text>
          <Typography.Text type="secondary">{t('segments.customersUnit')}</Typography.Text>
          <Spin spinning={loading} size="small" data-testid="segment-count-spin" />
        </Flex>
        {scoped && (
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
            {t('segments.scopedHint')}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {t('segments.expression')}
        </Typography.Text>
        <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }} data-testid="segment-expression-text">
          {text || t('segments.noTagCondition')}
        </Typography.Text>
      </Card>
      <Card size="small" title={t('segments.preview')} styles={{ body: { padding: 0 } }}>
        <Table<SegmentPreviewRow>
          rowKey="id"
          size="small"
          dataSource={failed ? [] : items}
          loading={loading && items.length === 0}
          pagination={false}
          scroll={{ y: 420 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(failed ? 'segments.previewFailed' : 'segments.previewEmpty')} /> }}
          data-testid="segment-preview"
          columns={[
            {
              title: t('customers.customer'),
              dataIndex: 'name',
              render: (name: string, row) => (
                <Flex align="center" gap={8}>
                  <Avatar size="small" src={row.avatar || undefined} icon={<UserOutlined />} />
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text ellipsis style={{ display: 'block', maxWidth: 140 }}>{name}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 11 }}>{formatDateTime(row.addedAt)}</Typography.Text>
                  </div>
                </Flex>
              ),
            },
            {
              title: t('customers.tags'),
              dataIndex: 'tags',
              render: (tags: SegmentPreviewRow['tags']) => (
                <Space size={[2, 2]} wrap>
                  {tags.slice(0, MAX_TAGS).map((tag) => <Tag key={tag.id} color="geekblue" style={{ marginInlineEnd: 0 }}>{tag.name}</Tag>)}
                  {tags.length > MAX_TAGS && <Tag style={{ marginInlineEnd: 0 }}>+{tags.length - MAX_TAGS}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  )
}
