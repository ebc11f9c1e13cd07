import { Avatar, Card, Empty, Progress, Steps, Tag, Typography } from 'antd'
import type { H5State } from './api'

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })

/** "已有 N 位好友助力，还差 M 位", the tiers as steps, and who helped. */
/** `closed`: the activity no longer takes helps, so nothing is "still missing". */
export function ProgressCard({ state, closed }: { state: Omit<H5State, 'status'>; closed: boolean }) {
  const count = state.me?.helpCount ?? 0
  const last = state.tiers[state.tiers.length - 1]
  const next = state.tiers.find((t) => t.level === state.nextLevel)
  const target = next?.threshold ?? last?.threshold ?? 1
  const done = state.nextLevel === null
  const helpers = state.me?.helpers ?? []
  return (
    <Card className="h5-card" title="助力进度">
      <div className="h5-progress">
        <Progress type="circle" size={112} percent={Math.min(100, Math.round((count / target) * 100))} format={() => (
          <span className="h5-progress-count" data-testid="h5-help-count">{count}<small>/{target}</small></span>
        )} strokeColor={{ '0%': '#ff9c6e', '100%': '#f5222d' }} />
        <div className="h5-progress-text" data-testid="h5-progress-text">
          {done && <Typography.Text strong>已有 {count} 位好友助力，全部奖励已达成！</Typography.Text>}
          {!done && closed && <Typography.Text strong>活动已结束，共有 {count} 位好友为你助力</Typography.Text>}
          {!done && !closed && <Typography.Text strong>已有 {count} 位好友助力，还差 <span className="h5-em">{state.missing}</span> 位</Typography.Text>}
          {next && !closed && <Typography.Text type="secondary">再邀请 {state.missing} 位好友即可获得「{next.prizeName}」</Typography.Text>}
        </div>
      </div>
      <Steps
        size="small" direction="horizontal" labelPlacement="vertical" responsive={false} className="h5-steps"
        current={state.tiers.findIndex((t) => t.level === state.nextLevel)}
        status={done ? 'finish' : 'process'}
        items={state.tiers.map((t) => ({
          title: `${t.threshold} 人`,
          status: t.threshold <= count ? 'finish' : t.level === state.nextLevel && !closed ? 'process' : 'wait',
          description: <span>{t.prizeName}{t.outOfStock && <Tag color="default" className="h5-tag">已抢光</Tag>}</span>,
        }))}
      />
      <Typography.Title level={5} className="h5-subtitle">助力好友</Typography.Title>
      {helpers.length === 0
        ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有好友助力，快分享海报吧" />
        : (
          <ul className="h5-helpers" data-testid="h5-helpers">
            {helpers.map((h, i) => (
              <li key={`${h.helpedAt}-${i}`}>
                <Avatar src={h.avatar || undefined} size={32}>{h.name.slice(0, 1)}</Avatar>
                <span className="h5-helper-name">{h.name}</span>
                <Typography.Text type="secondary" className="h5-helper-time">{time(h.helpedAt)}</Typography.Text>
              </li>
            ))}
          </ul>
        )}
    </Card>
  )
}
