import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, testApp, type TestApp } from '../../testing/test-app'
import { redBlackMarkdown } from './leaderboard'

let t: TestApp
type Employee = { id: string; wecomUserId: string; name: string; departmentIds: number[]; mainDepartmentId: number | null }
let staff: Employee[]
beforeAll(async () => {
  t = await testApp()
  staff = (await t.app.org.listActiveEmployees(t.app.corp.id)) as Employee[]
})
afterAll(async () => { await t?.close() })

const base = '/api/fission/activities'
const hour = 3600_000

async function knownCustomer(userid: string) {
  const way = t.sim.world.addContactWay({ user: [userid], state: 'branch-desk' })
  const scan = await t.sim.world.scan({ configId: way.configId })
  const c = await eventually(async () => (await t.api('GET', `/api/customers?q=${scan.externalUserId}`)).json().items[0] as { id: string } | undefined, 'customer stored')
  return { id: c.id, externalUserId: scan.externalUserId }
}

async function runningActivity(helpers: Employee[], participants: { employeeIds: string[]; departmentIds?: number[] }, recommendedSegmentId: string) {
  const created = await t.api('POST', base, {
    name: '红黑榜测试', startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString(),
    scripts: { employee: '邀请您参加好友助力活动', customer: '帮我扫一下码吧' },
    tiers: [{ level: 1, threshold: 3, prizeName: '定制帆布袋', stock: 10 }],
    helperEmployeeIds: helpers.map((h) => h.id),
    welcome: { counted: '助力成功', refused: { default: '助力未成功' } },
    helpRules: { newCustomersOnly: true, churnHours: 48 }, participants, recommendedSegmentId,
  })
  expect(created.statusCode).toBe(201)
  expect((await t.api('POST', `${base}/${created.json().id}/schedule`)).json().status).toBe('running')
  return created.json().id as string
}

async function joinAs(activityId: string, employee: Employee) {
  const c = await knownCustomer(employee.wecomUserId)
  const res = await t.api('POST', `${base}/${activityId}/participants`, { customerId: c.id })
  expect(res.statusCode).toBe(200)
  return { ...(res.json() as { id: string; configId: string }), customer: c }
}

const helpCount = async (activityId: string) => (await t.api('GET', `${base}/${activityId}/helps?limit=200`)).json().items.length as number

/** What the boards must say, from the rows themselves (the reference the service is checked against). */
async function reference(activityId: string) {
  const rows = (await sql<{ employeeId: string; participants: string; counted: string; completed: string; newCustomers: string; netNewCustomers: string }>`
    select p.employee_id,
      count(distinct p.id) as participants,
      count(h.id) filter (where h.status = 'counted') as counted,
      count(distinct p.id) filter (where exists (select 1 from fission_completion c where c.participant_id = p.id)) as completed,
      count(h.id) filter (where h.new_customer and h.status in ('counted', 'revoked')) as new_customers,
      count(h.id) filter (where h.new_customer and h.status = 'counted') as net_new_customers
    from fission_participant p left join fission_help h on h.participant_id = p.id
    where p.activity_id = ${activityId} group by p.employee_id`.execute(t.app.db)).rows
  return Object.fromEntries(rows.map((r) => [r.employeeId, { participants: +r.participants, counted: +r.counted, completed: +r.completed, newCustomers: +r.newCustomers, netNewCustomers: +r.netNewCustomers }]))
}
type Row = { rank: number; employeeId: string; participants: number; counted: number; completed: number; newCustomers: number; netNewCustomers: number }
const board = async (activityId: string, cookie?: string) => (await t.api('GET', `${base}/${activityId}/leaderboard?by=employee`, undefined, cookie)).json().items as Row[]
const metricsOf = (rows: Row[]) => Object.fromEntries(rows.filter((r) => r.participants > 0).map(({ employeeId, participants, counted, completed, newCustomers, netNewCustomers }) =>
  [employeeId, { participants, counted, completed, newCustomers, netNewCustomers }]))

