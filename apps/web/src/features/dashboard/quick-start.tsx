import { Button, Card, Steps } from 'antd'
import { useNavigate } from 'react-router-dom'
import { useT } from '../../app/i18n'
import { ROUTES } from '../../app/routes'

/** The first-run path through the product: contacts → live code → scan → customers. */
export function QuickStart({ sandbox }: { sandbox: boolean }) {
  const t = useT()
  const navigate = useNavigate()
  const go = (to: string, label: string) => (
    <Button size="small" type="link" style={{ padding: 0 }} onClick={() => navigate(to)}>
      {label}
    </Button>
  )
  const items = [
    { title: t('dashboard.step.sync'), content: go(ROUTES.employees, t('menu.employees')) },
    { title: t('dashboard.step.liveCode'), content: go(ROUTES.liveCodes, t('menu.liveCodes')) },
    ...(sandbox ? [{ title: t('dashboard.step.scan'), content: go(ROUTES.sandbox, t('menu.sandbox')) }] : []),
    { title: t('dashboard.step.customers'), content: go(ROUTES.customers, t('menu.customers')) },
  ]
  return (
    <Card title={t('dashboard.quickStart')} style={{ height: '100%' }}>
      <Steps orientation="vertical" size="small" current={-1} items={items} />
    </Card>
  )
}
