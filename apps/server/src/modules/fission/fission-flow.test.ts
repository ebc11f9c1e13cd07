import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callbacksProcessed, contactEventXml, eventually, sealCallback, testApp, type TestApp } from '../../testing/test-app'

let t: TestApp
let owner: { id: string; wecomUserId: string }
let helperA: { id: string; wecomUserId: string }
let helperB: { id: string; wecomUserId: string }
beforeAll(async () => {
  t = await testApp()
  ;[owner, helperA, helperB] = await employees(3)
})
afterAll(async () => { await t?.close() })

const base = '/api/fission/activities'

async function employees(n: number) {
  const res = await t.api('GET', '/api/org/employees?limit=50&status=1')
  return (res.json().items as { id: string; wecomUserId: string }[]).slice(0, n)
}

/** A customer Pond knows: they added the owner (or `userid`) through a way that is no live code. */
async function knownCustomer(name?: string, userid = owner.wecomUserId) {
  const way = t.sim.world.addContactWay({ user: [userid], state: 'branch-desk' })
  const scan = await t.sim.world.scan({ configId: way.configId, customer: name ? { name } : undefined })
  const c = await eventually(async () => (await t.api('GET', `/api/customers?q=${scan.externalUserId}`)).json().items[0] as { id: string } | undefined, 'customer stored')
  return { id: c.id, externalUserId: scan.externalUserId }
}

const hour = 3600_000
const activity = (over: Record<string, unknown> = {}) => ({
  name: '邀请好友领好礼',
  startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString(),
  rules: '邀请 3 位好友添加客户经理即可领取', scripts: { employee: '您好，邀请您参加…', customer: '帮我扫一下码吧' },
  tiers: [{ level: 1, threshold: 3, prizeName: '定制帆布袋', stock: 10 }],
  helperEmployeeIds: [helperA.id, helperB.id],
  welcome: { counted: '助力成功！你也可以发起自己的活动', refused: { default: '助力未成功，欢迎发起你自己的活动', variants: [{ reason: 'already_helped', text: '你已经助力过啦，欢迎发起你自己的活动' }] } },
  helpRules: { newCustomersOnly: true, churnHours: 48 },
  ...over,
})

async function running(body: Record<string, unknown>) {
  const created = await t.api('POST', base, body)
  expect(created.statusCode).toBe(201)
  const scheduled = await t.api('POST', `${base}/${created.json().id}/schedule`)
  expect(scheduled.json().status).toBe('running')
  return scheduled.json() as { id: string; tiers: { level: number; stockLeft: number }[] }
}

type Participant = { id: string; customerId: string; configId: string; state: string; helpCount: number; invitedByParticipantId: string | null; completions: { id: string; level: number; status: string; redemptionCode: string | null }[] }
async function join(activityId: string, customerId: string): Promise<Participant> {
  const res = await t.api('POST', `${base}/${activityId}/participants`, { customerId })
  expect(res.statusCode).toBe(200)
  return res.json()
}
async function participants(activityId: string): Promise<Participant[]> {
  return (await t.api('GET', `${base}/${activityId}/participants?limit=200`)).json().items
}
type Help = { id: string; participantId: string; status: string; reason: string | null; helperExternalUserId: string; helperCustomerId: string }
const helpsOf = async (activityId: string): Promise<Help[]> => (await t.api('GET', `${base}/${activityId}/helps?limit=200`)).json().items
const waitHelps = (activityId: string, n: number) => eventually(async () => { const h = await helpsOf(activityId); return h.length >= n ? h : undefined }, `${n} helps`)
const scanAs = (configId: string, externalUserId?: string) => t.sim.world.scan({ configId, ...(externalUserId ? { customer: { externalUserId } } : {}) })

