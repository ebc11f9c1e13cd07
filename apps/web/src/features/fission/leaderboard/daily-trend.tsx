import { Empty, Flex, Typography, theme } from 'antd'
import { useT } from '../../../app/i18n'
import type { ResponseOf } from '../../../api/types'

type Day = ResponseOf<'/api/fission/activities/{id}/stats'>['items'][number]

const HEIGHT = 140
const BAR = 14

/** Valid helps, refused helps and net new customers per day as grouped bars: a plain SVG, no chart library. */
export function DailyTrend({ days }: { days: Day[] }) {
  const t = useT()
  const { token } = theme.useToken()
  if (days.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fissionRanks.trendEmpty')} style={{ margin: 0 }} />
  const series = [
    { key: 'counted' as const, label: t('fissionRanks.counted'), color: token.colorPrimary },
    { key: 'refused' as const, label: t('fissionRanks.refused'), color: token.colorWarning },
    { key: 'netNewCustomers' as const, label: t('fissionRanks.netNew'), color: token.colorSuccess },
  ]
  const max = Math.max(1, ...days.flatMap((d) => series.map((s) => d[s.key])))
  const slot = series.length * BAR + 24
  const width = Math.max(days.length * slot, 240)
  return (
    <Flex vertical gap={8}>
      <Flex gap={16}>
        {series.map((s) => (
          <Flex key={s.key} gap={6} align="center">
            <span style={{ width: 10, height: 10, background: s.color, display: 'inline-block', borderRadius: 2 }} />
            <Typography.Text type="secondary">{s.label}</Typography.Text>
          </Flex>
        ))}
      </Flex>
      <div style={{ overflowX: 'auto' }}>
        <svg width={width} height={HEIGHT + 36} role="img" aria-label={t('fissionRanks.trend')} data-testid="fission-trend">
          {days.map((d, i) => (
            <g key={d.day} transform={`translate(${i * slot + 12}, 0)`}>
              {series.map((s, j) => {
                const h = (d[s.key] / max) * HEIGHT
                return (
                  <g key={s.key}>
                    <rect x={j * BAR} y={HEIGHT - h + 14} width={BAR - 2} height={h} fill={s.color} rx={2} />
                    <text x={j * BAR + (BAR - 2) / 2} y={HEIGHT - h + 10} fontSize={10} textAnchor="middle" fill={token.colorTextSecondary}>{d[s.key]}</text>
                  </g>
                )
              })}
              <text x={(series.length * BAR) / 2} y={HEIGHT + 30} fontSize={11} textAnchor="middle" fill={token.colorTextSecondary}>{d.day.slice(5)}</text>
            </g>
          ))}
        </svg>
      </div>
    </Flex>
  )
}
