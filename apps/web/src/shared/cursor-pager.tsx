import { Button, Flex, Select, Space, Typography } from 'antd'
import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { useT } from '../app/i18n'
import type { CursorPagerState } from './use-cursor-pager'

type Props = {
  pager: CursorPagerState
  nextCursor: string | null | undefined
  total?: number
  testId?: string
}

const PAGE_SIZES = [10, 20, 50, 100]

/** Footer for keyset-paged tables: previous / next, page number and page size. */
export function CursorPager({ pager, nextCursor, total, testId }: Props) {
  const t = useT()
  return (
    <Flex justify="flex-end" align="center" gap={12} style={{ marginTop: 16 }} data-testid={testId}>
      {total !== undefined && <Typography.Text type="secondary">{t('common.total', { total })}</Typography.Text>}
      <Typography.Text type="secondary">{t('common.page', { page: pager.page + 1 })}</Typography.Text>
      <Space.Compact>
        <Button icon={<LeftOutlined />} disabled={pager.page === 0} onClick={pager.prev} aria-label={t('common.prevPage')} />
        <Button
          icon={<RightOutlined />}
          disabled={!nextCursor}
          onClick={() => pager.next(nextCursor)}
          aria-label={t('common.nextPage')}
          data-testid={testId ? `${testId}-next` : undefined}
        />
      </Space.Compact>
      <Select
        size="middle"
        value={pager.pageSize}
        onChange={pager.setPageSize}
        options={PAGE_SIZES.map((size) => ({ value: size, label: t('common.pageSize', { size }) }))}
        style={{ width: 110 }}
      />
    </Flex>
  )
}
