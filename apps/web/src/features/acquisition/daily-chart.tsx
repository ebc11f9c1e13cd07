import { Empty, Flex, Tooltip, Typography, theme } from 'antd'
import type { LiveCodeStats } from '../../api/types'
import { useT } from '../../app/i18n'

const HEIGHT = 140

/** Adds (up) and losses (down) per day as plain SVG bars; no chart library needed. */
export function DailyChart({ daily }: { daily: LiveCodeStats['daily'] }) {
  const t = useT()
  const { token } = theme.useToken()
  if (daily.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
  const max = Math.max(1, ...daily.map((d) => Math.max(d.adds, d.lost)))
  const barWidth = Math.max(6, Math.min(28, Math.floor(560 / daily.length) - 4))
  const scale = (value: number) => (value / max) * (HEIGHT / 2 - 12)
  const width = daily.length * (barWidth + 4)
  const mid = HEIGHT / 2
  return (
    <div style={{ overflowX: 'auto' }}>
      <svg width={width} height={HEIGHT + 18} role="img" aria-label={t('liveCode.stats.daily')}>
        <line x1={0} x2={width} y1={mid} y2={mid} stroke={token.colorBorder} />
        {daily.map((d, i) => {
          const x = i * (barWidth + 4) + 2
          return (
            <Tooltip key={d.day} title={t('liveCode.stats.dayTip', { day: d.day, adds: d.adds, lost: d.lost })}>
              <g>
                <rect x={x} y={mid - scale(d.adds)} width={barWidth} height={scale(d.adds)} fill={token.colorPrimary} rx={2} />
                <rect x={x} y={mid} width={barWidth} height={scale(d.lost)} fill={token.colorError} opacity={0.7} rx={2} />
                <rect x={x} y={0} width={barWidth} height={HEIGHT} fill="transparent" />
                {(daily.length <= 10 || i % Math.ceil(daily.length / 8) === 0) && (
                  <text x={x + barWidth / 2} y={HEIGHT + 14} fontSize={10} textAnchor="middle" fill={token.colorTextSecondary}>
                    {d.day.slice(5)}
                  </text>
                )}
              </g>
            </Tooltip>
          )
        })}
      </svg>
      <Flex gap={16}>
        <Typography.Text type="secondary"><span style={{ color: token.colorPrimary }}>■</span> {t('liveCode.stats.adds')}</Typography.Text>
        <Typography.Text type="secondary"><span style={{ color: token.colorError }}>■</span> {t('liveCode.stats.lost')}</Typography.Text>
      </Flex>
    </div>
  )
}
