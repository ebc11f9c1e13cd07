import { useState } from 'react'
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd'
import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import { api, ApiError, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { Brand } from '../../app/layout/brand'
import { LocaleSwitch } from '../../app/layout/header-bar'
import { ROUTES } from '../../app/routes'
import { useSession } from '../../app/session'

type Credentials = { username: string; password: string }

/** Only same-site paths are honoured, so ?from= cannot redirect off the console. */
const safeFrom = (from: string | null) => (from && from.startsWith('/') && !from.startsWith('//') ? from : ROUTES.dashboard)

export function LoginPage() {
  const t = useT()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const { me, refresh } = useSession()
  const [error, setError] = useState<string>()
  const [submitting, setSubmitting] = useState(false)
  const from = safeFrom(params.get('from'))

  if (me) return <Navigate to={from} replace />

  const onFinish = async (values: Credentials) => {
    setSubmitting(true)
    setError(undefined)
    try {
      await call(api.POST('/api/auth/login', { body: values }))
      await refresh()
      navigate(from, { replace: true })
    } catch (cause) {
      const invalid = cause instanceof ApiError && cause.status === 401
      setError(invalid ? t('auth.invalidCredentials') : cause instanceof Error ? cause.message : t('error.unknown'))
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #0b1a33 0%, #1d4ed8 60%, #60a5fa 100%)' }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LocaleSwitch />
      </div>
      <Card style={{ width: 380, boxShadow: '0 12px 40px rgba(11, 26, 51, 0.35)' }}>
        <Flex vertical align="center" style={{ marginBottom: 8 }}>
          <Brand dark={false} />
          <Typography.Text type="secondary">{t('auth.subtitle')}</Typography.Text>
        </Flex>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', marginTop: 24 }}>{t('auth.footer')}</Typography.Text>
    </Flex>
  )
}