describe('fission: configuration', () => {
  it('refuses bad configuration with stable codes', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ endsAt: new Date(Date.now() - 2 * hour).toISOString() }, 422, 'fission.config.ends_before_starts'],
      [{ tiers: [{ level: 1, threshold: 3, prizeName: 'a', stock: 1 }, { level: 2, threshold: 3, prizeName: 'b', stock: 1 }] }, 422, 'fission.config.tiers_not_increasing'],
      [{ tiers: [{ level: 2, threshold: 3, prizeName: 'a', stock: 1 }] }, 422, 'fission.config.tier_levels'],
      [{ poster: { backgroundUrl: 'https://example.com/bg.png', width: 750, height: 1334, qr: { x: 600, y: 1000, size: 200 } } }, 422, 'fission.config.qr_outside_poster'],
      [{ poster: { backgroundUrl: 'https://example.com/bg.png', width: 750, height: 1334, qr: { x: 500, y: 1000, size: 200 }, avatar: { x: 520, y: 1020, size: 60 } } }, 422, 'fission.config.poster_invalid'],
      [{ helperEmployeeIds: ['00000000-0000-4000-8000-000000000000'] }, 422, 'fission.config.employee_inactive'],
      [{ tiers: [] }, 400, 'request.invalid'],
      [{ tiers: [{ level: 1, threshold: 3, prizeName: 'a', stock: -1 }] }, 400, 'request.invalid'],
      [{ helperEmployeeIds: [] }, 400, 'request.invalid'],
    ]
    for (const [over, status, code] of cases) {
      const res = await t.api('POST', base, activity(over))
      expect({ over, status: res.statusCode, code: res.json().error?.code }).toEqual({ over, status, code })
    }
    const ok = await t.api('POST', base, activity({ poster: { backgroundUrl: 'https://example.com/bg.png', width: 750, height: 1334, qr: { x: 500, y: 1000, size: 250 }, avatar: { x: 40, y: 40, size: 96 }, name: { x: 150, y: 60, fontSize: 32 } } }))
    expect(ok.statusCode).toBe(201)
    const past = (await t.api('POST', base, activity({ startsAt: new Date(Date.now() - 3 * hour).toISOString(), endsAt: new Date(Date.now() - hour).toISOString() }))).json()
    expect((await t.api('POST', `${base}/${past.id}/schedule`)).json().error.code).toBe('fission.config.ends_in_past')
    expect((await t.api('DELETE', `${base}/${past.id}`)).statusCode).toBe(204)
    expect(ok.json()).toMatchObject({ status: 'draft', tiers: [{ level: 1, threshold: 3, stockTotal: 10, stockLeft: 10 }] })
  })

  it('moves through its states; ending early, extending and stock top-ups are audited; archiving deletes the personal ways', async () => {
    const created = (await t.api('POST', base, activity({ startsAt: new Date(Date.now() + hour).toISOString() }))).json()
    const scheduled = (await t.api('POST', `${base}/${created.id}/schedule`)).json()
    expect(scheduled.status).toBe('scheduled')
    expect((await t.api('PUT', `${base}/${created.id}`, activity())).json().error?.code).toBe('fission.activity.not_editable')
    // Warm-up: pre-registration without a QR.
    const c = await knownCustomer()
    const pre = await join(created.id, c.id)
    expect(pre.configId).toBeNull()
    const newEnd = new Date(Date.now() + 48 * hour).toISOString()
    expect((await t.api('POST', `${base}/${created.id}/extend`, { endsAt: new Date(Date.now() + hour / 2).toISOString() })).json().error?.code).toBe('fission.config.extend_not_later')
    expect((await t.api('POST', `${base}/${created.id}/extend`, { endsAt: newEnd })).json().endsAt).toBe(newEnd)
    expect((await t.api('POST', `${base}/${created.id}/tiers/1/stock`, { add: 5, note: '追加' })).json().tiers[0]).toMatchObject({ stockTotal: 15, stockLeft: 15 })
    expect((await t.api('POST', `${base}/${created.id}/archive`)).json().error?.code).toBe('fission.activity.bad_transition')

    const a = await running(activity())
    const p = await join(a.id, c.id)
    expect(t.sim.world.getContactWay(p.configId)).toBeDefined()
    expect((await t.api('POST', `${base}/${a.id}/end`)).json().status).toBe('ended')
    expect((await t.api('POST', `${base}/${a.id}/participants`, { customerId: c.id })).json().error?.code).toBe('fission.activity.not_joinable')
    expect(t.sim.world.getContactWay(p.configId)).toBeDefined()            // late scanners are still told why
    expect((await t.api('POST', `${base}/${a.id}/archive`)).json().status).toBe('archived')
    await eventually(async () => t.sim.world.getContactWay(p.configId) === undefined, 'personal way deleted')

    const log = (await t.api('GET', `${base}/${created.id}/audit`)).json()
    const operatorActions = (entries: { action: string }[]) => entries.map((e) => e.action).filter((x) => !x.startsWith('employees_reminded'))   // the reminder job's, racing
    expect(operatorActions(log.entries)).toEqual(['created', 'scheduled', 'extended', 'stock_top_up'])
    expect(log.ledger.map((l: { reason: string; delta: number }) => [l.reason, l.delta])).toEqual([['initial', 10], ['top_up', 5]])
    expect(operatorActions((await t.api('GET', `${base}/${a.id}/audit`)).json().entries)).toEqual(['created', 'scheduled', 'ended_early', 'archived'])
  })
})