describe('fission leaderboards', () => {
  let activityId: string
  let e1: Employee, e2: Employee, idle: Employee, helpers: Employee[]
  let p1: Awaited<ReturnType<typeof joinAs>>, p3: Awaited<ReturnType<typeof joinAs>>
  let segmentId: string, spareId: string

  beforeAll(async () => {
    // Three employees in different top-level places of the tree; the helpers are others.
    const byDept = new Map<number, Employee>()
    for (const e of staff) if (!byDept.has(e.departmentIds[0]!)) byDept.set(e.departmentIds[0]!, e)
    ;[e1, e2, idle] = [...byDept.values()]
    helpers = staff.filter((e) => ![e1, e2, idle].includes(e)).slice(0, 2)
    segmentId = (await t.api('POST', '/api/segments', { name: '全部客户', filters: {} })).json().id
    activityId = await runningActivity(helpers, { employeeIds: [e1.id, e2.id, idle.id] }, segmentId)
    p1 = await joinAs(activityId, e1)
    const p2 = await joinAs(activityId, e1)
    p3 = await joinAs(activityId, e2)
    const spare = await knownCustomer(e2.wecomUserId)           // recommended to e2, not joined
    spareId = spare.id
    for (let i = 0; i < 3; i++) await t.sim.world.scan({ configId: p1.configId })
    await t.sim.world.scan({ configId: p2.configId })
    for (let i = 0; i < 2; i++) await t.sim.world.scan({ configId: p3.configId })
    // A helper the corp already knows: refused, no new customer.
    await t.sim.world.scan({ configId: p3.configId, customer: { externalUserId: p2.customer.externalUserId } })
    await eventually(async () => (await helpCount(activityId)) >= 7 || undefined, '7 helps')
  })

  it('by employee: equals the reference from the helps table, ranked by net new; participating employees without initiators rank last with zeros', async () => {
    const rows = await board(activityId)
    expect(metricsOf(rows)).toEqual(await reference(activityId))
    expect(rows.map((r) => [r.employeeId, r.rank, r.netNewCustomers, r.completed])).toEqual([[e1.id, 1, 4, 1], [e2.id, 2, 2, 0], [idle.id, 3, 0, 0]])
  })

  it('recomputes after an operator voids and restores a help', async () => {
    const helps = (await t.api('GET', `${base}/${activityId}/helps?participantId=${p1.id}&limit=200`)).json().items as { id: string }[]
    expect((await t.api('POST', `${base}/${activityId}/helps/${helps[0]!.id}/void`)).statusCode).toBe(200)
    let rows = await board(activityId)
    expect(metricsOf(rows)).toEqual(await reference(activityId))
    expect(rows.find((r) => r.employeeId === e1.id)).toMatchObject({ counted: 3, netNewCustomers: 3, newCustomers: 3, completed: 1 })   // the completion stays (D13)
    expect((await t.api('POST', `${base}/${activityId}/helps/${helps[0]!.id}/restore`)).statusCode).toBe(200)
    rows = await board(activityId)
    expect(metricsOf(rows)).toEqual(await reference(activityId))
    expect(rows.find((r) => r.employeeId === e1.id)).toMatchObject({ counted: 4, netNewCustomers: 4 })
  })

  it('by department: each team is the sum of its subtree\'s employees at the chosen level', async () => {
    const departments = (await t.api('GET', '/api/org/departments')).json().items as { id: number; parentId: number }[]
    const parent = new Map(departments.map((d) => [d.id, d.parentId]))
    const pathOf = (id: number) => { const p: number[] = []; for (let d: number | undefined = id; d !== undefined && parent.has(d); d = parent.get(d)) p.unshift(d); return p }
    const employees = await board(activityId)
    for (const level of [1, 2]) {
      const res = await t.api('GET', `${base}/${activityId}/leaderboard?by=department&level=${level}`)
      expect(res.statusCode).toBe(200)
      const teams = res.json().items as (Row & { departmentId: number; employees: number })[]
      const expected = new Map<number, number>()
      for (const e of [e1, e2, idle]) {
        const path = pathOf(e.mainDepartmentId ?? e.departmentIds[0]!)
        const team = path[Math.min(level, path.length - 1)]!
        expected.set(team, (expected.get(team) ?? 0) + employees.find((r) => r.employeeId === e.id)!.netNewCustomers)
      }
      expect(Object.fromEntries(teams.map((x) => [x.departmentId, x.netNewCustomers]))).toEqual(Object.fromEntries(expected))
      expect(teams[0]!.rank).toBe(1)
    }
    const bad = await t.api('GET', `${base}/${activityId}/leaderboard?by=team`)
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'request.invalid'])
    expect((await t.api('GET', `${base}/00000000-0000-4000-8000-000000000000/leaderboard`)).json().error.code).toBe('fission.activity.not_found')
  })

  it('stats per Beijing day add up to the board; the CSV export lists every ranked employee', async () => {
    const stats = (await t.api('GET', `${base}/${activityId}/stats?bucket=day`)).json()
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    expect(stats.items).toEqual([{ day: today, counted: 6, refused: 1, completions: 1, newCustomers: 6, netNewCustomers: 6 }])
    // A help moved to yesterday lands in its own bucket.
    await sql`update fission_help set added_at = added_at - interval '1 day' where id = (select min(id) from fission_help where activity_id = ${activityId})`.execute(t.app.db)
    const moved = (await t.api('GET', `${base}/${activityId}/stats`)).json().items as { day: string; counted: number }[]
    expect(moved.map((d) => d.counted)).toEqual([1, 5])
    expect(moved[1]!.day).toBe(today)
    const csv = await t.api('GET', `${base}/${activityId}/leaderboard.csv`)
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\n')
    expect(lines[0]).toBe('排名,员工,参与客户,有效助力,完成任务,新增客户,净增客户')
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual([e1.name, e2.name, idle.name])
    expect(lines[1]).toBe(`1,${e1.name},2,4,1,4,4`)
  })

  it('scope: a manager sees their subtree only; an employee has no board but their own rank', async () => {
    await t.app.org.createUser({ corpId: t.app.corp.id, username: 'rk-head', password: 'branch-head-pw', displayName: '部门负责人', role: 'department_manager', employeeId: e2.id })
    await t.app.org.createUser({ corpId: t.app.corp.id, username: 'rk-am', password: 'account-manager', displayName: '客户经理', role: 'employee', employeeId: e2.id })
    const manager = await t.login('rk-head', 'branch-head-pw')
    const employee = await t.login('rk-am', 'account-manager')
    const scope = new Set((await sql<{ id: string }>`select id from employee where department_ids && ${e2.departmentIds}::int[]`.execute(t.app.db)).rows.map((r) => r.id))
    const seen = await board(activityId, manager)
    expect(seen.map((r) => r.employeeId)).toEqual([e2.id])
    expect(seen.every((r) => scope.has(r.employeeId))).toBe(true)
    const stats = (await t.api('GET', `${base}/${activityId}/stats`, undefined, manager)).json().items as { counted: number; refused: number }[]
    expect(stats.reduce((s, d) => s + d.counted + d.refused, 0)).toBe(3)            // e2's initiator: 2 counted + 1 refused, nothing of e1's
    const denied = await t.api('GET', `${base}/${activityId}/leaderboard`, undefined, employee)
    expect([denied.statusCode, denied.json().error.code]).toEqual([403, 'auth.forbidden'])
    expect((await t.api('POST', `/api/segments/${segmentId}/materialize`)).statusCode).toBe(200)
    const mine = (await t.api('GET', `${base}/${activityId}/my-rank`, undefined, employee)).json()
    expect(mine).toMatchObject({ total: 3, me: { employeeId: e2.id, rank: 2, netNewCustomers: 2 }, script: '邀请您参加好友助力活动' })
    // The segment holds everyone; e2 gets only their own customers, marked when they already joined.
    const own = new Set((await sql<{ customerId: string }>`select customer_id from customer_follow where employee_id = ${e2.id} and status = 'active'`.execute(t.app.db)).rows.map((r) => r.customerId))
    const recommended = mine.recommended as { id: string; joined: boolean; link: { path: string } }[]
    expect(recommended.length).toBeGreaterThanOrEqual(2)
    expect(recommended.every((c) => own.has(c.id))).toBe(true)
    expect(recommended.find((c) => c.id === p3.customer.id)?.joined).toBe(true)
    expect(recommended.find((c) => c.id === spareId)?.joined).toBe(false)
    expect(recommended.map((c) => c.id)).not.toContain(p1.customer.id)
    // Each comes with the customer's own signed link, which the H5 page accepts.
    const spareLink = recommended.find((c) => c.id === spareId)!.link.path
    expect(spareLink).toMatch(new RegExp(`^/h5/fission/${activityId}\\?t=`))
    const opened = await t.app.http.inject({ method: 'GET', url: `/h5/api/fission/${activityId}?t=${new URL(spareLink, 'http://x').searchParams.get('t')}` })
    expect(opened.statusCode).toBe(200)
    expect(mine.top.map((r: Row) => r.employeeId)).toEqual([e1.id, e2.id, idle.id])
    expect(JSON.stringify(mine)).not.toContain(p1.customer.externalUserId)                  // names and numbers, no one else's customers
    expect((await t.api('GET', `${base}/${activityId}/my-rank`)).json().error.code).toBe('fission.rank.no_employee')  // admin: no employee
  })

  it('the red/black list goes to the managers once per activity and day, however often the job runs', async () => {
    const before = t.sim.world.employeeInbox(e2.wecomUserId).length
    await Promise.all([t.app.fissionRanks.pushRedBlack(), t.app.fissionRanks.pushRedBlack()])
    await t.app.fissionRanks.pushRedBlack()
    const pushed = t.sim.world.employeeInbox(e2.wecomUserId).slice(before).map((m) => JSON.stringify(m)).filter((m) => m.includes('红黑榜'))
    expect(pushed).toHaveLength(1)
    expect(pushed[0]).toContain('红榜')
    expect(pushed[0]).toContain(e1.name)
    const audit = (await t.api('GET', `${base}/${activityId}/audit`)).json().entries.filter((e: { action: string }) => e.action === 'red_black_sent')
    expect(audit).toHaveLength(1)
    expect(audit[0].data).toMatchObject({ recipients: 1 })                            // rk-head (e2's subtree); e1's tree has no manager user
  })
})

