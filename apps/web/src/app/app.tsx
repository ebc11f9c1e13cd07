import { App as AntApp, ConfigProvider, theme } from 'antd'
import antdEnUS from 'antd/locale/en_US'
import antdZhCN from 'antd/locale/zh_CN'
import { RouterProvider } from 'react-router-dom'
import { useEffect } from 'react'
import { registerMessageApi } from './feedback'
import { I18nProvider, useI18n } from './i18n'
import { router } from './router'
import { SessionProvider } from './session'

const THEME = {
  algorithm: theme.defaultAlgorithm,
  token: { colorPrimary: '#1d4ed8', borderRadius: 6, colorBgLayout: '#f3f5f9' },
  components: { Layout: { siderBg: '#0b1a33', headerBg: '#ffffff', headerPadding: '0 24px' } },
}

function FeedbackBridge() {
  const { message } = AntApp.useApp()
  useEffect(() => registerMessageApi(message), [message])
  return null
}

function LocalizedApp() {
  const { locale } = useI18n()
  return (
    <ConfigProvider locale={locale === 'en' ? antdEnUS : antdZhCN} theme={THEME}>
      <AntApp>
        <FeedbackBridge />
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  )
}

export function App() {
  return (
    <I18nProvider>
      <LocalizedApp />
    </I18nProvider>
  )
}
