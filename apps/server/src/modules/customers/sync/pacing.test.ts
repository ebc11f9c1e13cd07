import { seedDemoCustomers } from '@pond/wecom-sim'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, testApp, type TestApp } from '../../../testing/test-app'

// WeCom on a bad day: few concurrent calls allowed, a frequency limit, one employee WeCom keeps refusing.
// The sync must end with exactly WeCom's state, say what it retried and what it could not get, and never
// take a failed employee's missing customers for losses.

let t: TestApp
let userids: string[] = []
beforeAll(async () => {
  t = await testApp()
  userids = t.sim.world.listEmployees().map((e) => e.userid)
  seedDemoCustomers(t.sim.world, { count: 400, contactWays: [{ configId: 'historic', state: '', userids }], seed: 21, since: new Date(Date.now() - 30 * 86_400_000) })
  // Three persons who reached the bank under a second external_userid too, followed by someone else there.
  for (const [i, c] of t.sim.world.listCustomers(0, 3).entries()) {
    const second = t.sim.world.addSecondIdentity(c.externalUserId)
    t.sim.world.addFollow({ userid: userids[(i + 7) % userids.length]!, externalUserId: second.externalUserId, remarkMobiles: [`1880000000${i}`] })
  }
  t.app.customersSync.setPace({ maxConcurrency: 6, initial: 2, attempts: 8, baseDelayMs: 20 })
})
afterAll(async () => { await t?.close() })

type Run = { id: string; status: string; stats: Record<string, number>; failures: { userids: string[]; errcode: number; cursor: string | null; attempts: number }[]; error: string | null }
async function runSync(kind: 'import' | 'reconcile'): Promise<Run> {
  const started = await t.app.http.inject({ method: 'POST', url: '/api/customers/sync-runs', payload: { kind }, headers: { cookie: t.adminCookie } })
  expect(started.statusCode).toBe(202)
  return eventually(async () => {
    const runs = (await t.app.http.inject({ method: 'GET', url: '/api/customers/sync-runs', headers: { cookie: t.adminCookie } })).json().items as Run[]
    const run = runs.find((r) => r.id === started.json().id)!
    return ['succeeded', 'partial', 'failed'].includes(run.status) ? run : undefined
  }, `${kind} finished`, 120_000)
}

/** Pond's relations as "userid|unionid-or-id|mobiles", to compare with the sandbox's world. */
async function pondRelations(status = 'active') {
  const rows = (await sql<{ key: string }>`
    select e.wecom_user_id || '|' || coalesce(c.unionid, c.external_user_id) || '|' || array_to_string(f.remark_mobiles, ',') as key
    from customer_follow f join customer c on c.id = f.customer_id join employee e on e.id = f.employee_id where f.status = ${status}`.execute(t.app.db)).rows
  return rows.map((r) => r.key).sort()
}
function worldRelations() {
  const keys = new Set<string>()
  for (const userid of userids) {
    for (const f of t.sim.world.customers.followsOfUser(userid)) {
      const c = t.sim.world.getCustomer(f.externalUserId)!
      keys.add(`${userid}|${c.unionid ?? c.externalUserId}|${f.remarkMobiles.join(',')}`)
    }
  }
  return [...keys].sort()
}
const customerCount = async () => Number((await sql<{ n: string }>`select count(*) as n from customer`.execute(t.app.db)).rows[0]!.n)

describe('a full import against WeCom allowing 2 concurrent calls, with a pool of 6', () => {
  it('converges to exactly the sandbox world, one customer per person, and reports the 45033 retries', async () => {
    t.sim.setLatency(15)
    t.sim.setRateLimit({ concurrencyPerApi: 2 })
    t.app.customersSync.setPace({ maxConcurrency: 6, initial: 6, attempts: 8, baseDelayMs: 20 })   // starts pressing with all 6
    const run = await runSync('import')
    t.sim.setRateLimit({})
    t.app.customersSync.setPace({ maxConcurrency: 6, initial: 2, attempts: 8, baseDelayMs: 20 })
    expect(run.status, run.error ?? '').toBe('succeeded')
    expect(run.failures).toEqual([])
    expect(run.stats.customers).toBe(400)                             // persons, however many ids and followers
    expect(run.stats.retries45033).toBeGreaterThan(0)
    expect(run.stats.concurrencyEnd).toBeLessThan(6)                 // halved on 45033
    expect(await pondRelations()).toEqual(worldRelations())
    expect(await customerCount()).toBe(400)                           // 403 external_userids, 400 persons
    const aliases = Number((await sql<{ n: string }>`select count(*) as n from customer_external_id`.execute(t.app.db)).rows[0]!.n)
    expect(aliases).toBe(403)
    const withMobiles = (await pondRelations()).filter((k) => !k.endsWith('|')).length
    expect(withMobiles / worldRelations().length).toBeGreaterThan(0.5)

    const again = await runSync('import')
    expect(again.stats).toMatchObject({ relationsAdded: 0, tagsAdded: 0 })
    expect(await customerCount()).toBe(400)
  })

  it('waits out a frequency limit (45009) and still converges', async () => {
    const [someone] = userids
    t.sim.world.addFollow({ userid: someone!, externalUserId: t.sim.world.addCustomer({ name: '限频期间的客户' }).externalUserId })
    t.sim.setRateLimit({ perMinutePerApi: 3, windowMs: 300 })
    const run = await runSync('reconcile')
    t.sim.setRateLimit({})
    expect(run.status).toBe('succeeded')
    expect(run.stats.retries45009).toBeGreaterThan(0)
    expect(run.stats).toMatchObject({ relationsAdded: 1, relationsLost: 0 })
    expect(await pondRelations()).toEqual(worldRelations())
  })
})