describe('red/black list text', () => {
  const row = (rank: number, name: string, netNewCustomers: number) => ({ rank, name, netNewCustomers, employeeId: name, departmentId: 1, participants: 0, counted: netNewCustomers, completed: 0, newCustomers: netNewCustomers })
  it('top 3 on the red list, bottom 3 (worst first) on the black list, nobody on both', () => {
    const eight = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'].map((n, i) => row(i + 1, n, 8 - i))
    const text = redBlackMarkdown('活动', '2026-11-24', eight)
    const [red, black] = text.split('黑榜</font>')             // the section, not the title's 红黑榜
    expect(['甲', '乙', '丙'].every((n) => red!.includes(n))).toBe(true)
    expect(black!.indexOf('辛')).toBeLessThan(black!.indexOf('己'))
    expect(['己', '庚', '辛'].every((n) => black!.includes(n)) && !black!.includes('甲')).toBe(true)
    const four = redBlackMarkdown('活动', '2026-11-24', eight.slice(0, 4))
    expect(four.split('黑榜</font>')[1]).toContain('丁')
    expect(four.split('黑榜</font>')[1]).not.toContain('丙')
    expect(redBlackMarkdown('活动', '2026-11-24', eight.slice(0, 2))).not.toContain('黑榜</font>')
  })
})
