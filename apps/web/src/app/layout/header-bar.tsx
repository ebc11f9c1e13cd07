import { Avatar, Dropdown, Flex, Layout, Segmented, Tag, Typography, theme, type MenuProps } from 'antd'
import { BankOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons'
import { useNavigate } from 'react-router-dom'
import { useI18n, type Locale } from '../i18n'
import { ROUTES } from '../routes'
import { useMe, useSession } from '../session'

export function LocaleSwitch() {
  const { locale, setLocale, t } = useI18n()
  return (
    <Segmented<Locale>
      size="small"
      value={locale}
      onChange={setLocale}
      options={[
        { value: 'zh-CN', label: t('locale.zhCN') },
        { value: 'en', label: t('locale.en') },
      ]}
      data-testid="locale-switch"
    />
  )
}

function UserMenu() {
  const { t } = useI18n()
  const me = useMe()
  const { logout } = useSession()
  const navigate = useNavigate()
  const items: MenuProps['items'] = [
    { key: 'who', disabled: true, label: `${me.user.username} · ${t(`users.role.${me.user.role}`)}` },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true },
  ]
  const onClick: MenuProps['onClick'] = async ({ key }) => {
    if (key !== 'logout') return
    await logout()
    navigate(ROUTES.login, { replace: true })
  }
  return (
    <Dropdown menu={{ items, onClick }} placement="bottomRight" trigger={['click']}>
      <Flex align="center" gap={8} style={{ cursor: 'pointer' }} data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d4ed8' }} />
        <Typography.Text>{me.user.displayName || me.user.username}</Typography.Text>
      </Flex>
    </Dropdown>
  )
}

export function HeaderBar() {
  const { t } = useI18n()
  const me = useMe()
  const { token } = theme.useToken()
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Flex align="center" gap={8}>
        <BankOutlined style={{ color: token.colorPrimary, fontSize: 18 }} />
        <Typography.Text strong data-testid="corp-name">
          {me.corp.name}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {me.corp.wecomCorpId}
        </Typography.Text>
        {me.corp.sandbox && <Tag color="orange">{t('sandbox.badge')}</Tag>}
      </Flex>
      <Flex align="center" gap={20}>
        <LocaleSwitch />
        <UserMenu />
      </Flex>
    </Layout.Header>
  )
}