describe('fission: time', () => {
  it('the minute job moves it on: scheduled → running (pre-registered initiators get their way) → ended → archived a week later, ways deleted', async () => {
    const staff = await employees(6)
    const picked = staff[5]!
    const active = await t.app.org.listActiveEmployees(t.app.corp.id)
    const inDept = active.find((e) => e.id !== picked.id && e.departmentIds[0] !== 1)!
    const dept = { id: inDept.departmentIds[0]! }
    const created = (await t.api('POST', base, activity({ startsAt: new Date(Date.now() + hour).toISOString(), participants: { employeeIds: [picked.id], departmentIds: [dept.id] } }))).json()
    expect((await t.api('POST', `${base}/${created.id}/schedule`)).json().status).toBe('scheduled')
    for (const userid of [picked.wecomUserId, inDept.wecomUserId]) {
      await eventually(async () => t.sim.world.employeeInbox(userid).some((m) => JSON.stringify(m).includes('将于')), `warm-up reminder to ${userid}`)
    }
    const c = await knownCustomer()
    const pre = await join(created.id, c.id)
    expect(pre.configId).toBeNull()
    const status = async () => (await t.api('GET', `${base}/${created.id}`)).json().status as string
    const move = async (startsAt: number, endsAt: number) => {
      await sql`update fission_activity set starts_at = ${new Date(startsAt)}, ends_at = ${new Date(endsAt)} where id = ${created.id}`.execute(t.app.db)
      await t.app.fission.tick()
    }
    await move(Date.now() - hour, Date.now() + hour)
    expect(await status()).toBe('running')
    await eventually(async () => t.sim.world.employeeInbox(picked.wecomUserId).some((m) => JSON.stringify(m).includes('已开始')), 'start reminder')
    const p = await join(created.id, c.id)
    expect(p.id).toBe(pre.id)
    expect(t.sim.world.getContactWay(p.configId)!.state).toBe(p.state)
    await move(Date.now() - 2 * hour, Date.now() - 1000)
    expect(await status()).toBe('ended')
    await t.app.fission.tick()
    expect(await status()).toBe('ended')                                      // the grace week
    expect(t.sim.world.getContactWay(p.configId)).toBeDefined()
    await move(Date.now() - 20 * 24 * hour, Date.now() - 8 * 24 * hour)
    expect(await status()).toBe('archived')
    await eventually(async () => t.sim.world.getContactWay(p.configId) === undefined, 'personal way deleted')
    expect((await t.api('GET', `${base}/${created.id}/audit`)).json().entries.map((e: { action: string }) => e.action)).toEqual(['created', 'scheduled', 'employees_reminded_scheduled', 'started', 'employees_reminded_started', 'ended', 'archived'])
  })
})

