import { Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd'
import type { CustomerRow } from '../../api/types'
import type { Translate } from '../../app/i18n'
import { formatDateTime } from '../../shared/format'
import { CustomerCell } from './customer-cell'

const MAX_TAGS = 4

export function customerColumns(t: Translate): TableColumnsType<CustomerRow> {
  return [
    {
      title: t('customers.customer'),
      dataIndex: 'name',
      render: (name: string, row) => <CustomerCell name={name} avatar={row.avatar} externalUserId={row.externalUserId} />,
    },
    {
      title: t('customers.channel'),
      dataIndex: 'channel',
      render: (channel: CustomerRow['channel']) =>
        channel ? (
          <Space size={4} wrap>
            {channel.channelGroup && <Tag color="blue">{channel.channelGroup}</Tag>}
            <Typography.Text>{channel.name}</Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('customers.noChannel')}</Typography.Text>
        ),
    },
    {
      title: t('customers.tags'),
      dataIndex: 'tags',
      render: (tags: CustomerRow['tags']) => (
        <Space size={4} wrap>
          {tags.slice(0, MAX_TAGS).map((tag) => <Tag key={tag.id} color="geekblue">{tag.name}</Tag>)}
          {tags.length > MAX_TAGS && (
            <Tooltip title={tags.slice(MAX_TAGS).map((tag) => tag.name).join(', ')}>
              <Tag>+{tags.length - MAX_TAGS}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('customers.followers'),
      dataIndex: 'followers',
      render: (followers: CustomerRow['followers']) => followers.map((f) => f.name).join(', ') || '-',
    },
    { title: t('customers.addedAt'), dataIndex: 'addedAt', width: 160, render: formatDateTime },
  ]
}
