import { Avatar, Badge, Button, Flex, Popconfirm, Space, Tag, Typography, type TableColumnsType } from 'antd'
import { EditOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons'
import type { ConsoleUser, Role } from '../../../api/types'
import type { Translate } from '../../../app/i18n'
import { formatDateTime } from '../../../shared/format'
import { ROLE_COLOR } from './roles'

export type UserActions = {
  /** The signed-in user: they cannot disable themself. */
  selfId: string
  /** Absent for roles that may only read the list. */
  onEdit?: (user: ConsoleUser) => void
  onToggle?: (user: ConsoleUser) => Promise<unknown>
}

function ToggleButton({ user, t, onToggle }: { user: ConsoleUser; t: Translate; onToggle: (user: ConsoleUser) => Promise<unknown> }) {
  const disabling = !user.disabled
  return (
    <Popconfirm
      title={t(disabling ? 'users.disableConfirm' : 'users.enableConfirm', { name: user.displayName })}
      description={disabling ? t('users.disableHint') : undefined}
      okButtonProps={{ danger: disabling }}
      onConfirm={() => onToggle(user)}
    >
      <Button type="link" size="small" danger={disabling} icon={disabling ? <StopOutlined /> : <CheckCircleOutlined />} data-testid="user-toggle">
        {t(disabling ? 'users.disable' : 'users.enable')}
      </Button>
    </Popconfirm>
  )
}

export function userColumns(t: Translate, actions: UserActions): TableColumnsType<ConsoleUser> {
  const { onEdit, onToggle, selfId } = actions
  return [
    {
      title: t('users.username'),
      dataIndex: 'username',
      render: (username: string, user) => (
        <Flex align="center" gap={8}>
          <Avatar size="small" style={{ background: user.disabled ? '#94a3b8' : '#1d4ed8' }}>{username.slice(0, 1).toUpperCase()}</Avatar>
          <Typography.Text delete={user.disabled}>{username}</Typography.Text>
          {user.id === selfId && <Tag>{t('users.you')}</Tag>}
        </Flex>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.role'), dataIndex: 'role', render: (role: Role) => <Tag color={ROLE_COLOR[role]}>{t(`users.role.${role}`)}</Tag> },
    { title: t('users.employee'), dataIndex: 'employeeName', render: (name: string | null) => name ?? <Typography.Text type="secondary">-</Typography.Text> },
    {
      title: t('users.status'),
      dataIndex: 'disabled',
      width: 110,
      render: (disabled: boolean) => <Badge status={disabled ? 'default' : 'success'} text={t(disabled ? 'users.status.disabled' : 'users.status.active')} />,
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
    ...(onEdit && onToggle
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 180,
            render: (_: unknown, user: ConsoleUser) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(user)} data-testid="user-edit">
                  {t('common.edit')}
                </Button>
                {user.id !== selfId && <ToggleButton user={user} t={t} onToggle={onToggle} />}
              </Space>
            ),
          },
        ]
      : []),
  ]
}