describe('fission: initiator, helpers, prize (through the sandbox)', () => {
  it('three friends scan the personal way: tier reached, stock reserved, employee told, redeemed exactly once', async () => {
    const groups = (await t.api('GET', '/api/tags')).json().groups as { tags: { id: string; name: string }[] }[]
    const tag = groups[0]!.tags[0]!
    const a = await running(activity({ tiers: [{ level: 1, threshold: 3, prizeName: '定制帆布袋', stock: 10, completionTagId: tag.id }, { level: 2, threshold: 5, prizeName: '保温杯', stock: 2 }] }))
    const initiator = await knownCustomer('李发起')
    const p = await join(a.id, initiator.id)
    expect(p.state).toMatch(/^fi:[A-Za-z0-9]{12}$/)
    expect((await join(a.id, initiator.id)).id).toBe(p.id)                      // idempotent
    const way = t.sim.world.getContactWay(p.configId)!
    expect(way).toMatchObject({ state: p.state, skipVerify: true })
    expect([...way.user].sort()).toEqual([helperA.wecomUserId, helperB.wecomUserId].sort())

    const friends = []
    for (let i = 0; i < 3; i++) friends.push(await scanAs(p.configId))
    const helps = await waitHelps(a.id, 3)
    expect(helps.map((h) => h.status)).toEqual(['counted', 'counted', 'counted'])
    const [after] = await participants(a.id)
    expect(after!.helpCount).toBe(3)
    expect(after!.completions).toMatchObject([{ level: 1, status: 'reserved' }])
    const code = after!.completions[0]!.redemptionCode!
    expect(code).toMatch(/^[A-Z2-9]{10}$/)
    expect((await t.api('GET', `${base}/${a.id}`)).json().tiers.map((x: { stockLeft: number }) => x.stockLeft)).toEqual([9, 2])
    const profile = (await t.api('GET', `/api/customers/${initiator.id}`)).json()
    expect(profile.tags.map((x: { id: string }) => x.id)).toContain(tag.id)                // completion tag

    for (const f of friends) {
      const inbox = await eventually(async () => { const m = t.sim.world.customerInbox(f.externalUserId); return m.length ? m : undefined }, 'helper welcome')
      expect(inbox[0]).toMatchObject({ kind: 'welcome', text: '助力成功！你也可以发起自己的活动' })
    }
    const ownerInbox = await eventually(async () => t.sim.world.employeeInbox(owner.wecomUserId).find((m) => JSON.stringify(m).includes(code)), 'employee told to redeem')
    expect(JSON.stringify(ownerInbox)).toContain('定制帆布袋')
    expect(JSON.stringify(ownerInbox)).toContain('客户 李发起 已完成第 1 级')

    const redeemed = await t.api('POST', `${base}/${a.id}/redemptions`, { code, address: { name: '李发起', phone: '13800000000', address: '上海市浦东新区' } })
    expect(redeemed.statusCode).toBe(200)
    expect(redeemed.json()).toMatchObject({ level: 1, status: 'redeemed' })
    const again = await t.api('POST', `${base}/${a.id}/redemptions`, { code })
    expect([again.statusCode, again.json().error?.code]).toEqual([409, 'fission.redemption.already_redeemed'])
    expect((await t.api('POST', `${base}/${a.id}/redemptions`, { code: 'NOSUCHCODE' })).json().error?.code).toBe('fission.redemption.not_found')

    const funnel = (await t.api('GET', `${base}/${a.id}/funnel`)).json()
    expect(funnel).toMatchObject({ participatingEmployees: 1, participants: 1, completed: 1, newCustomers: 3, counted: 3, prizesReserved: 1, prizesRedeemed: 1 })
  })

  it('refuses each broken rule with its reason and tells the helper why', async () => {
    const a = await running(activity({ tiers: [{ level: 1, threshold: 2, prizeName: '红包', stock: 5 }] }))
    const initiator = await knownCustomer()
    const other = await knownCustomer()
    const p = await join(a.id, initiator.id)
    const q = await join(a.id, other.id)

    await scanAs(p.configId, initiator.externalUserId)                    // self_help
    const existing = await knownCustomer()
    await scanAs(p.configId, existing.externalUserId)                     // not_new_customer
    const f1 = await scanAs(p.configId)
    await waitHelps(a.id, 3)
    await scanAs(q.configId, f1.externalUserId)                           // already_helped (helped p)
    await scanAs(p.configId)                                              // counted: p finished
    await waitHelps(a.id, 5)
    await scanAs(p.configId)                                              // initiator_finished
    await waitHelps(a.id, 6)
    expect((await t.api('POST', `${base}/${a.id}/end`)).statusCode).toBe(200)
    await scanAs(q.configId)                                              // activity_not_running
    const helps = await waitHelps(a.id, 7)
    const reasons = helps.filter((h) => h.status === 'refused').map((h) => h.reason).sort()
    expect(reasons).toEqual(['activity_not_running', 'already_helped', 'initiator_finished', 'not_new_customer', 'self_help'])
    expect(helps.filter((h) => h.status === 'counted')).toHaveLength(2)
    const texts = await eventually(async () => {
      const m = t.sim.world.customerInbox(f1.externalUserId)
      return m.length === 2 ? m.map((x) => (x as { text: string }).text) : undefined
    }, 'two welcomes for the double helper')
    expect(texts).toEqual(['助力成功！你也可以发起自己的活动', '你已经助力过啦，欢迎发起你自己的活动'])
    const funnel = (await t.api('GET', `${base}/${a.id}/funnel`)).json()
    expect(funnel.refused).toEqual({ activity_not_running: 1, already_helped: 1, initiator_finished: 1, not_new_customer: 1, self_help: 1 })
  })

  it('blacklisted helpers are refused; a burst is held until the operator restores it; voiding recounts', async () => {
    const a = await running(activity({ helpRules: { newCustomersOnly: false, churnHours: 48 }, velocity: { maxHelps: 2, withinSeconds: 3600 }, tiers: [{ level: 1, threshold: 3, prizeName: '红包', stock: 5 }] }))
    const initiator = await knownCustomer()
    const p = await join(a.id, initiator.id)
    const cheat = await knownCustomer()
    expect((await t.api('POST', '/api/fission/blacklist', { customerId: cheat.id, reason: '批量小号' })).statusCode).toBe(201)
    expect((await t.api('PUT', `/api/fission/blacklist/${cheat.id}`, { appealNote: '客户来电申诉，核实中' })).json().appealNote).toBe('客户来电申诉，核实中')
    await scanAs(p.configId, cheat.externalUserId)
    await waitHelps(a.id, 1)
    for (let i = 0; i < 3; i++) await scanAs(p.configId)
    const helps = await waitHelps(a.id, 4)
    expect(helps.map((h) => [h.status, h.reason]).sort()).toEqual([['counted', null], ['counted', null], ['held', 'velocity_hold'], ['refused', 'blacklisted']])
    expect((await participants(a.id))[0]!.helpCount).toBe(2)

    const held = helps.find((h) => h.status === 'held')!
    const restored = await t.api('POST', `${base}/${a.id}/helps/${held.id}/restore`)
    expect(restored.json()).toMatchObject({ status: 'counted', helpCount: 3 })
    expect((await participants(a.id))[0]!.completions).toMatchObject([{ level: 1, status: 'reserved' }])
    const counted = helps.find((h) => h.status === 'counted')!
    expect((await t.api('POST', `${base}/${a.id}/helps/${counted.id}/void`)).json()).toMatchObject({ status: 'voided', helpCount: 2 })
    expect((await t.api('POST', `${base}/${a.id}/helps/${counted.id}/void`)).json().error?.code).toBe('fission.help.bad_transition')
    expect((await participants(a.id))[0]!.completions).toHaveLength(1)         // a completed tier stays completed
    expect((await t.api('GET', '/api/fission/blacklist')).json().items.map((b: { customerId: string }) => b.customerId)).toContain(cheat.id)
  })

  it('a helper who deletes the employee within churnHours loses the help; a helper starts their own (chain fission)', async () => {
    const a = await running(activity({ tiers: [{ level: 1, threshold: 1, prizeName: '红包', stock: 5 }] }))
    const initiator = await knownCustomer()
    const p = await join(a.id, initiator.id)
    const friend = await scanAs(p.configId)
    await eventually(async () => (await participants(a.id))[0]!.helpCount === 1, 'help counted')

    // Chain: the friend joins as an initiator and brings their own helper.
    const friendCustomer = (await t.api('GET', `/api/customers?q=${friend.externalUserId}`)).json().items[0] as { id: string }
    const fp = await join(a.id, friendCustomer.id)
    expect(fp.invitedByParticipantId).toBe(p.id)
    await scanAs(fp.configId)
    await eventually(async () => (await participants(a.id)).find((x) => x.id === fp.id)!.helpCount === 1, 'chain help counted')
    expect((await t.api('GET', `${base}/${a.id}/funnel`)).json()).toMatchObject({ participants: 2, chainInitiators: 1, completed: 2 })

    await t.sim.world.customerDeletesEmployee(friend.externalUserId, friend.userid)
    const revoked = await eventually(async () => (await helpsOf(a.id)).find((h) => h.helperExternalUserId === friend.externalUserId && h.status === 'revoked'), 'help revoked')
    expect(revoked.reason).toBeNull()
    const after = (await participants(a.id)).find((x) => x.id === p.id)!
    expect(after.helpCount).toBe(0)
    expect(after.completions).toMatchObject([{ level: 1, status: 'reserved' }])     // completed stays completed, prize kept
    expect((await t.api('GET', `${base}/${a.id}/funnel`)).json()).toMatchObject({ counted: 1, revoked: 1, newCustomers: 2, netNewCustomers: 1 })
  })
})

