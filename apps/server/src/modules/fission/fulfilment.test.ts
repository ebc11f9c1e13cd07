import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, testApp, type TestApp } from '../../testing/test-app'

let t: TestApp
type Employee = { id: string; wecomUserId: string; name: string; departmentIds: number[] }
let e1: Employee, e2: Employee, helpers: Employee[]
let am1: string, am2: string
beforeAll(async () => {
  t = await testApp()
  const staff = (await t.app.org.listActiveEmployees(t.app.corp.id)) as Employee[]
  // e1's department subtree takes part; e2 works elsewhere.
  for (const a of staff) {
    const subtree = await t.app.org.employeeIdsInSubtree(t.app.corp.id, a.departmentIds[0]!)
    const b = staff.find((x) => !subtree.includes(x.id))
    if (b && subtree.length < staff.length) { e1 = a; e2 = b; break }
  }
  helpers = staff.filter((e) => e !== e1 && e !== e2).slice(0, 1)
  await t.app.org.createUser({ corpId: t.app.corp.id, username: 'ff-am1', password: 'account-manager-1', displayName: '客户经理一', role: 'employee', employeeId: e1.id })
  await t.app.org.createUser({ corpId: t.app.corp.id, username: 'ff-am2', password: 'account-manager-2', displayName: '客户经理二', role: 'employee', employeeId: e2.id })
  am1 = await t.login('ff-am1', 'account-manager-1')
  am2 = await t.login('ff-am2', 'account-manager-2')
})
afterAll(async () => { await t?.close() })

const base = '/api/fission/activities'
const hour = 3600_000
const h5 = (method: 'GET' | 'POST', activityId: string, path: string, token: string, payload?: unknown) =>
  t.app.http.inject({ method, url: `/h5/api/fission/${activityId}${path}?t=${encodeURIComponent(token)}`, payload: payload as object })

async function knownCustomer(employee: Employee) {
  const way = t.sim.world.addContactWay({ user: [employee.wecomUserId], state: 'ff-desk' })
  const scan = await t.sim.world.scan({ configId: way.configId })
  const c = await eventually(async () => (await t.api('GET', `/api/customers?q=${scan.externalUserId}`)).json().items[0] as { id: string } | undefined, 'customer stored')
  return { id: c.id, externalUserId: scan.externalUserId }
}

/** A customer of `employee` who joins and gets one help: their tier-1 prize is reserved. */
async function completedInitiator(activityId: string, employee: Employee) {
  const customer = await knownCustomer(employee)
  const joined = (await t.api('POST', `${base}/${activityId}/participants`, { customerId: customer.id })).json() as { id: string; configId: string; employeeId: string }
  expect(joined.employeeId).toBe(employee.id)
  await t.sim.world.scan({ configId: joined.configId })
  const completion = await eventually(async () => {
    const p = (await t.api('GET', `${base}/${activityId}/participants?limit=200`)).json().items.find((x: { id: string }) => x.id === joined.id)
    return p?.completions[0] as { id: string; status: string } | undefined
  }, 'tier completed')
  const token = new URL((await t.api('POST', `${base}/${activityId}/links`, { customerId: customer.id })).json().url as string).searchParams.get('t')!
  return { customer, participantId: joined.id, completionId: completion.id, token }
}

