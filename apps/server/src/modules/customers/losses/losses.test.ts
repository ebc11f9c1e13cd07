import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../../http/actor'
import { eventually, testApp, type TestApp } from '../../../testing/test-app'

let t: TestApp
let code: { configId: string | null }
let manager: { id: string; wecomUserId: string; name: string }
beforeAll(async () => {
  t = await testApp()
  const employees = await t.app.org.listActiveEmployees(t.app.corp.id)
  manager = employees[5]!
  code = await t.app.acquisition.create(systemActor(t.app.corp.id), {
    name: '流失测试', channelGroup: '', employees: [{ employeeId: employees[0]!.id, dailyCap: null }], backupEmployeeId: null,
    skipVerify: true, tagIds: [], welcome: null, remark: '',
  })
})
afterAll(async () => { await t?.close() })

const api = (method: 'GET' | 'PUT', url: string, payload?: unknown) =>
  t.app.http.inject({ method, url, ...(payload ? { payload: payload as object } : {}), headers: { cookie: t.adminCookie } })

async function addedCustomer(name: string) {
  const scan = await t.sim.world.scan({ configId: code.configId!, customer: { name } })
  await eventually(() => t.app.db.selectFrom('customer').select('id').where('externalUserId', '=', scan.externalUserId).executeTakeFirst(), 'customer stored')
  return scan
}

const appMessages = (userid: string) => t.sim.world.employeeInbox(userid).filter((m) => m.kind === 'app')

describe('loss alerts (删人提醒)', () => {
  it('records a customer deleting the employee and tells the chosen manager in WeCom at once', async () => {
    expect((await api('PUT', '/api/customers/loss-alerts', { mode: 'per_event', recipientEmployeeIds: [manager.id] })).statusCode).toBe(200)
    const scan = await addedCustomer('流失客户甲')
    await t.sim.world.customerDeletesEmployee(scan.externalUserId, scan.userid)
    const [message] = await eventually(async () => { const m = appMessages(manager.wecomUserId); return m.length ? m : undefined }, 'alert in WeCom')
    expect(JSON.stringify(message!.body)).toContain('流失客户甲')
    expect(JSON.stringify(message!.body)).toContain('客户删除了员工')
    const losses = (await api('GET', '/api/customers/losses')).json().items as { customerName: string; kind: string; notifiedAt: string | null }[]
    expect(losses[0]).toMatchObject({ customerName: '流失客户甲', kind: 'deleted_by_customer' })
    await eventually(async () => ((await api('GET', '/api/customers/losses')).json().items[0].notifiedAt ? true : undefined), 'marked notified')
    const customerId = (await api('GET', '/api/customers/losses')).json().items[0].customerId
    const [alerted] = (await api('GET', `/api/customers/${customerId}/timeline?kinds=loss_alerted`)).json().items
    expect(alerted.data).toMatchObject({ lossKind: 'deleted_by_customer', mode: 'per_event', recipients: [manager.name] })
  })

  it('in digest mode says nothing at once and sums up each employee\'s losses once a day', async () => {
    await api('PUT', '/api/customers/loss-alerts', { mode: 'daily_digest', recipientEmployeeIds: [manager.id] })
    const before = appMessages(manager.wecomUserId).length
    const a = await addedCustomer('流失客户乙')
    const b = await addedCustomer('流失客户丙')
    await t.sim.world.employeeDeletesCustomer(a.userid, a.externalUserId)
    await t.sim.world.employeeDeletesCustomer(b.userid, b.externalUserId)
    await eventually(async () => (await t.app.db.selectFrom('customerLoss').select('id').where('notifiedAt', 'is', null).execute()).length === 2, 'losses recorded')
    expect(appMessages(manager.wecomUserId)).toHaveLength(before)
    await t.app.losses.digest(t.app.corp.id)
    const after = appMessages(manager.wecomUserId)
    expect(after).toHaveLength(before + 1)
    expect(JSON.stringify(after[after.length - 1]!.body)).toContain('共 2 位客户关系流失')
    await t.app.losses.digest(t.app.corp.id)                   // nothing new: nothing sent
    expect(appMessages(manager.wecomUserId)).toHaveLength(before + 1)
  })

  it('shows an employee only the losses of their own relations', async () => {
    const other = (await t.app.org.listActiveEmployees(t.app.corp.id))[7]!
    await t.app.org.createUser({ corpId: t.app.corp.id, username: 'other', password: 'other-password', displayName: '其他员工', role: 'employee', employeeId: other.id })
    const cookie = await t.login('other', 'other-password')
    const res = await t.app.http.inject({ method: 'GET', url: '/api/customers/losses', headers: { cookie } })
    expect(res.statusCode).toBe(200)
    expect(res.json().items).toEqual([])
  })

  it('rejects unknown recipients and modes, changing nothing', async () => {
    const bad = await api('PUT', '/api/customers/loss-alerts', { mode: 'per_event', recipientEmployeeIds: ['00000000-0000-4000-8000-000000000000'] })
    expect(bad.statusCode).toBe(404)
    expect((await api('PUT', '/api/customers/loss-alerts', { mode: 'hourly', recipientEmployeeIds: [] })).json().error.code).toBe('request.invalid')
    expect((await api('GET', '/api/customers/loss-alerts')).json()).toMatchObject({ mode: 'daily_digest', recipientEmployeeIds: [manager.id], recipients: [{ id: manager.id }] })
  })
})
