import { Card, Col, Empty, Flex, Progress, Row, Statistic, Tag, Typography } from 'antd'
import { useT } from '../../app/i18n'
import type { MessageKey } from '../../i18n/zh-CN'
import { reasonLabel } from './labels'
import { formatYuan } from './money'
import type { Funnel } from './types'

/** The seed's funnel (employees → customers → completed → new customers), then helps and prizes. */
export function FunnelPanel({ funnel }: { funnel: Funnel }) {
  const t = useT()
  const stages: [MessageKey, number][] = [
    ['fission.funnel.employees', funnel.participatingEmployees],
    ['fission.funnel.participants', funnel.participants],
    ['fission.funnel.completed', funnel.completed],
    ['fission.funnel.newCustomers', funnel.newCustomers],
  ]
  const widest = Math.max(1, ...stages.map(([, n]) => n))
  const figures: [MessageKey, number | string][] = [
    ['fission.funnel.netNew', funnel.netNewCustomers],
    ['fission.funnel.counted', funnel.counted],
    ['fission.funnel.held', funnel.held],
    ['fission.funnel.revoked', funnel.revoked],
    ['fission.funnel.voided', funnel.voided],
    ['fission.funnel.chain', funnel.chainInitiators],
    ['fission.funnel.prizes', funnel.prizesReserved],
    ['fission.funnel.redeemed', funnel.prizesRedeemed],
    ['fission.funnel.outOfStock', funnel.outOfStock],
  ]
  const refusals = Object.entries(funnel.refused).filter(([, n]) => n > 0)
  return (
    <Flex vertical gap={16} data-testid="fission-funnel">
      <Row gutter={16}>
        {stages.map(([label, n]) => (
          <Col span={6} key={label}>
            <Card size="small"><Statistic title={t(label)} value={n} /></Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('fission.funnel.title')}>
        <Flex vertical gap={6}>
          {stages.map(([label, n], i) => (
            <Flex key={label} align="center" gap={12}>
              <Typography.Text style={{ width: 120, flexShrink: 0 }}>{t(label)}</Typography.Text>
              <Progress percent={(n / widest) * 100} status="normal" showInfo={false} strokeLinecap="butt" size={{ height: 18 }} style={{ flex: 1, margin: 0 }} />
              <Typography.Text strong style={{ width: 120, textAlign: 'right' }}>
                {n}
                {i > 0 && stages[i - 1]![1] > 0 && <Typography.Text type="secondary"> ({Math.round((n / stages[i - 1]![1]) * 100)}%)</Typography.Text>}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        {figures.map(([label, n]) => (
          <Col span={4} key={label} style={{ flex: '1 0 18%', maxWidth: '20%' }}>
            <Card size="small"><Statistic title={t(label)} value={n} /></Card>
          </Col>
        ))}
      </Row>
      {/* Prizes given at their tiers' unit prices (seed 003: what one kept customer cost). */}
      <Card size="small" title={t('fission.funnel.costTitle')} data-testid="fission-cost">
        <Flex gap={48} align="center" wrap>
          <Statistic title={t('fission.funnel.prizeCost')} value={formatYuan(funnel.prizeCost)} />
          <Statistic title={t('fission.funnel.costPerNew')} value={formatYuan(funnel.costPerNetNewCustomer)} />
          <Flex vertical gap={6}>
            <Typography.Text type="secondary">{t('fission.funnel.costHint')}</Typography.Text>
            <Flex gap={8} wrap>
              {funnel.tiers.map((tier) => (
                <Tag key={tier.level}>{t('fission.tier.level', { level: tier.level })}：{t('fission.funnel.tierCost', { n: tier.prizes, cost: formatYuan(tier.cost) })}</Tag>
              ))}
            </Flex>
          </Flex>
        </Flex>
      </Card>
      <Card size="small" title={t('fission.funnel.refusals')}>
        {refusals.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fission.funnel.noRefusals')} style={{ margin: 0 }} />
        ) : (
          <Flex gap={8} wrap>
            {refusals.map(([reason, n]) => <Tag key={reason}>{reasonLabel(t, reason)}：{n}</Tag>)}
          </Flex>
        )}
      </Card>
    </Flex>
  )
}
