import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../../http/actor'
import { contactEventXml, eventually, sealCallback, testApp, type TestApp } from '../../../testing/test-app'

// One customer per person: a second external_userid with the same unionid joins the first's customer,
// whatever order the callbacks come in, replayed or concurrent.

let t: TestApp
let configId = ''
let state = ''
beforeAll(async () => {
  t = await testApp()
  const [a, b] = await t.app.org.listActiveEmployees(t.app.corp.id)
  const code = await t.app.acquisition.create(systemActor(t.app.corp.id), {
    name: '身份渠道', channelGroup: '', employees: [{ employeeId: a!.id, dailyCap: null }, { employeeId: b!.id, dailyCap: null }],
    backupEmployeeId: null, skipVerify: true, tagIds: [], welcome: null, remark: '',
  })
  configId = code.configId!
  state = code.state
})
afterAll(async () => { await t?.close() })

const deliver = async (changeType: string, userid: string, externalUserId: string, extra: { state?: string } = {}) => {
  const req = sealCallback(contactEventXml({ changeType, userid, externalUserId, createTime: Math.floor(Date.now() / 1000), ...extra }))
  const res = await t.app.http.inject({ method: 'POST', url: req.url, payload: req.body, headers: { 'content-type': 'text/xml' } })
  expect(res.statusCode).toBe(200)
  return req
}
const customersOf = async (unionid: string) => (await sql<{ id: string }>`select id from customer where unionid = ${unionid}`.execute(t.app.db)).rows
const followsOf = (customerId: string) => t.app.db.selectFrom('customerFollow as f').innerJoin('employee as e', 'e.id', 'f.employeeId')
  .select(['e.wecomUserId', 'f.status', 'f.remarkMobiles']).where('f.customerId', '=', customerId).orderBy('e.wecomUserId').execute()
const aliasesOf = async (customerId: string) => (await t.app.db.selectFrom('customerExternalId').select('externalUserId').where('customerId', '=', customerId).execute()).map((r) => r.externalUserId).sort()

