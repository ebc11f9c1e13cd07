import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, testApp, type TestApp } from '../../testing/test-app'

let t: TestApp
type Employee = { id: string; wecomUserId: string; name: string; departmentIds: number[]; mainDepartmentId: number | null }
let e1: Employee, e2: Employee, helpers: Employee[]
let managerCookie: string
beforeAll(async () => {
  t = await testApp()
  const staff = (await t.app.org.listActiveEmployees(t.app.corp.id)) as Employee[]
  // Two employees in separate subtrees (a manager of e1's departments does not see e2), the helpers others.
  e1 = staff[0]!
  const e1Tree = new Set((await Promise.all(e1.departmentIds.map((d) => t.app.org.employeeIdsInSubtree(t.app.corp.id, d)))).flat())
  e2 = staff.find((e) => !e1Tree.has(e.id))!
  helpers = staff.filter((e) => e !== e1 && e !== e2).slice(0, 2)
  await t.app.org.createUser({ corpId: t.app.corp.id, username: 'rs-head', password: 'branch-head-pw', displayName: '支行负责人', role: 'department_manager', employeeId: e1.id })
  managerCookie = await t.login('rs-head', 'branch-head-pw')
})
afterAll(async () => { await t?.close() })

const base = '/api/fission/activities'
const hour = 3600_000

const activity = (tiers: unknown[]) => ({
  name: '成本核算测试', startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString(),
  tiers, helperEmployeeIds: helpers.map((h) => h.id),
  welcome: { counted: '助力成功', refused: { default: '助力未成功' } },
  participants: { employeeIds: [e1.id, e2.id] },
})

async function initiator(activityId: string, employee: Employee, helps: number) {
  const way = t.sim.world.addContactWay({ user: [employee.wecomUserId], state: 'branch-desk' })
  const scan = await t.sim.world.scan({ configId: way.configId })
  const c = await eventually(async () => (await t.api('GET', `/api/customers?q=${scan.externalUserId}`)).json().items[0] as { id: string } | undefined, 'customer stored')
  const joined = await t.api('POST', `${base}/${activityId}/participants`, { customerId: c.id })
  expect(joined.statusCode).toBe(200)
  for (let i = 0; i < helps; i++) await t.sim.world.scan({ configId: joined.json().configId })
  return joined.json() as { id: string }
}

async function sheets(res: { statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }) {
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toContain('spreadsheetml')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  const rows = (name: string) => {
    const out: unknown[][] = []
    book.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)))
    return out
  }
  const summary = rows('汇总')
  const value = (label: string) => summary.find((r) => r[0] === label)?.[1]
  return { rows, value, summary }
}