describe('fission: helps never wait for WeCom', () => {
  it('counts helps while externalcontact/get is refused (45009); the helpers\' profiles arrive once WeCom answers', async () => {
    const a = await running(activity({ tiers: [{ level: 1, threshold: 2, prizeName: '红包', stock: 5 }] }))
    const p = await join(a.id, (await knownCustomer()).id)
    const stopRefusing = t.sim.failCalls({ api: '/externalcontact/get', errcode: 45009 })
    try {
      const friends = [await t.sim.world.scan({ configId: p.configId, customer: { name: '王小明' } }), await t.sim.world.scan({ configId: p.configId, customer: { name: '李小红' } })]
      await eventually(async () => (await participants(a.id))[0]!.completions.length === 1, 'tier reached without a profile read')
      const pending = await t.app.db.selectFrom('customer').select(['name', 'profilePending'])
        .where('externalUserId', 'in', friends.map((f) => f.externalUserId)).execute()
      expect(pending).toEqual([{ name: '', profilePending: true }, { name: '', profilePending: true }])
    } finally {
      stopRefusing()
    }
    const filled = await eventually(async () => {
      const rows = await t.app.db.selectFrom('customer').select(['name', 'profilePending']).where('name', 'in', ['王小明', '李小红']).orderBy('name').execute()
      return rows.length === 2 && rows.every((r) => !r.profilePending) ? rows : undefined
    }, 'profiles read once WeCom answers')
    expect(filled.map((r) => r.name).sort()).toEqual(['李小红', '王小明'])
    const helps = await helpsOf(a.id)
    expect(helps.map((h) => h.status)).toEqual(['counted', 'counted'])
    // Both sides see it on their timelines: the helper's help, the initiator's tier.
    const kinds = async (customerId: string) => ((await t.api('GET', `/api/customers/${customerId}/timeline?limit=50`)).json().items as { kind: string; employeeName: string | null; data: Record<string, unknown> }[])
    // One entry is the help and the add alike: the employee added, the State, new to the corp.
    const helperEntries = (await kinds(helps[0]!.helperCustomerId)).filter((e) => e.kind === 'added' || e.kind === 'fission_help')
    expect(helperEntries).toEqual([expect.objectContaining({ kind: 'fission_help', employeeName: expect.any(String), data: expect.objectContaining({ activityId: a.id, status: 'counted', isNewCustomer: true, state: expect.stringMatching(/^fi:/) }) })])
    const initiatorId = (await participants(a.id))[0]!.customerId
    expect((await kinds(initiatorId)).find((e) => e.kind === 'fission_completed')?.data).toMatchObject({ activityId: a.id, level: 1, status: 'reserved' })
  })

  it('a helper\'s delete arriving before their add: the help is churned on arrival, the count never rises', async () => {
    const a = await running(activity())
    const p = await join(a.id, (await knownCustomer()).id)
    const helper = t.sim.world.addCustomer({ name: '赵先到' })
    const userid = (await t.api('GET', `${base}/${a.id}`)).json().helperEmployeeIds as string[]
    const employee = (await t.app.org.findEmployeesByIds(t.app.db, t.app.corp.id, userid))[0]!
    const at = Math.floor(Date.now() / 1000)
    const deliver = async (xml: string) => {
      const { url, body } = sealCallback(xml)
      expect((await t.app.http.inject({ method: 'POST', url, payload: body, headers: { 'content-type': 'text/xml' } })).statusCode).toBe(200)
    }
    // WeCom delivered the delete first (and Pond processed it), then the add of one second earlier.
    await deliver(contactEventXml({ changeType: 'del_follow_user', userid: employee.wecomUserId, externalUserId: helper.externalUserId, createTime: at }))
    await callbacksProcessed(t.app, helper.externalUserId)
    await deliver(contactEventXml({ changeType: 'add_external_contact', userid: employee.wecomUserId, externalUserId: helper.externalUserId, state: p.state, createTime: at - 1 }))
    const [help] = await waitHelps(a.id, 1)
    expect(help).toMatchObject({ status: 'revoked', helperExternalUserId: helper.externalUserId })
    expect((await participants(a.id))[0]!.helpCount).toBe(0)
  })
})

