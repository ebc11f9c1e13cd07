import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../../http/actor'
import { eventually, testApp, type TestApp } from '../../../testing/test-app'

let t: TestApp
let offset = 0
const clock = { now: () => Date.now() + offset }          // the sandbox's clock: the 24-hour takeover passes at will
let a: { id: string; wecomUserId: string }, b: { id: string; wecomUserId: string }
let configId = ''

beforeAll(async () => {
  t = await testApp({ simClock: clock })
  const [first, second] = await t.app.org.listActiveEmployees(t.app.corp.id)
  a = first!
  b = second!
  configId = (await t.app.acquisition.create(systemActor(t.app.corp.id), {
    name: '继承测试', channelGroup: '', employees: [{ employeeId: a.id, dailyCap: null }], backupEmployeeId: null, skipVerify: true, tagIds: [], welcome: null, remark: '',
  })).configId!
})
afterAll(async () => { await t?.close() })

const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.http.inject({ method, url, ...(payload ? { payload: payload as object } : {}), headers: { cookie: t.adminCookie } })
async function customerOfA(name: string) {
  const scan = await t.sim.world.scan({ configId, customer: { name } })
  const row = await eventually(() => t.app.db.selectFrom('customer').select('id').where('externalUserId', '=', scan.externalUserId).executeTakeFirst(), 'stored')
  return { ...scan, id: row.id }
}
const follows = (customerId: string) => t.app.db.selectFrom('customerFollow').select(['employeeId', 'status']).where('customerId', '=', customerId).execute()
const transferStatus = async (customerId: string) => (await t.app.db.selectFrom('customerTransfer').select('status').where('customerId', '=', customerId).orderBy('id', 'desc').executeTakeFirst())?.status

describe('在职继承 (on-job transfer)', () => {
  it('hands customers over after the 24-hour window: the takeover has them, the handover\'s relation ends without a loss alert', async () => {
    const c = await customerOfA('继承客户甲')
    const res = await api('POST', '/api/customers/transfers', { kind: 'on_job', handoverEmployeeId: a.id, takeoverEmployeeId: b.id, customerIds: [c.id], message: '您好，我是您的新客户经理' })
    expect(res.json()).toEqual({ items: [{ customerId: c.id, started: true }] })
    expect(await transferStatus(c.id)).toBe('waiting')

    offset += 25 * 3600_000
    t.sim.world.completeDueTransfers()
    await eventually(async () => (await follows(c.id)).some((f) => f.employeeId === b.id && f.status === 'active') || undefined, 'takeover relation')
    await eventually(async () => (await follows(c.id)).some((f) => f.employeeId === a.id && f.status === 'transferred') || undefined, 'handover relation ended')
    expect(await t.app.db.selectFrom('customerLoss').select('id').where('customerId', '=', c.id).execute()).toHaveLength(0)
    expect((await api('POST', '/api/customers/transfers/refresh')).statusCode).toBe(204)
    expect(await transferStatus(c.id)).toBe('done')
    const timeline = (await api('GET', `/api/customers/${c.id}/timeline?kinds=transfer_requested,transfer_result`)).json().items as { kind: string; data: Record<string, unknown> }[]
    expect(timeline.map((e) => [e.kind, e.data.status])).toEqual([['transfer_result', 'done'], ['transfer_requested', 'waiting']])
  })

  it('records a refusal from the transfer_fail callback', async () => {
    const c = await customerOfA('拒绝继承的客户')
    await api('POST', '/api/customers/transfers', { kind: 'on_job', handoverEmployeeId: a.id, takeoverEmployeeId: b.id, customerIds: [c.id] })
    t.sim.world.refuseTransfer(c.externalUserId)
    await eventually(async () => (await transferStatus(c.id)) === 'refused' || undefined, 'refusal recorded')
    expect((await api('GET', `/api/customers/${c.id}/timeline?kinds=transfer_result`)).json().items.map((e: { data: { status: string } }) => e.data.status)).toEqual(['refused'])
    expect((await follows(c.id)).find((f) => f.employeeId === a.id)!.status).toBe('active')
  })

  it('answers per customer: someone else\'s customer is not sent, and the same employee twice is refused', async () => {
    const c = await customerOfA('正常客户')
    const res = await api('POST', '/api/customers/transfers', { kind: 'on_job', handoverEmployeeId: b.id, takeoverEmployeeId: a.id, customerIds: [c.id] })
    expect(res.json().items).toEqual([{ customerId: c.id, started: false, reason: 'not_customer_of_handover' }])
    const same = await api('POST', '/api/customers/transfers', { kind: 'on_job', handoverEmployeeId: a.id, takeoverEmployeeId: a.id, customerIds: [c.id] })
    expect([same.statusCode, same.json().error.code]).toEqual([422, 'customers.transfer.same_employee'])
    expect((await api('POST', '/api/customers/transfers', { kind: 'on_job', handoverEmployeeId: a.id, takeoverEmployeeId: b.id, customerIds: [] })).statusCode).toBe(400)
  })
})

describe('离职继承 (resigned-employee inheritance)', () => {
  it('lists the customers of an employee who left and hands them to a colleague', async () => {
    const c = await customerOfA('离职员工的客户')
    const resigned = await api('POST', '/api/customers/transfers', { kind: 'resigned', handoverEmployeeId: a.id, takeoverEmployeeId: b.id, customerIds: [c.id] })
    expect(resigned.json().error.code).toBe('customers.transfer.handover_not_left')
    t.sim.world.setEmployeeStatus(a.wecomUserId, 5)
    await t.app.syncFromWeCom()
    const unassigned = (await api('GET', '/api/customers/transfers/unassigned')).json().items as { customerId: string; handoverName: string }[]
    expect(unassigned.map((u) => u.customerId)).toContain(c.id)
    const res = await api('POST', '/api/customers/transfers', { kind: 'resigned', handoverEmployeeId: a.id, takeoverEmployeeId: b.id, customerIds: [c.id] })
    expect(res.json().items).toEqual([{ customerId: c.id, started: true }])
    const list = (await api('GET', '/api/customers/transfers?status=waiting')).json().items as { customerId: string; kind: string; takeoverName: string }[]
    expect(list.find((x) => x.customerId === c.id)).toMatchObject({ kind: 'resigned' })
  })
})
