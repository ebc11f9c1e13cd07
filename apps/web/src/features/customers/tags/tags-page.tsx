import { useMemo, useState } from 'react'
import { Button, Card, Col, Empty, Row, Spin } from 'antd'
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import type { TagGroup } from '../../../api/types'
import { useT } from '../../../app/i18n'
import { useCan } from '../../../app/permissions'
import { PageHeader } from '../../../shared/page-header'
import { TagGroupCard } from './tag-group-card'
import { TagGroupDrawer } from './tag-group-drawer'
import { TAG_RULES } from './tag-rules'
import { TagUsage } from './tag-usage'
import { useTagLibrary } from './use-tag-library'

type Shown = { group: TagGroup; visibleTagIds?: Set<string> }

/** A group is shown when its name matches (all its tags) or some of its tags match (only those). */
function search(groups: TagGroup[], keyword: string): Shown[] {
  const k = keyword.trim().toLowerCase()
  if (!k) return groups.map((group) => ({ group }))
  return groups.flatMap((group) => {
    if (group.name.toLowerCase().includes(k)) return [{ group }]
    const hits = group.tags.filter((tag) => tag.name.toLowerCase().includes(k))
    return hits.length ? [{ group, visibleTagIds: new Set(hits.map((tag) => tag.id)) }] : []
  })
}

export function TagsPage() {
  const t = useT()
  const can = useCan()
  const library = useTagLibrary()
  const [keyword, setKeyword] = useState('')
  const [creating, setCreating] = useState(false)
  const editable = can('customers.tag.write')
  const tagCount = library.groups.reduce((sum, g) => sum + g.tags.length, 0)
  const shown = useMemo(() => search(library.groups, keyword), [library.groups, keyword])

  const create = editable && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="tag-group-create">
      {t('tags.createGroup')}
    </Button>
  )

  return (
    <>
      <PageHeader
        title={t('tags.title')}
        description={t('tags.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={library.reload} aria-label={t('common.refresh')} />
            {create}
          </>
        }
      />
      <TagUsage groups={library.groups.length} tags={tagCount} onSearch={setKeyword} />
      <Spin spinning={library.loading}>
        {!library.loaded ? (
          <Card loading />
        ) : shown.length === 0 ? (
          <Card>
            <Empty description={keyword ? t('common.noData') : t('tags.empty')} data-testid="tags-empty">
              {!keyword && create}
            </Empty>
          </Card>
        ) : (
          <Row gutter={[16, 16]} data-testid="tag-groups">
            {shown.map(({ group, visibleTagIds }) => (
              <Col key={group.id} xs={24} lg={12} xxl={8}>
                <TagGroupCard group={group} visibleTagIds={visibleTagIds} editable={editable} library={library} />
              </Col>
            ))}
          </Row>
        )}
      </Spin>
      <TagGroupDrawer
        open={creating}
        remaining={TAG_RULES.corpLimit - tagCount}
        onClose={() => setCreating(false)}
        onSubmit={library.createGroup}
      />
    </>
  )
}
