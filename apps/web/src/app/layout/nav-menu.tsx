import { Menu, type MenuProps } from 'antd'
import {
  ApiOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  QrcodeOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons'
import { useLocation, useNavigate } from 'react-router-dom'
import { useT } from '../i18n'
import { ROUTES } from '../routes'
import { useMe } from '../session'

const selectedKey = (pathname: string) =>
  Object.values(ROUTES).find((path) => path !== '/' && pathname.startsWith(path)) ?? ROUTES.dashboard

export function NavMenu() {
  const t = useT()
  const me = useMe()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const items: MenuProps['items'] = [
    { key: ROUTES.dashboard, icon: <DashboardOutlined />, label: t('menu.dashboard') },
    { key: ROUTES.liveCodes, icon: <QrcodeOutlined />, label: t('menu.liveCodes') },
    { key: ROUTES.customers, icon: <UserOutlined />, label: t('menu.customers') },
    { key: ROUTES.employees, icon: <TeamOutlined />, label: t('menu.employees') },
    ...(me.corp.sandbox ? [{ key: ROUTES.sandbox, icon: <ExperimentOutlined />, label: t('menu.sandbox') }] : []),
    { key: ROUTES.apiDocs, icon: <ApiOutlined />, label: t('menu.apiDocs') },
  ]
  return (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selectedKey(pathname)]}
      items={items}
      onClick={({ key }) => navigate(key)}
      style={{ background: 'transparent', borderInlineEnd: 0 }}
    />
  )
}
