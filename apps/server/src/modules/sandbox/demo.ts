import { seedDemoBank, seedDemoCustomers, type Sim } from '@pond/wecom-sim'
import type { PondApp } from '../../app'
import { systemActor } from '../../http/actor'

/** The demo bank's channels: where a bank's customers come from (PRODUCT §1). */
const CHANNELS = [
  { name: '网点海报·北京分行', channelGroup: '网点海报', size: 4, cap: 30, tags: ['新客', '普通'], text: '您好，我是您的专属客户经理，感谢扫码添加！回复"理财"了解本周精选理财产品，回复"入群"加入网点福利群。' },
  { name: '外呼名单·信用卡分期', channelGroup: '外呼', size: 3, cap: 50, tags: ['信用卡', '新客'], text: '您好，刚才电话中提到的信用卡分期优惠已为您整理好，点击下方链接即可查看。' },
  { name: '公众号菜单·专属顾问', channelGroup: '公众号', size: 5, cap: null, tags: ['理财'], text: '欢迎来到示例银行财富管理！我是您的专属顾问，有任何理财问题随时问我。' },
  { name: '手机银行·添加客户经理', channelGroup: '手机银行', size: 4, cap: 80, tags: ['活跃'], text: '您好！我是您在手机银行添加的客户经理，每周一至周四为您分享APP使用小课堂。' },
  { name: '地推·社区金融节', channelGroup: '地推', size: 3, cap: 40, tags: ['新客', '基金'], text: '感谢参加社区金融节！新人专享福利已为您预留，回复"福利"领取。' },
] as const

/**
 * Seeds the demo bank once: the org and tag library in the sandbox (synced into Pond like a real corp),
 * five channel live codes, historic customers imported from WeCom through batch/get_by_user, and a running
 * fission activity.
 */
export async function seedDemo(app: PondApp, sim: Sim, opts: { customers: number }): Promise<boolean> {
  const actor = systemActor(app.corp.id)
  if ((await app.acquisition.list(actor, { limit: 1 })).total > 0) return false
  if (sim.world.stats().employees === 0) seedDemoBank(sim.world, { seed: 7 })
  await app.syncFromWeCom()
  const employees = await app.org.listActiveEmployees(app.corp.id)
  const tagIds = new Map((await app.customers.listTags(actor)).groups.flatMap((g) => g.tags.map((t) => [t.name, t.id] as const)))
  const ways: { configId: string; state: string; userids: string[] }[] = []
  for (const [i, ch] of CHANNELS.entries()) {
    const members = employees.slice(i * 6, i * 6 + ch.size)
    const code = await app.acquisition.create(actor, {
      name: ch.name, channelGroup: ch.channelGroup, skipVerify: true, remark: '演示数据',
      employees: members.map((e) => ({ employeeId: e.id, dailyCap: ch.cap })), backupEmployeeId: employees[40]?.id ?? null,
      tagIds: ch.tags.flatMap((t) => tagIds.get(t) ?? []),
      welcome: { text: ch.text, attachments: [{ type: 'link', title: '示例银行 · 本周精选', url: 'https://example.com/bank/weekly', desc: '理财、基金、信用卡优惠一览' }] },
    })
    ways.push({ configId: code.configId!, state: code.state, userids: members.map((m) => m.wecomUserId) })
  }
  seedDemoCustomers(sim.world, { count: opts.customers, contactWays: ways, seed: 11, since: new Date(app.clock().getTime() - 90 * 86_400_000) })
  await app.customersSync.importCustomers(app.corp.id, app.wecom)
  await seedDemoFission(app, employees.map((e) => e.id), tagIds.get('新客') ?? null)
  return true
}

/** A running 邀请有礼 activity with a dozen initiators (PRODUCT §6); the demo traffic scans their posters. */
async function seedDemoFission(app: PondApp, employeeIds: string[], completionTagId: string | null) {
  const actor = systemActor(app.corp.id)
  const now = app.clock().getTime()
  const activity = await app.fission.create(actor, {
    name: '邀请好友领好礼', startsAt: new Date(now - 60_000), endsAt: new Date(now + 30 * 86_400_000),
    rules: '1. 邀请 3 位好友扫码添加客户经理，即可领取定制保温杯\n2. 邀请 8 位好友，可领取高级礼盒\n3. 每位好友只能助力一次，老客户助力不计入',
    scripts: { employee: '您好，我行邀请有礼活动开始啦，邀请好友添加客户经理即可领取好礼。', customer: '帮我扫一下码，添加客户经理，一起领好礼！' },
    tiers: [
      { level: 1, threshold: 3, prizeName: '定制保温杯', stock: 50, completionTagId, unitPriceFen: 3500 },
      { level: 2, threshold: 8, prizeName: '高级礼盒', stock: 10, completionTagId: null, unitPriceFen: 12000 },
    ],
    helperEmployeeIds: employeeIds.slice(0, 3),
    welcome: {
      counted: '感谢助力！你也可以发起自己的邀请，一起领好礼。',
      refused: { default: '本次助力未计入，欢迎发起你自己的邀请活动。', variants: [{ reason: 'not_new_customer', text: '老朋友的助力不计入哦，欢迎发起你自己的邀请活动。' }] },
    },
    helpRules: { newCustomersOnly: true, churnHours: 48 }, velocity: { maxHelps: 30, withinSeconds: 60 },
    participants: { departmentIds: [], employeeIds: employeeIds.slice(0, 12) }, recommendedSegmentId: null, poster: null,
  })
  await app.fission.schedule(actor, activity.id)
  for (const c of (await app.customers.list(actor, { limit: 12 })).items) await app.fission.join(actor, activity.id, c.id)
}

/** Share of demo scans by a known person under a second external_userid (same unionid): Pond keeps one customer. */
const SECOND_IDENTITY = 0.05

/** Share of demo scans that are a friend scanning a fission initiator's poster. */
const FISSION_SCAN = 0.3

/** Keeps customers scanning the demo live codes and fission posters, so the console moves while Pond runs in demo mode. */
export function startDemoTraffic(app: PondApp, sim: Sim, everySeconds: number): () => void {
  if (everySeconds <= 0) return () => {}
  const actor = systemActor(app.corp.id)
  const scanPoster = async () => {
    const running = (await app.fission.list(actor)).items.find((a) => a.status === 'running')
    const ways = running ? (await app.fission.participants(actor, running.id, { limit: 50 })).items.filter((p) => p.configId) : []
    const way = ways[Math.floor(Math.random() * ways.length)]
    if (way) await sim.world.scan({ configId: way.configId! })
    return !!way
  }
  const tick = async () => {
    if (Math.random() < FISSION_SCAN && await scanPoster()) return
    const codes = (await app.acquisition.list(actor, { limit: 20 })).items.filter((c) => c.configId)
    const code = codes[Math.floor(Math.random() * codes.length)]
    if (!code) return
    const [known] = Math.random() < SECOND_IDENTITY ? sim.world.listCustomers(Math.floor(Math.random() * sim.world.stats().customers), 1) : []
    const customer = known ? { externalUserId: sim.world.addSecondIdentity(known.externalUserId).externalUserId } : undefined
    await sim.world.scan({ configId: code.configId!, ...(customer ? { customer } : {}) })
  }
  const timer = setInterval(() => { tick().catch((err) => app.log.warn({ err }, 'demo scan failed')) }, everySeconds * 1000)
  return () => clearInterval(timer)
}
