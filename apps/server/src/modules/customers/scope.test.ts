import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../http/actor'
import { eventually, testApp, type TestApp } from '../../testing/test-app'

let t: TestApp
const people: Record<'mine' | 'colleague' | 'outsider', { employeeId: string; externalUserId: string; customerId: string; departmentIds: number[] }> = {} as never
let employeeCookie = ''
let managerCookie = ''

/** Three employees in three places of the tree, each with one customer who scanned their own live code. */
beforeAll(async () => {
  t = await testApp()
  const employees = await t.app.org.listActiveEmployees(t.app.corp.id)
  const byDept = new Map<number, typeof employees>()
  for (const e of employees) byDept.set(e.departmentIds[0]!, [...(byDept.get(e.departmentIds[0]!) ?? []), e])
  const [deptA, deptB] = [...byDept.entries()].filter(([, list]) => list.length >= 2).map(([, list]) => list)
  const picks = { mine: deptA![0]!, colleague: deptA![1]!, outsider: deptB![0]! }
  for (const [key, e] of Object.entries(picks) as [keyof typeof picks, (typeof employees)[number]][]) {
    const code = await t.app.acquisition.create(systemActor(t.app.corp.id), {
      name: `活码-${key}`, channelGroup: '', employees: [{ employeeId: e.id, dailyCap: null }], backupEmployeeId: null, skipVerify: true, tagIds: [], welcome: null, remark: '',
    })
    const scan = await t.sim.world.scan({ configId: code.configId! })
    const row = await eventually(() => t.app.db.selectFrom('customer').select('id').where('externalUserId', '=', scan.externalUserId).executeTakeFirst(), `customer of ${key}`)
    people[key] = { employeeId: e.id, externalUserId: scan.externalUserId, customerId: row.id, departmentIds: e.departmentIds }
  }
  await t.app.org.createUser({ corpId: t.app.corp.id, username: 'am', password: 'account-manager', displayName: '客户经理', role: 'employee', employeeId: picks.mine.id })
  await t.app.org.createUser({ corpId: t.app.corp.id, username: 'head', password: 'branch-head-pw', displayName: '部门负责人', role: 'department_manager', employeeId: picks.colleague.id })
  employeeCookie = await t.login('am', 'account-manager')
  managerCookie = await t.login('head', 'branch-head-pw')
})
afterAll(async () => { await t?.close() })

const get = (url: string, cookie: string) => t.app.http.inject({ method: 'GET', url, headers: { cookie } })
const listed = async (cookie: string) => ((await get('/api/customers?limit=200', cookie)).json().items as { id: string }[]).map((c) => c.id)

describe('data scopes, enforced in the service layer', () => {
  it('an employee sees only the customers they follow', async () => {
    expect(await listed(employeeCookie)).toEqual([people.mine.customerId])
    expect((await get('/api/customers/count', employeeCookie)).json().count).toBe(1)
  })

  it('an employee asking for a colleague\'s customer gets 404, as if it did not exist', async () => {
    for (const url of [`/api/customers/${people.colleague.customerId}`, `/api/customers/${people.outsider.customerId}/timeline`]) {
      const res = await get(url, employeeCookie)
      expect(res.statusCode).toBe(404)
      expect(res.json().error.code).toBe('customers.customer.not_found')
    }
  })

  it('counts never leak: filtering by another employee yields zero', async () => {
    const res = await get(`/api/customers/count?employeeId=${people.outsider.employeeId}`, employeeCookie)
    expect(res.json().count).toBe(0)
  })

  it('a department manager sees their department subtree and nothing outside it', async () => {
    const ids = await listed(managerCookie)
    expect(ids.sort()).toEqual([people.mine.customerId, people.colleague.customerId].sort())
    expect((await get(`/api/customers/${people.outsider.customerId}`, managerCookie)).statusCode).toBe(404)
    expect((await get('/api/customers/count', managerCookie)).json().count).toBe(2)
  })

  it('an admin sees everyone', async () => {
    const ids = await listed(t.adminCookie)
    expect(ids).toEqual(expect.arrayContaining(Object.values(people).map((p) => p.customerId)))
  })

  it('an employee may not manage live codes (permission)', async () => {
    const res = await get('/api/live-codes', employeeCookie)
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('auth.forbidden')
  })
})

describe('org', () => {
  it('counts each department\'s whole subtree, the root holding everyone active', async () => {
    const departments = (await get('/api/org/departments', t.adminCookie)).json().items as { id: number; parentId: number; employeeCount: number }[]
    const active = (await get('/api/org/employees?status=1&limit=1', t.adminCookie)).json().total as number
    expect(departments.find((d) => d.id === 1)!.employeeCount).toBe(active)
    for (const d of departments.filter((x) => x.parentId === 1)) expect(d.employeeCount).toBeGreaterThan(0)
  })
})
