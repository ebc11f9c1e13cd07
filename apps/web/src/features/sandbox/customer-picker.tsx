import { useMemo, useState } from 'react'
import { Avatar, Button, Empty, Flex, Input, Typography, theme } from 'antd'
import { UserOutlined } from '@ant-design/icons'
import type { SandboxCustomer } from '../../api/types'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useRequest } from '../../shared/use-request'

const PAGE = 50

type Props = { selected: string | undefined; onSelect: (customer: SandboxCustomer) => void; refreshKey: number }

/** Simulated WeChat users; the newest page refreshes so scanned customers show up. */
export function CustomerPicker({ selected, onSelect, refreshKey }: Props) {
  const t = useT()
  const { token } = theme.useToken()
  const [keyword, setKeyword] = useState('')
  const [limit, setLimit] = useState(PAGE)
  const { data, loading } = useRequest(
    () => call(api.GET('/api/sandbox/customers', { params: { query: { limit, offset: 0 } } })),
    [limit, refreshKey],
    { pollMs: 5_000 },
  )
  const shown = useMemo(() => {
    const k = keyword.trim().toLowerCase()
    const items = data?.items ?? []
    return k ? items.filter((c) => c.name.toLowerCase().includes(k) || c.externalUserId.toLowerCase().includes(k)) : items
  }, [data, keyword])

  return (
    <Flex vertical gap={8} style={{ width: '100%' }}>
      <Input.Search placeholder={t('sandbox.searchCustomer')} allowClear onChange={(e) => setKeyword(e.target.value)} data-testid="sandbox-customer-search" />
      <div style={{ height: 470, overflowY: 'auto', border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius }}>
        {shown.length === 0 && !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sandbox.noCustomers')} style={{ marginTop: 48 }} />}
        {shown.map((c) => (
          <Flex
            key={c.externalUserId}
            align="center"
            gap={8}
            onClick={() => onSelect(c)}
            style={{
              padding: '8px 10px',
              cursor: 'pointer',
              background: c.externalUserId === selected ? token.controlItemBgActive : undefined,
              borderBottom: `1px solid ${token.colorBorderSecondary}`,
            }}
            data-testid="sandbox-customer-item"
          >
            <Avatar size="small" src={c.avatar || undefined} icon={<UserOutlined />} />
            <div style={{ minWidth: 0 }}>
              <Typography.Text ellipsis style={{ display: 'block' }}>{c.name}</Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 11 }}>{c.externalUserId}</Typography.Text>
            </div>
          </Flex>
        ))}
        {data && data.total > limit && (
          <Flex justify="center" style={{ padding: 8 }}>
            <Button size="small" onClick={() => setLimit(limit + PAGE)} loading={loading}>{t('common.loadMore')}</Button>
          </Flex>
        )}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('common.total', { total: data?.total ?? 0 })}</Typography.Text>
    </Flex>
  )
}
