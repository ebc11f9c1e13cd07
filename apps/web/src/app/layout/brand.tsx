import { Flex, Typography } from 'antd'
import { useT } from '../i18n'

function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden>
      <defs>
        <linearGradient id="pond-logo" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#60a5fa" />
          <stop offset="1" stopColor="#1d4ed8" />
        </linearGradient>
      </defs>
      <circle cx="16" cy="16" r="15" fill="url(#pond-logo)" />
      <path d="M6 18c3-3 6-3 10 0s7 3 10 0" stroke="#fff" strokeWidth="2.2" fill="none" strokeLinecap="round" />
      <path d="M9 23c2.5-2 5-2 7 0s4.5 2 7 0" stroke="#bfdbfe" strokeWidth="1.8" fill="none" strokeLinecap="round" />
    </svg>
  )
}

export function Brand({ collapsed = false, dark = true }: { collapsed?: boolean; dark?: boolean }) {
  const t = useT()
  return (
    <Flex align="center" justify={collapsed ? 'center' : 'flex-start'} gap={10} style={{ height: 64, padding: '0 20px' }}>
      <Logo />
      {!collapsed && (
        <Typography.Text strong style={{ color: dark ? '#fff' : undefined, fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Text>
      )}
    </Flex>
  )
}
