import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../../http/actor'
import { callbacksProcessed, contactEventXml, eventually, sealCallback, testApp, type TestApp } from '../../../testing/test-app'

let t: TestApp
let configId = ''
beforeAll(async () => {
  t = await testApp()
  const [a, b] = await t.app.org.listActiveEmployees(t.app.corp.id)
  configId = (await t.app.acquisition.create(systemActor(t.app.corp.id), {
    name: '对账渠道', channelGroup: '', employees: [{ employeeId: a!.id, dailyCap: null }, { employeeId: b!.id, dailyCap: null }],
    backupEmployeeId: null, skipVerify: true, tagIds: [], welcome: null, remark: '',
  })).configId!
})
afterAll(async () => { await t?.close() })

const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.http.inject({ method, url, ...(payload ? { payload: payload as object } : {}), headers: { cookie: t.adminCookie } })
const stored = (externalUserId: string) => eventually(() => t.app.db.selectFrom('customer').select('id').where('externalUserId', '=', externalUserId).executeTakeFirst(), 'stored')
const followStatus = async (externalUserId: string) => (await t.app.db.selectFrom('customerFollow as f').innerJoin('customer as c', 'c.id', 'f.customerId')
  .select('f.status').where('c.externalUserId', '=', externalUserId).executeTakeFirst())?.status

async function runReconcile() {
  const started = await api('POST', '/api/customers/sync-runs', { kind: 'reconcile' })
  expect(started.statusCode).toBe(202)
  return eventually(async () => {
    const run = ((await api('GET', '/api/customers/sync-runs')).json().items as { id: string; status: string; stats: Record<string, number>; error: string | null }[]).find((r) => r.id === started.json().id)!
    return run.status === 'succeeded' || run.status === 'failed' ? run : undefined
  }, 'reconcile finished')
}

describe('reconciliation with WeCom (callbacks do get lost)', () => {
  it('adds relations it never heard of, marks lost those WeCom no longer lists, reports it, and converges', async () => {
    const known = await t.sim.world.scan({ configId })
    const gone = await t.sim.world.scan({ configId })
    await stored(known.externalUserId)
    await stored(gone.externalUserId)
    // Drift, as if callbacks were lost: a customer WeCom has but Pond never heard of, and a relation WeCom dropped.
    const unseen = t.sim.world.addCustomer({ name: '漏掉的客户' })
    t.sim.world.addFollow({ userid: known.userid, externalUserId: unseen.externalUserId, state: known.state })
    t.sim.world.customers.removeFollow(gone.userid, gone.externalUserId)

    const run = await runReconcile()
    expect(run.status).toBe('succeeded')
    expect(run.stats).toMatchObject({ relationsAdded: 1, relationsLost: 1 })
    await stored(unseen.externalUserId)
    expect(await followStatus(gone.externalUserId)).toBe('deleted_by_employee')
    expect(await followStatus(known.externalUserId)).toBe('active')
    const losses = (await api('GET', '/api/customers/losses')).json().items as { externalUserId: string }[]
    expect(losses.map((l) => l.externalUserId)).toContain(gone.externalUserId)

    const again = await runReconcile()
    expect(again.stats).toMatchObject({ relationsAdded: 0, relationsLost: 0 })
  })

  it('keeps a relation the customer deleted lost, although WeCom still lists it (one-way)', async () => {
    const scan = await t.sim.world.scan({ configId })
    await stored(scan.externalUserId)
    await t.sim.world.customerDeletesEmployee(scan.externalUserId, scan.userid)
    await eventually(async () => (await followStatus(scan.externalUserId)) === 'deleted_by_customer', 'loss recorded')
    await runReconcile()
    expect(await followStatus(scan.externalUserId)).toBe('deleted_by_customer')
  })
})

describe('edit_external_contact', () => {
  it('refreshes the relation from WeCom: remark, description and the tags the employee set', async () => {
    const scan = await t.sim.world.scan({ configId })
    await stored(scan.externalUserId)
    const follow = t.sim.world.followsOfCustomer(scan.externalUserId)[0]!
    const vip = t.sim.world.listCorpTags().flatMap((g) => g.tags).find((x) => x.name === '金卡')!
    follow.remark = '张总'
    follow.description = '私行潜客'
    follow.tagIds.add(vip.id)
    const req = sealCallback(contactEventXml({ changeType: 'edit_external_contact', userid: scan.userid, externalUserId: scan.externalUserId, createTime: Math.floor(Date.now() / 1000) }))
    expect((await t.app.http.inject({ method: 'POST', url: req.url, payload: req.body, headers: { 'content-type': 'text/xml' } })).statusCode).toBe(200)
    const { id } = await stored(scan.externalUserId)
    await callbacksProcessed(t.app, scan.externalUserId)
    const profile = (await api('GET', `/api/customers/${id}`)).json()
    expect(profile.follows[0]).toMatchObject({ remark: '张总', description: '私行潜客' })
    expect(profile.tags.map((x: { name: string }) => x.name)).toContain('金卡')
  })
})