describe('fission: adds whose callbacks never arrived', () => {
  it('are found by the next sync and decided like any help, once; an add decided from its callback is not decided again', async () => {
    const a = await running(activity({ tiers: [{ level: 1, threshold: 2, prizeName: '红包', stock: 5 }] }))
    const p = await join(a.id, (await knownCustomer()).id)
    const scanned = await scanAs(p.configId)                           // this one's callback arrives
    await waitHelps(a.id, 1)
    // WeCom gave up on this one's callback (Pond was unreachable): only the relation exists in WeCom.
    const lost = t.sim.world.addCustomer({ name: '回调丢失' })
    t.sim.world.addFollow({ userid: helperB.wecomUserId, externalUserId: lost.externalUserId, state: p.state })
    await t.app.customersSync.importCustomers(t.app.corp.id, t.app.wecom)
    await t.app.customersSync.importCustomers(t.app.corp.id, t.app.wecom)   // a second sync changes nothing
    const helps = await helpsOf(a.id)
    expect(helps.map((h) => [h.helperExternalUserId, h.status]).sort()).toEqual([[scanned.externalUserId, 'counted'], [lost.externalUserId, 'counted']].sort())
    const [after] = await participants(a.id)
    expect(after).toMatchObject({ helpCount: 2, completions: [{ level: 1, status: 'reserved' }] })
    expect(await t.app.fission.invariantViolations(a.id)).toEqual({ counts: [], stock: [] })
  })
})

