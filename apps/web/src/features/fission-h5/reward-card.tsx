import { Alert, App, Button, Card, Form, Input, Tag, Typography } from 'antd'
import { useState } from 'react'
import { H5Error, h5Api, type H5Address, type H5Completion, type H5View } from './api'

/** One reached tier: the code to show the account manager, or an address for delivery; redeemed once. */
function Reward({ c, prize, onRedeem }: { c: H5Completion; prize: string; onRedeem: (address?: H5Address) => Promise<void> }) {
  const [addressing, setAddressing] = useState(false)
  const [busy, setBusy] = useState(false)
  const submit = async (address?: H5Address) => {
    setBusy(true)
    try { await onRedeem(address) } finally { setBusy(false) }
  }
  return (
    <div className="h5-reward" data-testid={`h5-reward-${c.level}`}>
      <div className="h5-reward-head">
        <Typography.Text strong>第 {c.level} 级奖励：{prize}</Typography.Text>
        {c.status === 'redeemed' && <Tag color="success">已兑换</Tag>}
        {c.status === 'fulfilled' && <Tag color="success">已发放</Tag>}
        {c.status === 'reserved' && <Tag color="processing">待兑换</Tag>}
        {c.status === 'out_of_stock' && <Tag>已抢光</Tag>}
      </div>
      {c.status === 'out_of_stock' && <Alert type="warning" showIcon message="很遗憾，该奖品已发完。你的完成记录已保存，补货后将优先为你发放。" />}
      {c.redemptionCode && (
        <div className="h5-code">
          <Typography.Text type="secondary">兑换码</Typography.Text>
          <Typography.Text className="h5-code-value" copyable>{c.redemptionCode}</Typography.Text>
        </div>
      )}
      {c.status === 'reserved' && !addressing && (
        <div className="h5-reward-actions">
          <Button type="primary" block onClick={() => setAddressing(true)}>填写收货地址领取</Button>
          <Typography.Text type="secondary" className="h5-hint">也可以向客户经理出示兑换码到网点领取</Typography.Text>
        </div>
      )}
      {c.status === 'reserved' && addressing && (
        <Form<H5Address> layout="vertical" onFinish={submit} disabled={busy} requiredMark={false}>
          <Form.Item name="name" label="收货人" rules={[{ required: true, whitespace: true, message: '请填写收货人' }, { max: 40 }]}><Input autoComplete="name" /></Form.Item>
          <Form.Item name="phone" label="手机号" rules={[{ required: true, pattern: /^1\d{10}$/, message: '请填写 11 位手机号' }]}><Input inputMode="tel" autoComplete="tel" /></Form.Item>
          <Form.Item name="address" label="详细地址" rules={[{ required: true, whitespace: true, message: '请填写详细地址' }, { max: 200 }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>确认领取</Button>
        </Form>
      )}
    </div>
  )
}

export function RewardCard({ view, activityId, token, onChange }: { view: H5View; activityId: string; token: string; onChange: () => void }) {
  const { message } = App.useApp()
  const completions = view.me?.completions ?? []
  if (completions.length === 0) return null
  const redeem = (c: H5Completion) => async (address?: H5Address) => {
    try {
      await h5Api.redeem(activityId, token, c.id, address)
      message.success('领取成功，客户经理会尽快为你安排')
    } catch (err) {
      message.error(err instanceof H5Error ? err.message : '领取失败，请稍后再试')
    }
    onChange()
  }
  return (
    <Card className="h5-card" title="我的奖励">
      {completions.map((c) => <Reward key={c.id} c={c} prize={view.tiers.find((t) => t.level === c.level)?.prizeName ?? ''} onRedeem={redeem(c)} />)}
    </Card>
  )
}
