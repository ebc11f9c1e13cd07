import { Avatar, Flex, Typography } from 'antd'
import { UserOutlined } from '@ant-design/icons'

/** A customer in a table row: avatar, name and WeCom external id. */
export function CustomerCell({ name, avatar, externalUserId }: { name: string; avatar: string; externalUserId: string }) {
  return (
    <Flex align="center" gap={10}>
      <Avatar src={avatar || undefined} icon={<UserOutlined />} />
      <div>
        <Typography.Text strong>{name}</Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {externalUserId}
        </Typography.Text>
      </div>
    </Flex>
  )
}
