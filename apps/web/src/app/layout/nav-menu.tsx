import type { ReactNode } from 'react'
import { Menu, type MenuProps } from 'antd'
import {
  AimOutlined,
  ApiOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FormOutlined,
  FileSearchOutlined,
  ImportOutlined,
  QrcodeOutlined,
  ShareAltOutlined,
  RobotOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SwapOutlined,
  TagsOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserDeleteOutlined,
  UserOutlined,
} from '@ant-design/icons'
import { useLocation, useNavigate } from 'react-router-dom'
import type { MessageKey } from '../../i18n/zh-CN'
import { useT } from '../i18n'
import { useCan, type Permission } from '../permissions'
import { ROUTES } from '../routes'
import { useMe } from '../session'

type Entry = { path: string; icon: ReactNode; label: MessageKey; permission?: Permission; sandboxOnly?: boolean }
type Section = { label?: MessageKey; entries: Entry[] }

/** The side menu; entries a role cannot use are hidden, and so are sections left empty. */
const SECTIONS: Section[] = [
  { entries: [{ path: ROUTES.dashboard, icon: <DashboardOutlined />, label: 'menu.dashboard' }] },
  {
    label: 'menu.group.acquisition',
    entries: [{ path: ROUTES.liveCodes, icon: <QrcodeOutlined />, label: 'menu.liveCodes', permission: 'acquisition.live_code.read' }],
  },
  {
    label: 'menu.group.marketing',
    entries: [
      { path: ROUTES.fission, icon: <ShareAltOutlined />, label: 'menu.fission', permission: 'fission.read' },
      // Every console role holds fission.fulfil; the page itself explains when the user has no employee.
      { path: ROUTES.fissionMine, icon: <TrophyOutlined />, label: 'menu.fissionMine', permission: 'fission.fulfil' },
    ],
  },
  {
    label: 'menu.group.customers',
    entries: [
      { path: ROUTES.customers, icon: <UserOutlined />, label: 'menu.customers', permission: 'customers.read' },
      { path: ROUTES.tags, icon: <TagsOutlined />, label: 'menu.tags', permission: 'customers.tag.read' },
      { path: ROUTES.tagJobs, icon: <ScheduleOutlined />, label: 'menu.tagJobs', permission: 'customers.tag.write' },
      { path: ROUTES.tagRules, icon: <RobotOutlined />, label: 'menu.tagRules', permission: 'customers.tag.write' },
      { path: ROUTES.segments, icon: <AimOutlined />, label: 'menu.segments', permission: 'customers.read' },
      { path: ROUTES.transfers, icon: <SwapOutlined />, label: 'menu.transfers', permission: 'customers.transfer' },
      { path: ROUTES.losses, icon: <UserDeleteOutlined />, label: 'menu.losses', permission: 'customers.read' },
      { path: ROUTES.customerFields, icon: <FormOutlined />, label: 'menu.customerFields', permission: 'customers.field.write' },
      { path: ROUTES.customerImports, icon: <ImportOutlined />, label: 'menu.customerImports', permission: 'customers.import' },
      { path: ROUTES.exportLogs, icon: <FileSearchOutlined />, label: 'menu.exportLogs', permission: 'customers.export.log' },
    ],
  },
  {
    label: 'menu.group.system',
    entries: [
      { path: ROUTES.employees, icon: <TeamOutlined />, label: 'menu.employees', permission: 'org.read' },
      { path: ROUTES.users, icon: <SafetyCertificateOutlined />, label: 'menu.users', permission: 'org.user.read' },
      { path: ROUTES.sandbox, icon: <ExperimentOutlined />, label: 'menu.sandbox', permission: 'sandbox.use', sandboxOnly: true },
      { path: ROUTES.apiDocs, icon: <ApiOutlined />, label: 'menu.apiDocs' },
    ],
  },
]

const selectedKey = (pathname: string) =>
  Object.values(ROUTES).find((path) => path !== '/' && pathname.startsWith(path)) ?? ROUTES.dashboard

/** When the sider is collapsed, section titles give way to dividers (they do not fit in 80px). */
export function NavMenu({ collapsed = false }: { collapsed?: boolean }) {
  const t = useT()
  const me = useMe()
  const can = useCan()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const visible = (entry: Entry) => (!entry.permission || can(entry.permission)) && (!entry.sandboxOnly || me.corp.sandbox)
  type Item = NonNullable<MenuProps['items']>[number]
  const items = SECTIONS.flatMap((section, index): Item[] => {
    const children = section.entries.filter(visible).map((e) => ({ key: e.path, icon: e.icon, label: t(e.label) }))
    if (children.length === 0 || !section.label) return children
    if (collapsed) return index > 0 ? [{ type: 'divider', key: section.label, style: { borderColor: 'rgba(255,255,255,0.12)' } }, ...children] : children
    return [{ type: 'group', key: section.label, label: t(section.label), children }]
  })
  return (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selectedKey(pathname)]}
      items={items}
      onClick={({ key }) => navigate(key)}
      style={{ background: 'transparent', borderInlineEnd: 0 }}
      data-testid="nav-menu"
    />
  )
}
