import { Card, Flex, Input, Progress, Statistic, Typography } from 'antd'
import { useT } from '../../../app/i18n'
import { TAG_RULES } from './tag-rules'

type Props = { groups: number; tags: number; onSearch: (keyword: string) => void }

/** How much of WeCom's 3,000-tag allowance is used, plus the library's search box. */
export function TagUsage({ groups, tags, onSearch }: Props) {
  const t = useT()
  const percent = Math.min(100, (tags / TAG_RULES.corpLimit) * 100)
  const color = percent >= 95 ? '#dc2626' : percent >= 80 ? '#d97706' : '#1d4ed8'
  return (
    <Card style={{ marginBottom: 16 }} data-testid="tag-usage">
      <Flex align="center" gap={40} wrap>
        <div style={{ flex: '1 1 320px', maxWidth: 480 }}>
          <Flex justify="space-between" align="baseline">
            <Typography.Text type="secondary">{t('tags.usage')}</Typography.Text>
            <Typography.Text>
              <Typography.Text strong style={{ fontSize: 18, color }}>{tags.toLocaleString()}</Typography.Text>
              <Typography.Text type="secondary"> / {TAG_RULES.corpLimit.toLocaleString()}</Typography.Text>
            </Typography.Text>
          </Flex>
          <Progress percent={percent} showInfo={false} strokeColor={color} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tags.usageHint', { left: Math.max(0, TAG_RULES.corpLimit - tags).toLocaleString() })}
          </Typography.Text>
        </div>
        <Statistic title={t('tags.groups')} value={groups} />
        <Statistic title={t('tags.tags')} value={tags} />
        <Input.Search
          placeholder={t('tags.searchPlaceholder')}
          allowClear
          onChange={(e) => onSearch(e.target.value)}
          onSearch={onSearch}
          style={{ width: 240, marginInlineStart: 'auto' }}
          data-testid="tag-search"
        />
      </Flex>
    </Card>
  )
}