describe('an employee WeCom keeps refusing', () => {
  it('ends the run partial naming that employee only, and marks none of their relations lost', async () => {
    const victim = userids[4]!
    const [gone] = t.sim.world.customers.followsOfUser(victim)
    t.sim.world.customers.removeFollow(victim, gone!.externalUserId)       // a real loss, hidden behind the failures
    const other = userids[9]!
    const [otherGone] = t.sim.world.customers.followsOfUser(other)
    t.sim.world.customers.removeFollow(other, otherGone!.externalUserId)
    const clear = t.sim.failCalls({ api: '/externalcontact/batch/get_by_user', errcode: -1, matches: (b) => (b.userid_list as string[]).includes(victim) })

    const run = await runSync('reconcile')
    expect(run.status).toBe('partial')
    expect(run.failures).toEqual([expect.objectContaining({ userids: [victim], employeeNames: [expect.stringMatching(/^[\u4e00-\u9fa5]+$/)], errcode: -1, cursor: null, attempts: 8 })])
    expect(run.stats).toMatchObject({ employeesFailed: 1, relationsLost: 1 })
    expect(run.stats.retriesBusy).toBeGreaterThan(0)
    expect(await pondRelations('deleted_by_employee')).toHaveLength(1)       // the other employee's, not the victim's

    clear()
    const next = await runSync('reconcile')
    expect(next.status).toBe('succeeded')
    expect(next.stats).toMatchObject({ relationsLost: 1, employeesFailed: 0 })
    expect(await pondRelations()).toEqual(worldRelations())
  })
})

describe('the sandbox\'s WeCom conditions, set from the console', () => {
  const put = (payload: object) => t.app.http.inject({ method: 'PUT', url: '/api/sandbox/wecom-conditions', payload, headers: { cookie: t.adminCookie } })

  it('refuses the chosen employees\' customers until cleared, and rejects bad conditions', async () => {
    const victim = userids[2]!
    expect((await put({ latencyMs: 0, concurrencyPerApi: null, perMinutePerApi: null, refuseUserids: [victim] })).statusCode).toBe(200)
    await expect(t.app.wecom.listCustomersByEmployees([victim], undefined, { paced: true })).rejects.toMatchObject({ errcode: -1 })
    expect((await t.app.wecom.listCustomersByEmployees([userids[3]!], undefined, { paced: true })).customers.length).toBeGreaterThan(0)
    expect((await put({ latencyMs: 0, concurrencyPerApi: null, perMinutePerApi: null, refuseUserids: [] })).statusCode).toBe(200)
    expect((await t.app.wecom.listCustomersByEmployees([victim], undefined, { paced: true })).customers.length).toBeGreaterThan(0)
    const bad = await put({ latencyMs: -1, concurrencyPerApi: 0, perMinutePerApi: null, refuseUserids: [] })
    expect(bad.statusCode).toBe(400)
  })
})

describe('who may run and see syncs', () => {
  it('rejects an unknown kind, and keeps employees and managers away from runs, conditions and their failures', async () => {
    const bad = await t.app.http.inject({ method: 'POST', url: '/api/customers/sync-runs', payload: { kind: 'everything' }, headers: { cookie: t.adminCookie } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('request.invalid')
    const [mine] = await t.app.org.listActiveEmployees(t.app.corp.id)
    await t.app.org.createUser({ corpId: t.app.corp.id, username: 'sync-am', password: 'account-manager', displayName: '客户经理', role: 'employee', employeeId: mine!.id })
    await t.app.org.createUser({ corpId: t.app.corp.id, username: 'sync-head', password: 'branch-head-pw', displayName: '负责人', role: 'department_manager', employeeId: mine!.id })
    for (const cookie of [await t.login('sync-am', 'account-manager'), await t.login('sync-head', 'branch-head-pw')]) {
      for (const [method, url, payload] of [['GET', '/api/customers/sync-runs'], ['POST', '/api/customers/sync-runs', { kind: 'reconcile' }],
        ['PUT', '/api/sandbox/wecom-conditions', { latencyMs: 0, concurrencyPerApi: null, perMinutePerApi: null, refuseUserids: [] }]] as const) {
        const res = await t.app.http.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie } })
        expect(res.statusCode).toBe(403)
      }
    }
  })
})