describe('fission: concurrency, duplicates and crashes', () => {
  it('simultaneous helps: one initiator with stock 1 gets exactly one prize; five initiators racing for one prize: one wins', async () => {
    const a = await running(activity({ tiers: [{ level: 1, threshold: 3, prizeName: '唯一大奖', stock: 1 }] }))
    const initiator = await knownCustomer()
    const p = await join(a.id, initiator.id)
    await Promise.all(Array.from({ length: 12 }, () => scanAs(p.configId)))
    const helps = await waitHelps(a.id, 12)
    expect(helps.filter((h) => h.status === 'counted')).toHaveLength(3)
    expect(helps.filter((h) => h.reason === 'initiator_finished')).toHaveLength(9)
    const [done] = await participants(a.id)
    expect(done!.helpCount).toBe(3)
    expect(await t.app.fission.invariantViolations(a.id)).toEqual({ counts: [], stock: [] })
    expect(done!.completions).toMatchObject([{ level: 1, status: 'reserved' }])

    const b = await running(activity({ tiers: [{ level: 1, threshold: 1, prizeName: '唯一大奖', stock: 1 }] }))
    const racers = await Promise.all(Array.from({ length: 5 }, async () => join(b.id, (await knownCustomer()).id)))
    await Promise.all(racers.map((r) => scanAs(r.configId)))
    await waitHelps(b.id, 5)
    const all = await participants(b.id)
    const statuses = all.flatMap((x) => x.completions.map((c) => c.status)).sort()
    expect(statuses).toEqual(['out_of_stock', 'out_of_stock', 'out_of_stock', 'out_of_stock', 'reserved'])
    expect((await t.api('GET', `${base}/${b.id}`)).json().tiers[0].stockLeft).toBe(0)
    const ledger = (await t.api('GET', `${base}/${b.id}/audit`)).json().ledger as { reason: string; delta: number; stockLeft: number }[]
    expect(ledger).toEqual([{ level: 1, delta: 1, stockLeft: 1, reason: 'initial', completionId: null }, expect.objectContaining({ delta: -1, stockLeft: 0, reason: 'reserved' })])
    await eventually(async () => t.sim.world.employeeInbox(owner.wecomUserId).some((m) => JSON.stringify(m).includes('已无库存')), 'employee told: out of stock')

    // A top-up serves the initiators who completed while it was out, oldest first; the rest keep waiting.
    const topped = (await t.api('POST', `${base}/${b.id}/tiers/1/stock`, { add: 3 })).json()
    expect(topped.tiers[0]).toMatchObject({ stockTotal: 4, stockLeft: 0 })
    const served = (await participants(b.id)).flatMap((x) => x.completions.map((c) => c.status)).sort()
    expect(served).toEqual(['out_of_stock', 'reserved', 'reserved', 'reserved', 'reserved'])
    expect(await t.app.fission.invariantViolations(b.id)).toEqual({ counts: [], stock: [] })
    await sql`update fission_participant set help_count = 7 where id = ${racers[0]!.id}`.execute(t.app.db)      // the check can fail
    expect((await t.app.fission.invariantViolations(b.id)).counts).toEqual([expect.objectContaining({ id: racers[0]!.id, helpCount: 7 })])
    const reasons = ((await t.api('GET', `${base}/${b.id}/audit`)).json().ledger as { reason: string; stockLeft: number }[]).map((l) => [l.reason, l.stockLeft])
    expect(reasons).toEqual([['initial', 1], ['reserved', 0], ['top_up', 3], ['reserved', 2], ['reserved', 1], ['reserved', 0]])
  })

  it('a crash between "help recorded" and "tier completed" rolls both back; the retry records both once; a replayed callback changes nothing', async () => {
    const a = await running(activity({ tiers: [{ level: 1, threshold: 1, prizeName: '红包', stock: 3 }, { level: 2, threshold: 5, prizeName: '大礼包', stock: 1 }] }))
    const initiator = await knownCustomer()
    const p = await join(a.id, initiator.id)
    // The crash: completing the tier fails after the help row and the count were written in the same transaction.
    await sql`create function fission_test_crash() returns trigger language plpgsql as $$ begin raise exception 'crash before tier completion'; end $$;
      create trigger fission_test_crash before insert on fission_completion for each row execute function fission_test_crash()`.execute(t.app.db)
    const scan = await scanAs(p.configId)
    const inbox = await eventually(async () => (await sql<{ id: string; attempts: number; processedAt: Date | null; payload: string }>`
      select id, attempts, processed_at, payload from inbox_event where payload like ${'%' + scan.externalUserId + '%'} and payload like '%add_external_contact%'`.execute(t.app.db)).rows.find((r) => r.attempts > 0), 'failed attempt')
    expect(inbox.processedAt).toBeNull()
    expect(await helpsOf(a.id)).toEqual([])                                   // nothing half-done
    expect((await participants(a.id))[0]!.helpCount).toBe(0)
    expect((await t.api('GET', `${base}/${a.id}`)).json().tiers[0].stockLeft).toBe(3)

    await sql`drop trigger fission_test_crash on fission_completion; drop function fission_test_crash()`.execute(t.app.db)
    await t.app.inbox.process(inbox.id)                                       // the retry
    await t.app.inbox.process(inbox.id)                                       // a duplicate job
    // WeCom retries with the same plaintext: stored once, nothing changes.
    const post = (req: { url: string; body: string }) => t.app.http.inject({ method: 'POST', url: req.url, payload: req.body, headers: { 'content-type': 'text/xml' } })
    expect((await post(sealCallback(inbox.payload))).statusCode).toBe(200)
    // The same helper's add again, later (a re-add or a late duplicate event): refused as already helped.
    await post(sealCallback(contactEventXml({ changeType: 'add_external_contact', userid: scan.userid, externalUserId: scan.externalUserId, createTime: Math.floor(Date.now() / 1000) + 5, state: p.state })))
    const helps = await waitHelps(a.id, 2)
    expect(helps.map((h) => [h.status, h.reason])).toEqual([['refused', 'already_helped'], ['counted', null]])
    const [after] = await participants(a.id)
    expect(after!.helpCount).toBe(1)
    expect(after!.completions).toHaveLength(1)
    expect((await t.api('GET', `${base}/${a.id}`)).json().tiers[0].stockLeft).toBe(2)
    expect((await t.api('GET', `${base}/${a.id}/audit`)).json().ledger.filter((l: { reason: string }) => l.reason === 'reserved')).toHaveLength(1)
  })
})