describe('fission results: prize cost and the export', () => {
  let activityId: string
  beforeAll(async () => {
    // Tier 1 costs ¥12.50 and has two prizes; tier 2 costs ¥35.00.
    const created = await t.api('POST', base, activity([
      { level: 1, threshold: 1, prizeName: '定制帆布袋', stock: 2, unitPriceFen: 1250 },
      { level: 2, threshold: 2, prizeName: '保温杯', stock: 5, unitPriceFen: 3500 },
    ]))
    expect(created.statusCode).toBe(201)
    expect(created.json().tiers.map((x: { unitPriceFen: number }) => x.unitPriceFen)).toEqual([1250, 3500])
    activityId = created.json().id
    expect((await t.api('POST', `${base}/${activityId}/schedule`)).json().status).toBe('running')
    await initiator(activityId, e1, 1)                   // tier 1
    await initiator(activityId, e2, 2)                   // tiers 1 and 2: tier 1's stock is gone
    await eventually(async () => (await t.api('GET', `${base}/${activityId}/helps?limit=200`)).json().items.length === 3 || undefined, '3 helps')
    await initiator(activityId, e2, 1)                   // tier 1, out of stock: no prize, no cost
    await eventually(async () => (await t.api('GET', `${base}/${activityId}/funnel`)).json().outOfStock === 1 || undefined, 'out of stock')
  })

  it('costs the prizes given at their tier\'s unit price; out of stock costs nothing', async () => {
    const funnel = (await t.api('GET', `${base}/${activityId}/funnel`)).json()
    expect(funnel).toMatchObject({ netNewCustomers: 4, prizesReserved: 3, outOfStock: 1 })
    expect(funnel.tiers).toEqual([{ level: 1, prizes: 2, cost: 2500 }, { level: 2, prizes: 1, cost: 3500 }])
    expect(funnel.prizeCost).toBe(6000)                          // 2 × 12.50 + 35.00 yuan
    expect(funnel.costPerNetNewCustomer).toBe(1500)              // 60.00 / 4
    // A redeemed prize is still a prize given.
    const completions = (await t.api('GET', `${base}/${activityId}/participants?limit=200`)).json().items.flatMap((p: { completions: { redemptionCode: string | null }[] }) => p.completions)
    const claimed = completions.find((c: { redemptionCode: string | null }) => c.redemptionCode) as { id: string; redemptionCode: string }
    expect((await t.api('POST', `${base}/${activityId}/redemptions`, { code: claimed.redemptionCode })).statusCode).toBe(200)
    expect((await t.api('GET', `${base}/${activityId}/funnel`)).json()).toMatchObject({ prizeCost: 6000, prizesRedeemed: 1 })
    // So is one handed over (fulfilled).
    expect((await t.api('POST', `${base}/${activityId}/completions/${claimed.id}/fulfil`, {})).statusCode).toBe(200)
    expect((await t.api('GET', `${base}/${activityId}/funnel`)).json()).toMatchObject({ prizeCost: 6000, prizesFulfilled: 1 })
    // A manager's funnel costs their initiators' prizes only.
    expect((await t.api('GET', `${base}/${activityId}/funnel`, undefined, managerCookie)).json()).toMatchObject({ prizeCost: 1250, costPerNetNewCustomer: 1250, netNewCustomers: 1 })
  })

  it('without net new customers the cost per customer is null', async () => {
    const created = (await t.api('POST', base, activity([{ level: 1, threshold: 1, prizeName: '红包', stock: 1, unitPriceFen: 500 }]))).json()
    expect((await t.api('GET', `${base}/${created.id}/funnel`)).json()).toMatchObject({ prizeCost: 0, costPerNetNewCustomer: null, tiers: [{ level: 1, prizes: 0, cost: 0 }] })
  })

  it('refuses a negative, fractional or too large unit price', async () => {
    for (const unitPriceFen of [-1, 12.5, 10_000_001, '1250']) {
      const res = await t.api('POST', base, activity([{ level: 1, threshold: 1, prizeName: '红包', stock: 1, unitPriceFen }]))
      expect({ unitPriceFen, status: res.statusCode, code: res.json().error?.code }).toEqual({ unitPriceFen, status: 400, code: 'request.invalid' })
    }
    const free = await t.api('POST', base, activity([{ level: 1, threshold: 1, prizeName: '红包', stock: 1 }]))
    expect(free.json().tiers[0].unitPriceFen).toBe(0)
  })

  it('the XLSX export holds the funnel with costs, per employee, per department and per day, equal to the API', async () => {
    const { rows, value, summary } = await sheets(await t.api('GET', `${base}/${activityId}/results.xlsx?level=1`))
    const funnel = (await t.api('GET', `${base}/${activityId}/funnel`)).json()
    expect(value('活动')).toBe('成本核算测试')
    expect([value('发起客户'), value('完成任务'), value('新增客户'), value('净增客户'), value('有效助力'), value('已发奖品'), value('缺货')])
      .toEqual([funnel.participants, funnel.completed, funnel.newCustomers, funnel.netNewCustomers, funnel.counted, funnel.prizesReserved, funnel.outOfStock])
    expect([value('奖品成本（元）'), value('每位净新增客户成本（元）')]).toEqual([60, 15])
    const tierRows = summary.slice(summary.findIndex((r) => r[0] === '阶梯') + 1)
    expect(tierRows).toEqual([[1, '定制帆布袋', 12.5, 2, 25], [2, '保温杯', 35, 1, 35]])

    const employees = (await t.api('GET', `${base}/${activityId}/leaderboard?by=employee&limit=500`)).json().items
    const departmentName = new Map(((await t.api('GET', '/api/org/departments')).json().items as { id: number; name: string }[]).map((d) => [d.id, d.name]))
    expect(rows('员工').slice(1)).toEqual(employees.map((r: Record<string, unknown>) =>
      [r.rank, r.name, departmentName.get(r.departmentId as number), r.participants, r.counted, r.completed, r.newCustomers, r.netNewCustomers]))
    const teams = (await t.api('GET', `${base}/${activityId}/leaderboard?by=department&level=1&limit=500`)).json().items
    expect(teams.length).toBeGreaterThan(0)
    expect(rows('部门').slice(1)).toEqual(teams.map((r: Record<string, unknown>) => [r.rank, r.name, r.employees, r.participants, r.counted, r.completed, r.newCustomers, r.netNewCustomers]))
    const days = (await t.api('GET', `${base}/${activityId}/stats`)).json().items
    expect(rows('按日').slice(1)).toEqual(days.map((d: Record<string, unknown>) => [d.day, d.counted, d.refused, d.completions, d.newCustomers, d.netNewCustomers]))
  })

  it('a manager\'s export holds their scope only; bad input and strangers are refused', async () => {
    const { rows, value } = await sheets(await t.api('GET', `${base}/${activityId}/results.xlsx`, undefined, managerCookie))
    expect([value('发起客户'), value('净增客户'), value('奖品成本（元）')]).toEqual([1, 1, 12.5])
    const names = rows('员工').slice(1).map((r) => r[1])
    expect(names).toContain(e1.name)
    expect(names).not.toContain(e2.name)
    const allTeams = (await t.api('GET', `${base}/${activityId}/leaderboard?by=department&level=1`)).json().items as { name: string; participants: number }[]
    const mine = (await t.api('GET', `${base}/${activityId}/leaderboard?by=department&level=1`, undefined, managerCookie)).json().items as { name: string }[]
    expect(rows('部门').slice(1).map((r) => r[1])).toEqual(mine.map((r) => r.name))
    expect(rows('部门').slice(1).reduce((s, r) => s + (r[3] as number), 0)).toBe(1)       // e2's two initiators are not in it
    expect(allTeams.reduce((s, r) => s + r.participants, 0)).toBe(3)

    const bad = await t.api('GET', `${base}/${activityId}/results.xlsx?level=0`)
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'request.invalid'])
    expect((await t.api('GET', `${base}/00000000-0000-4000-8000-000000000000/results.xlsx`)).json().error.code).toBe('fission.activity.not_found')
    expect((await t.app.http.inject({ method: 'GET', url: `${base}/${activityId}/results.xlsx` })).statusCode).toBe(401)
  })
})