describe('a person under two external_userids', () => {
  it('added through a live code under each id is one customer with two relations; later callbacks under either id find it', async () => {
    const first = await t.sim.world.scan({ configId, customer: { unionid: 'oPERSONaaaaaaaaaaaaaaaaaaaaa1' } })
    await eventually(async () => (await customersOf('oPERSONaaaaaaaaaaaaaaaaaaaaa1')).length === 1, 'first add stored')
    const second = t.sim.world.addSecondIdentity(first.externalUserId)
    const again = await t.sim.world.scan({ configId, customer: { externalUserId: second.externalUserId } })
    expect(again.userid).not.toBe(first.userid)
    const [customer] = await customersOf('oPERSONaaaaaaaaaaaaaaaaaaaaa1')
    await eventually(async () => (await followsOf(customer!.id)).length === 2, 'second relation on the same customer')
    expect(await customersOf('oPERSONaaaaaaaaaaaaaaaaaaaaa1')).toHaveLength(1)
    expect(await aliasesOf(customer!.id)).toEqual([first.externalUserId, second.externalUserId].sort())

    await t.sim.world.customerDeletesEmployee(second.externalUserId, again.userid)
    await eventually(async () => (await followsOf(customer!.id)).some((f) => f.wecomUserId === again.userid && f.status === 'deleted_by_customer'), 'loss under the second id')
    const profile = (await t.app.http.inject({ method: 'GET', url: `/api/customers/${customer!.id}`, headers: { cookie: t.adminCookie } })).json()
    expect(profile.follows).toHaveLength(2)
  })

  it('converges whichever id arrives first, with replayed callbacks, and keeps the remark mobiles per relation', async () => {
    const [a, b] = t.sim.world.listEmployees().map((e) => e.userid)
    const p1 = t.sim.world.addCustomer({ name: '乱序客户', unionid: 'oPERSONbbbbbbbbbbbbbbbbbbbbb2' })
    const p2 = t.sim.world.addSecondIdentity(p1.externalUserId)
    t.sim.world.addFollow({ userid: a!, externalUserId: p1.externalUserId, state, remarkMobiles: ['13900001111'] })
    t.sim.world.addFollow({ userid: b!, externalUserId: p2.externalUserId, state, remarkMobiles: ['13900002222', ''] })
    const replay = await deliver('add_external_contact', b!, p2.externalUserId, { state })   // the second id first
    await deliver('add_external_contact', a!, p1.externalUserId, { state })
    await t.app.http.inject({ method: 'POST', url: replay.url, payload: replay.body, headers: { 'content-type': 'text/xml' } })
    const customer = await eventually(async () => {
      const rows = await customersOf('oPERSONbbbbbbbbbbbbbbbbbbbbb2')
      return rows.length === 1 && (await followsOf(rows[0]!.id)).length === 2 ? rows[0] : undefined
    }, 'both relations on one customer')
    expect(await followsOf(customer.id)).toEqual([
      { wecomUserId: a, status: 'active', remarkMobiles: ['13900001111'] },
      { wecomUserId: b, status: 'active', remarkMobiles: ['13900002222'] },
    ].sort((x, y) => x.wecomUserId!.localeCompare(y.wecomUserId!)))
    const added = await t.app.db.selectFrom('customerEvent').select('id').where('customerId', '=', customer.id).where('kind', '=', 'added').execute()
    expect(added).toHaveLength(2)
  })

  it('made at the same moment in two transactions, becomes one customer (the unique keys decide, not a read)', async () => {
    const [a, b] = await t.app.org.listActiveEmployees(t.app.corp.id)
    const pairs = Array.from({ length: 8 }, (_, i) => {
      const p1 = t.sim.world.addCustomer({ name: `并发客户${i}`, unionid: `oRACE${String(i).padStart(24, '0')}` })
      const p2 = t.sim.world.addSecondIdentity(p1.externalUserId)
      t.sim.world.addFollow({ userid: a!.wecomUserId, externalUserId: p1.externalUserId })
      t.sim.world.addFollow({ userid: b!.wecomUserId, externalUserId: p2.externalUserId })
      return [{ id: p1.externalUserId, employee: a! }, { id: p2.externalUserId, employee: b! }]
    })
    await Promise.all(pairs.flat().map(async ({ id, employee }) => {
      const customer = await t.app.wecom.getCustomer(id)
      await t.app.db.transaction().execute((tx) => t.app.customers.recordContactAdded(tx, {
        corpId: t.app.corp.id, externalUserId: id, customer, employeeId: employee.id, userid: employee.wecomUserId, state: '', liveCodeId: null, at: new Date(), dedupeKey: `race:${id}`,
      }))
    }))
    for (let i = 0; i < 8; i++) {
      const rows = await customersOf(`oRACE${String(i).padStart(24, '0')}`)
      expect(rows).toHaveLength(1)
      expect(await followsOf(rows[0]!.id)).toHaveLength(2)
      expect(await aliasesOf(rows[0]!.id)).toHaveLength(2)
    }
  })
})

describe('add_half_external_contact (the customer added a skip-verify employee who has not accepted yet)', () => {
  it('stores the relation as added through its channel, and the later full add changes nothing', async () => {
    const [a] = t.sim.world.listEmployees().map((e) => e.userid)
    const c = t.sim.world.addCustomer({ name: '半添加客户' })
    t.sim.world.addFollow({ userid: a!, externalUserId: c.externalUserId, state, remarkMobiles: ['13700003333'] })
    await deliver('add_half_external_contact', a!, c.externalUserId, { state })
    const stored = await eventually(() => t.app.db.selectFrom('customer').select(['id', 'channelLiveCodeId']).where('externalUserId', '=', c.externalUserId).executeTakeFirst(), 'half add stored')
    expect(stored.channelLiveCodeId).not.toBeNull()
    expect(await followsOf(stored.id)).toEqual([{ wecomUserId: a, status: 'active', remarkMobiles: ['13700003333'] }])
    await deliver('add_external_contact', a!, c.externalUserId, { state })
    await eventually(async () => (await t.app.db.selectFrom('customerEvent').select('id').where('customerId', '=', stored.id).where('kind', '=', 'added').execute()).length === 2, 'full add recorded')
    expect(await followsOf(stored.id)).toHaveLength(1)
  })
})
