import { App as AntApp, Button, Card, Collapse, ConfigProvider, Result, Spin, Tag, Typography } from 'antd'
import antdZhCN from 'antd/locale/zh_CN'
import { useCallback, useEffect, useState } from 'react'
import { useParams, useSearchParams } from 'react-router-dom'
import { H5Error, h5Api, type H5View } from './api'
import { ProgressCard } from './progress-card'
import { RewardCard } from './reward-card'
import './h5.css'

/** Polled while the page is visible: a friend's help shows within a few seconds, without a reload. */
const POLL_MS = 3000
const STATUS: Record<H5View['activity']['status'], { label: string; color: string }> = {
  draft: { label: '未发布', color: 'default' },
  scheduled: { label: '预热中', color: 'gold' },
  running: { label: '进行中', color: 'green' },
  ended: { label: '已结束', color: 'default' },
  archived: { label: '已结束', color: 'default' },
}
const day = (iso: string) => new Date(iso).toLocaleString('zh-CN', { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' })

/** The initiator's page, opened from the personal link an employee sent (`?t=`): zh-CN, phone-first, no login. */
export function FissionH5Page() {
  return (
    <ConfigProvider locale={antdZhCN} theme={{ token: { colorPrimary: '#f5222d', borderRadius: 10 } }}>
      <AntApp>
        <H5Activity />
      </AntApp>
    </ConfigProvider>
  )
}

function H5Activity() {
  const { activityId = '' } = useParams()
  const [search] = useSearchParams()
  const token = search.get('t') ?? ''
  const [view, setView] = useState<H5View>()
  const [error, setError] = useState<H5Error>()
  const [joining, setJoining] = useState(false)
  const { message } = AntApp.useApp()

  const load = useCallback(() => h5Api.view(activityId, token).then(setView, (err: H5Error) => setError(err)), [activityId, token])
  useEffect(() => { void load() }, [load])

  const joined = !!view?.me
  useEffect(() => {
    if (!joined) return
    const poll = () => {
      if (document.visibilityState !== 'visible') return
      h5Api.progress(activityId, token).then((p) => setView((v) => v && { ...v, ...p, activity: { ...v.activity, status: p.status } }), () => undefined)
    }
    const timer = setInterval(poll, POLL_MS)
    document.addEventListener('visibilitychange', poll)
    return () => { clearInterval(timer); document.removeEventListener('visibilitychange', poll) }
  }, [joined, activityId, token])

  if (error) return <LinkError error={error} />
  if (!view) return <div className="h5-page h5-center"><Spin size="large" /></div>

  const { activity } = view
  const open = activity.status === 'scheduled' || activity.status === 'running'
  const join = async () => {
    setJoining(true)
    try {
      await h5Api.join(activityId, token)
      await load()
    } catch (err) {
      message.error(err instanceof H5Error ? err.message : '参与失败，请稍后再试')
    } finally { setJoining(false) }
  }
  const copyScript = async () => {
    try {
      await navigator.clipboard.writeText(activity.shareScript)
      message.success('分享话术已复制，发给好友吧')
    } catch {
      message.info('请长按话术手动复制')
    }
  }

  return (
    <div className="h5-page">
      <header className="h5-hero">
        <Tag color={STATUS[activity.status].color} className="h5-status" data-testid="h5-status">{STATUS[activity.status].label}</Tag>
        <h1 className="h5-title">{activity.name}</h1>
        <div className="h5-time">{day(activity.startsAt)} — {day(activity.endsAt)}</div>
        <div className="h5-me">你好，{view.customer.name}</div>
      </header>

      {activity.status === 'scheduled' && (
        <Card className="h5-card h5-notice">活动将于 <b>{day(activity.startsAt)}</b> 开始。{joined ? '你已预约成功，开始后即可生成专属海报邀请好友。' : '现在预约，开始后第一时间生成你的专属海报。'}</Card>
      )}
      {(activity.status === 'ended' || activity.status === 'archived') && (
        <Card className="h5-card h5-notice">活动已结束，好友助力已停止。{joined ? '已达成的奖励仍可在下方领取。' : ''}</Card>
      )}
      {view.outOfStock && <Card className="h5-card h5-notice h5-warn">部分奖品已被抢光，你的完成记录已保存，补货后将优先为你发放。</Card>}

      {!joined && open && (
        <Card className="h5-card h5-join">
          <Typography.Paragraph>邀请好友添加客户经理为你助力，达到人数即可领取奖品：</Typography.Paragraph>
          <ul className="h5-tier-list">
            {view.tiers.map((t) => <li key={t.level}>邀请 <b>{t.threshold}</b> 位好友 → {t.prizeName}{t.outOfStock && <Tag className="h5-tag">已抢光</Tag>}</li>)}
          </ul>
          <Button type="primary" size="large" block shape="round" loading={joining} onClick={join} data-testid="h5-join">
            {activity.status === 'scheduled' ? '立即预约' : '立即参与，生成我的海报'}
          </Button>
        </Card>
      )}

      {joined && activity.status !== 'scheduled' && <ProgressCard state={view} closed={!open} />}

      {joined && view.me?.posterReady && open && (
        <Card className="h5-card" title="我的专属海报">
          <img className="h5-poster" src={h5Api.posterUrl(activityId, token)} alt="专属海报" />
          <Typography.Paragraph type="secondary" className="h5-hint">长按海报保存到相册，分享给好友扫码助力</Typography.Paragraph>
          {activity.shareScript && (
            <div className="h5-script">
              <Typography.Paragraph className="h5-script-text">{activity.shareScript}</Typography.Paragraph>
              <Button block shape="round" onClick={copyScript}>复制分享话术</Button>
            </div>
          )}
        </Card>
      )}

      <RewardCard view={view} activityId={activityId} token={token} onChange={() => void load()} />

      {activity.rules && (
        <Collapse className="h5-card h5-rules" items={[{ key: 'rules', label: '活动规则', children: <Typography.Paragraph className="h5-rules-text">{activity.rules}</Typography.Paragraph> }]} />
      )}
      <footer className="h5-footer">活动由企业微信客户经理提供服务</footer>
    </div>
  )
}

function LinkError({ error }: { error: H5Error }) {
  const expired = error.code === 'fission.h5.link_expired'
  const title = expired ? '链接已过期' : error.status === 401 || error.status === 400 ? '链接无效' : '页面暂时打不开'
  return (
    <div className="h5-page h5-center" data-testid="h5-error">
      <Result status={error.status === 0 || error.status >= 500 ? 'error' : 'warning'} title={title} subTitle={error.message}
        extra={error.status === 0 ? <Button type="primary" shape="round" onClick={() => location.reload()}>重新加载</Button> : undefined} />
    </div>
  )
}
