import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, testApp, type TestApp } from '../../testing/test-app'
import { digestMarkdown } from './notices'

const completion = (i: number, over: Partial<Parameters<typeof digestMarkdown>[0][number]> = {}) => ({
  id: `c${i}`, level: 1, status: 'reserved' as 'reserved' | 'out_of_stock', redemptionCode: `CODE${String(i).padStart(6, '0')}`, customerId: `cu${i}`,
  activityName: '邀请好友领好礼', prizeName: '定制帆布袋', threshold: 3, customerName: `客户${i}`, ...over,
})

describe('fission: completion digest', () => {
  it('lists each completion under its activity, out of stock said so, within WeCom\'s 2,048 bytes; the rest are counted', () => {
    const few = digestMarkdown([completion(1), completion(2, { status: 'out_of_stock', redemptionCode: null }), completion(3, { activityName: '春季裂变' })])
    expect(few.split('\n')).toEqual([
      '**裂变活动「邀请好友领好礼」**',
      '客户 客户1 已完成第 1 级（3 人助力）。请联系客户兑换奖品「定制帆布袋」，兑换码 **CODE000001**。',
      '客户 客户2 已完成第 1 级（3 人助力）。奖品「定制帆布袋」已无库存，请联系客户说明并致谢。',
      '**裂变活动「春季裂变」**',
      '客户 客户3 已完成第 1 级（3 人助力）。请联系客户兑换奖品「定制帆布袋」，兑换码 **CODE000003**。',
    ])

    const many = digestMarkdown(Array.from({ length: 200 }, (_, i) => completion(i, { customerName: '一位名字相当长的客户'.repeat(3) })))
    expect(Buffer.byteLength(many, 'utf8')).toBeLessThanOrEqual(2048)
    const listed = many.split('\n').filter((l) => l.startsWith('客户 ')).length
    expect(listed).toBeGreaterThan(5)
    expect(many.split('\n').at(-1)).toBe(`另有 ${200 - listed} 位客户完成，详见工作台「我的裂变」。`)
  })
})

describe('fission: completion notices in a burst', () => {
  let t: TestApp
  beforeAll(async () => { t = await testApp() })
  afterAll(async () => { await t?.close() })

  it('many tiers completing for one employee reach them as a few digests, every completion told, none dropped by WeCom', async () => {
    const [owner, helper] = (await t.api('GET', '/api/org/employees?limit=50&status=1')).json().items as { id: string; wecomUserId: string }[]
    const name = '通知合并测试'
    const created = await t.api('POST', '/api/fission/activities', {
      name, startsAt: new Date(Date.now() - 3600_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      rules: '邀请 1 位好友即可领取', scripts: { employee: '您好', customer: '帮我扫一下码吧' },
      tiers: [{ level: 1, threshold: 1, prizeName: '定制帆布袋', stock: 1000 }], helperEmployeeIds: [helper!.id],
      welcome: { counted: '助力成功', refused: { default: '助力未成功', variants: [] } }, helpRules: { newCustomersOnly: true, churnHours: 48 },
    })
    const activityId = created.json().id as string
    expect((await t.api('POST', `/api/fission/activities/${activityId}/schedule`)).json().status).toBe('running')

    // 60 initiators of one employee, one friend each: more completions than WeCom delivers to a member in a minute (30).
    const initiators = 60
    const way = t.sim.world.addContactWay({ user: [owner!.wecomUserId], state: 'branch-desk' })
    const known = await Promise.all(Array.from({ length: initiators }, () => t.sim.world.scan({ configId: way.configId })))
    const customerIds = await eventually(async () => {
      const rows = await sql<{ id: string }>`select customer_id as id from customer_external_id where external_user_id = any(${known.map((k) => k.externalUserId)})`.execute(t.app.db)
      return rows.rows.length === initiators ? rows.rows.map((r) => r.id) : undefined
    }, 'initiators stored')
    const joined = await Promise.all(customerIds.map(async (customerId) => (await t.api('POST', `/api/fission/activities/${activityId}/participants`, { customerId })).json() as { configId: string }))
    await Promise.all(joined.map((p) => t.sim.world.scan({ configId: p.configId })))

    const codes = await eventually(async () => {
      const rows = await sql<{ code: string; notified: boolean }>`select redemption_code as code, notified_at is not null as notified from fission_completion where activity_id = ${activityId}`.execute(t.app.db)
      return rows.rows.length === initiators && rows.rows.every((r) => r.notified) ? rows.rows.map((r) => r.code) : undefined
    }, 'every completion notified')
    const digests = t.sim.world.employeeInbox(owner!.wecomUserId).map((m) => JSON.stringify(m)).filter((m) => m.includes(name))
    expect(digests.length).toBeGreaterThan(0)
    expect(digests.length).toBeLessThan(10)
    expect(t.sim.world.droppedAppMessages(owner!.wecomUserId)).toBe(0)
    // Every completion is in a digest: by its code, or counted in the digest's tail.
    const listed = codes.filter((c) => digests.some((d) => d.includes(c))).length
    const tailed = digests.reduce((n, d) => n + Number(/另有 (\d+) 位客户完成/.exec(d)?.[1] ?? 0), 0)
    expect(listed + tailed).toBe(initiators)
  })
})