describe('fission: prize fulfilment and 我的裂变', () => {
  let activityId: string, segmentId: string
  let claimed: Awaited<ReturnType<typeof completedInitiator>>, waiting: Awaited<ReturnType<typeof completedInitiator>>, other: Awaited<ReturnType<typeof completedInitiator>>
  const address = { name: '李雷', phone: '13800000000', address: '上海市浦东新区世纪大道 1 号' }

  beforeAll(async () => {
    segmentId = (await t.api('POST', '/api/segments', { name: '推荐客户', filters: {} })).json().id
    const created = await t.api('POST', base, {
      name: '奖品发放测试', startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString(),
      scripts: { employee: '您好，邀请您参加好友助力领好礼', customer: '帮我扫一下码吧' },
      tiers: [{ level: 1, threshold: 1, prizeName: '定制帆布袋', stock: 10 }],
      helperEmployeeIds: helpers.map((h) => h.id),
      welcome: { counted: '助力成功', refused: { default: '助力未成功' } },
      participants: { departmentIds: [e1.departmentIds[0]!] }, recommendedSegmentId: segmentId,
    })
    expect(created.statusCode).toBe(201)
    activityId = created.json().id
    expect((await t.api('POST', `${base}/${activityId}/schedule`)).json().status).toBe('running')
    claimed = await completedInitiator(activityId, e1)
    waiting = await completedInitiator(activityId, e1)
    other = await completedInitiator(activityId, e2)
    // The customers claim in H5, with a delivery address; `waiting` has not claimed yet.
    expect((await h5('POST', activityId, '/redemptions', claimed.token, { completionId: claimed.completionId, address })).statusCode).toBe(200)
    expect((await h5('POST', activityId, '/redemptions', other.token, { completionId: other.completionId })).statusCode).toBe(200)
  })

  it('lists claims with the address to the employee of the customer only; others get nothing and cannot fulfil (404)', async () => {
    const mine = await t.api('GET', `${base}/${activityId}/redemptions?status=redeemed`, undefined, am1)
    expect(mine.statusCode).toBe(200)
    expect(mine.json().items).toMatchObject([{ id: claimed.completionId, status: 'redeemed', prizeName: '定制帆布袋', level: 1, address, customer: { id: claimed.customer.id }, employeeId: e1.id, fulfilledAt: null }])
    const theirs = (await t.api('GET', `${base}/${activityId}/redemptions`, undefined, am2)).json().items as { id: string; address: unknown }[]
    expect(theirs.map((c) => [c.id, c.address])).toEqual([[other.completionId, null]])
    const all = (await t.api('GET', `${base}/${activityId}/redemptions?limit=1`)).json()
    expect(all.items).toHaveLength(1)
    const next = (await t.api('GET', `${base}/${activityId}/redemptions?limit=1&cursor=${all.nextCursor}`)).json()
    expect([...all.items, ...next.items].map((c: { id: string }) => c.id).sort()).toEqual([claimed.completionId, other.completionId].sort())
    const stolen = await t.api('POST', `${base}/${activityId}/completions/${claimed.completionId}/fulfil`, {}, am2)
    expect([stolen.statusCode, stolen.json().error.code]).toEqual([404, 'fission.redemption.not_found'])
    const bad = await t.api('GET', `${base}/${activityId}/redemptions?status=reserved`, undefined, am1)
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'request.invalid'])
  })

  it('fulfils exactly once (concurrent calls: one 200, one 409), audited; before the claim it is 409; the funnel and stock still add up', async () => {
    const early = await t.api('POST', `${base}/${activityId}/completions/${waiting.completionId}/fulfil`, {}, am1)
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'fission.redemption.not_redeemed'])
    const long = await t.api('POST', `${base}/${activityId}/completions/${claimed.completionId}/fulfil`, { note: 'x'.repeat(201) }, am1)
    expect([long.statusCode, long.json().error.code]).toEqual([400, 'request.invalid'])
    const url = `${base}/${activityId}/completions/${claimed.completionId}/fulfil`
    const tries = await Promise.all([t.api('POST', url, { note: '顺丰 SF123' }, am1), t.api('POST', url, { note: '顺丰 SF123' }, am1)])
    expect(tries.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect(tries.find((r) => r.statusCode === 200)!.json()).toMatchObject({ status: 'fulfilled', fulfilmentNote: '顺丰 SF123', address })
    expect(tries.find((r) => r.statusCode === 409)!.json().error.code).toBe('fission.redemption.already_fulfilled')
    const again = await t.api('POST', url, {}, t.adminCookie)
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'fission.redemption.already_fulfilled'])
    const audit = (await t.api('GET', `${base}/${activityId}/audit`)).json().entries.filter((e: { action: string }) => e.action === 'fulfilled')
    expect(audit).toHaveLength(1)
    expect(audit[0].data).toMatchObject({ completionId: claimed.completionId, note: '顺丰 SF123' })

    expect((await t.api('GET', `${base}/${activityId}/redemptions?status=redeemed`, undefined, am1)).json().items).toEqual([])
    expect((await t.api('GET', `${base}/${activityId}/redemptions?status=fulfilled`, undefined, am1)).json().items.map((c: { id: string }) => c.id)).toEqual([claimed.completionId])
    // The customer sees it handed over, and cannot claim it again.
    expect((await h5('GET', activityId, '/progress', claimed.token)).json().me.completions).toMatchObject([{ id: claimed.completionId, status: 'fulfilled' }])
    const reclaim = await h5('POST', activityId, '/redemptions', claimed.token, { completionId: claimed.completionId })
    expect([reclaim.statusCode, reclaim.json().error.code]).toEqual([409, 'fission.redemption.already_redeemed'])
    // Fulfilled is still a prize given: 3 reserved, 2 claimed (1 of them handed over), stock 10 − 3.
    expect((await t.api('GET', `${base}/${activityId}/funnel`)).json()).toMatchObject({ prizesReserved: 3, prizesRedeemed: 2, prizesFulfilled: 1, completed: 3 })
    expect((await t.api('GET', `${base}/${activityId}`)).json().tiers[0]).toMatchObject({ stockTotal: 10, stockLeft: 7 })
    expect(await t.app.fission.invariantViolations(activityId)).toEqual({ counts: [], stock: [] })
  })

  it('我的裂变: an employee of a participating department sees the activity with their rank and numbers; one outside does not', async () => {
    const mine = await t.api('GET', '/api/fission/mine', undefined, am1)
    expect(mine.statusCode).toBe(200)
    const item = mine.json().items.find((a: { id: string }) => a.id === activityId)
    expect(item).toMatchObject({ name: '奖品发放测试', status: 'running', script: '您好，邀请您参加好友助力领好礼', rank: 1, initiators: 2, helps: 2, completions: 2, hasRecommended: true })
    expect(item.ranked).toBeGreaterThanOrEqual(2)
    expect(item.prizesToFulfil).toBe(0)                                  // claimed one fulfilled above; the other not claimed
    expect(mine.json().employeeId).toBe(e1.id)
    // e2 is outside the departments and has no initiators of a fresh activity.
    const fresh = (await t.api('POST', base, {
      name: '部门专属', startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString(),
      tiers: [{ level: 1, threshold: 1, prizeName: '帆布袋', stock: 1 }], helperEmployeeIds: helpers.map((h) => h.id),
      welcome: { counted: '助力成功', refused: { default: '助力未成功' } }, participants: { departmentIds: [e1.departmentIds[0]!] },
    })).json()
    expect((await t.api('POST', `${base}/${fresh.id}/schedule`)).statusCode).toBe(200)
    const ids = (cookie: string) => t.api('GET', '/api/fission/mine', undefined, cookie).then((r) => r.json().items.map((a: { id: string }) => a.id) as string[])
    expect(await ids(am1)).toContain(fresh.id)
    expect(await ids(am2)).not.toContain(fresh.id)
    expect(await ids(am2)).toContain(activityId)                          // e2 has an initiator there
    expect((await t.api('GET', '/api/fission/mine')).json()).toEqual({ employeeId: null, items: [] })     // admin: no employee
  })

  it('recommended customers are the segment as the employee may see it, marked when joined; links only for their own customers', async () => {
    const spare = await knownCustomer(e1)
    const spare2 = await knownCustomer(e2)
    expect((await t.api('POST', `/api/segments/${segmentId}/materialize`)).statusCode).toBe(200)
    const own = async (e: Employee) => new Set((await sql<{ customerId: string }>`select customer_id from customer_follow where employee_id = ${e.id} and status = 'active'`.execute(t.app.db)).rows.map((r) => r.customerId))
    const page = async (cookie: string) => {
      const all: { id: string; joined: boolean; helpCount: number; name: string }[] = []
      let cursor: string | null = null
      do {
        const res = await t.api('GET', `${base}/${activityId}/recommended?limit=2${cursor ? `&cursor=${cursor}` : ''}`, undefined, cookie)
        expect(res.statusCode).toBe(200)
        all.push(...res.json().items); cursor = res.json().nextCursor
      } while (cursor)
      return all
    }
    const first = await page(am1)
    const mine = await own(e1)
    expect(first.length).toBeGreaterThanOrEqual(3)
    expect(first.every((c) => mine.has(c.id))).toBe(true)
    expect(first.map((c) => c.id)).not.toContain(spare2.id)
    expect(first.find((c) => c.id === claimed.customer.id)).toMatchObject({ joined: true, helpCount: 1 })
    expect(first.find((c) => c.id === spare.id)).toMatchObject({ joined: false, helpCount: 0 })
    expect((await page(am2)).map((c) => c.id)).toContain(spare2.id)

    const link = await t.api('POST', `${base}/${activityId}/links`, { customerId: spare.id }, am1)
    expect(link.statusCode).toBe(200)
    expect(link.json().url).toContain(`/h5/fission/${activityId}?t=`)
    const foreign = await t.api('POST', `${base}/${activityId}/links`, { customerId: spare2.id }, am1)
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([404, 'fission.customer.not_found'])
    const badCursor = await t.api('GET', `${base}/${activityId}/recommended?cursor=abc`, undefined, am1)
    expect([badCursor.statusCode, badCursor.json().error.code]).toEqual([400, 'request.cursor_invalid'])
  })
})
