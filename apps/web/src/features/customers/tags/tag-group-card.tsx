import { Button, Card, Empty, Flex, Popconfirm, Typography } from 'antd'
import { DeleteOutlined, TagsOutlined } from '@ant-design/icons'
import type { TagGroup } from '../../../api/types'
import { useT } from '../../../app/i18n'
import { EditableTag } from './editable-tag'
import { TagAdder } from './tag-adder'
import { TAG_RULES } from './tag-rules'
import type { TagLibrary } from './use-tag-library'

type Props = {
  group: TagGroup
  /** Tags hidden by the search box are not shown; `undefined` shows all. */
  visibleTagIds?: Set<string>
  editable: boolean
  library: TagLibrary
}

function GroupTitle({ group, editable, library }: Omit<Props, 'visibleTagIds'>) {
  const t = useT()
  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      <TagsOutlined style={{ color: '#1d4ed8' }} />
      <Typography.Text
        strong
        editable={
          editable && {
            maxLength: TAG_RULES.nameMax,
            tooltip: t('tags.renameGroup'),
            onChange: (name) => {
              const trimmed = name.trim()
              if (trimmed && trimmed !== group.name) void library.renameGroup(group, trimmed)
            },
          }
        }
        data-testid="tag-group-name"
      >
        {group.name}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', whiteSpace: 'nowrap' }}>
        {t('tags.tagCount', { count: group.tags.length })}
      </Typography.Text>
    </Flex>
  )
}

/** One tag group: its tags as chips, renamed in place, plus add and delete. */
export function TagGroupCard({ group, visibleTagIds, editable, library }: Props) {
  const t = useT()
  const tags = visibleTagIds ? group.tags.filter((tag) => visibleTagIds.has(tag.id)) : group.tags
  return (
    <Card
      size="small"
      title={<GroupTitle group={group} editable={editable} library={library} />}
      extra={
        editable && (
          <Popconfirm
            title={t('tags.deleteGroupConfirm', { name: group.name })}
            description={t('tags.deleteGroupHint', { count: group.tags.length })}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            onConfirm={() => library.deleteGroup(group)}
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('tags.deleteGroup')} data-testid="tag-group-delete" />
          </Popconfirm>
        )
      }
      style={{ height: '100%' }}
      data-testid="tag-group-card"
    >
      <Flex wrap gap={8} align="center">
        {tags.map((tag) => (
          <EditableTag
            key={tag.id}
            tag={tag}
            editable={editable}
            onRename={(name) => library.renameTag(tag.id, name)}
            onDelete={() => library.deleteTag(tag.id, tag.name)}
          />
        ))}
        {tags.length === 0 && !editable && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.noTags')} />}
        {editable && <TagAdder onAdd={(names) => library.addTags(group, names)} />}
      </Flex>
    </Card>
  )
}