describe('fission: permissions and data scope', () => {
  it('employees have no fission access; a manager sees only initiators followed in their subtree, counts included, and cannot write', async () => {
    const staff = await t.app.org.listActiveEmployees(t.app.corp.id)
    const byDept = new Map<number, typeof staff>()
    for (const e of staff) byDept.set(e.departmentIds[0]!, [...(byDept.get(e.departmentIds[0]!) ?? []), e])
    const [deptA, deptB] = [...byDept.values()].filter((list) => list.length >= 1 && !list.some((e) => [helperA.id, helperB.id].includes(e.id)))
    const [head, outsider] = [deptA![0]!, deptB![0]!]
    await t.app.org.createUser({ corpId: t.app.corp.id, username: 'fi-head', password: 'branch-head-pw', displayName: '部门负责人', role: 'department_manager', employeeId: head.id })
    await t.app.org.createUser({ corpId: t.app.corp.id, username: 'fi-am', password: 'account-manager', displayName: '客户经理', role: 'employee', employeeId: head.id })
    const managerCookie = await t.login('fi-head', 'branch-head-pw')
    const employeeCookie = await t.login('fi-am', 'account-manager')
    const as = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.http.inject({ method, url, payload, headers: { cookie } })

    const a = await running(activity({ tiers: [{ level: 1, threshold: 5, prizeName: '红包', stock: 5 }] }))
    const mine = await join(a.id, (await knownCustomer(undefined, head.wecomUserId)).id)
    const theirs = await join(a.id, (await knownCustomer(undefined, outsider.wecomUserId)).id)
    await scanAs(mine.configId)
    await scanAs(theirs.configId)
    await scanAs(theirs.configId)
    await waitHelps(a.id, 3)

    const denied = await as(employeeCookie, 'GET', base)
    expect([denied.statusCode, denied.json().error.code]).toEqual([403, 'auth.forbidden'])
    expect((await as(managerCookie, 'GET', `${base}/${a.id}/participants`)).json().items.map((x: { id: string }) => x.id)).toEqual([mine.id])
    expect((await as(managerCookie, 'GET', `${base}/${a.id}/helps`)).json().items.map((h: { participantId: string }) => h.participantId)).toEqual([mine.id])
    // Names come with the rows, only for customers in the viewer's scope: the helper added a helper employee outside it.
    expect((await as(managerCookie, 'GET', `${base}/${a.id}/participants`)).json().items[0].customerName).toEqual(expect.any(String))
    expect((await as(managerCookie, 'GET', `${base}/${a.id}/helps`)).json().items[0]).toMatchObject({ helperName: null, helperAvatar: null })
    expect((await t.api('GET', `${base}/${a.id}/helps`)).json().items.every((h: { helperName: string | null }) => typeof h.helperName === 'string')).toBe(true)
    expect((await as(managerCookie, 'GET', `${base}/${a.id}/funnel`)).json()).toMatchObject({ participants: 1, counted: 1, participatingEmployees: 1 })
    expect((await t.api('GET', `${base}/${a.id}/funnel`)).json()).toMatchObject({ participants: 2, counted: 3, participatingEmployees: 2 })
    expect((await as(managerCookie, 'POST', `${base}/${a.id}/participants`, { customerId: '1' })).statusCode).toBe(403)
    expect((await as(managerCookie, 'POST', `${base}/${a.id}/redemptions`, { code: 'ANY' })).statusCode).toBe(403)
    const ghost = await t.api('POST', `${base}/${a.id}/participants`, { customerId: '999999999' })
    expect([ghost.statusCode, ghost.json().error.code]).toEqual([404, 'fission.customer.not_found'])
    expect((await t.api('GET', `${base}/00000000-0000-4000-8000-000000000000`)).json().error.code).toBe('fission.activity.not_found')
  })
})
