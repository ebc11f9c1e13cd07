import { Button, Card, Col, Empty, Flex, Row, Spin, Statistic, Tabs, Typography } from 'antd'
import { CopyOutlined } from '@ant-design/icons'
import type { ResponseOf } from '../../api/types'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { formatDateTime } from '../../shared/format'
import { PageHeader } from '../../shared/page-header'
import { useRequest } from '../../shared/use-request'
import { StatusBadge } from '../fission/labels'
import { PrizesTable } from '../fission/prizes-table'
import { useCopy } from './copy'
import { RecommendedTable } from './recommended-table'

type MyActivity = ResponseOf<'/api/fission/mine'>['items'][number]

/** 我的裂变: every activity the signed-in employee takes part in, with their rank, numbers, script, recommended customers and prizes to hand over. */
export function MyFissionPage() {
  const t = useT()
  const mine = useRequest(() => call(api.GET('/api/fission/mine')), [])
  return (
    <>
      <PageHeader title={t('fissionMine.title')} description={t('fissionMine.description')} />
      <Spin spinning={mine.loading}>
        {mine.data && !mine.data.employeeId && <Card><Empty description={t('fissionMine.noEmployee')} data-testid="fission-mine-no-employee" /></Card>}
        {mine.data?.employeeId && mine.data.items.length === 0 && <Card><Empty description={t('fissionMine.none')} /></Card>}
        <Flex vertical gap={16}>
          {mine.data?.items.map((a) => <ActivityCard key={a.id} activity={a} onChanged={() => void mine.refresh()} />)}
        </Flex>
        {!mine.data && <div style={{ minHeight: 300 }} />}
      </Spin>
    </>
  )
}

function ActivityCard({ activity: a, onChanged }: { activity: MyActivity; onChanged: () => void }) {
  const t = useT()
  const copy = useCopy()
  const figures: [string, string | number][] = [
    [t('fissionMine.rank'), a.rank === null ? t('fissionMine.unranked') : t('fissionMine.rankOf', { rank: a.rank, total: a.ranked })],
    [t('fissionMine.initiators'), a.initiators],
    [t('fissionMine.helps'), a.helps],
    [t('fissionMine.completions'), a.completions],
    [t('fissionMine.toFulfil'), a.prizesToFulfil],
  ]
  return (
    <Card
      data-testid={`fission-mine-${a.id}`}
      title={<Flex align="center" gap={12}>{a.name}<Typography.Text style={{ fontWeight: 'normal', fontSize: 14 }}><StatusBadge status={a.status} t={t} /></Typography.Text></Flex>}
      extra={<Typography.Text type="secondary">{formatDateTime(a.startsAt)} ~ {formatDateTime(a.endsAt)}</Typography.Text>}
    >
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {figures.map(([label, value]) => <Col key={label} flex="1"><Statistic title={label} value={value} /></Col>)}
      </Row>
      <Card size="small" type="inner" title={t('fissionMine.script')} style={{ marginBottom: 16 }}
        extra={<Button size="small" icon={<CopyOutlined />} disabled={!a.script} onClick={() => void copy(a.script)} data-testid={`fission-copy-script-${a.id}`}>{t('fissionMine.copyScript')}</Button>}
      >
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} type={a.script ? undefined : 'secondary'}>{a.script || t('fissionMine.noScript')}</Typography.Paragraph>
      </Card>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'recommended', label: t('fissionMine.recommended'), children: <RecommendedTable activityId={a.id} script={a.script} /> },
          { key: 'prizes', label: `${t('fissionMine.prizes')}${a.prizesToFulfil ? ` (${a.prizesToFulfil})` : ''}`, children: <PrizesTable activityId={a.id} onFulfilled={onChanged} /> },
        ]}
      />
    </Card>
  )
}
