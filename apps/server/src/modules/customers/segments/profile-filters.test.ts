import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../../../testing/test-app'

let t: TestApp
let employeeCookie = ''
const staff = { mine: '', other: '' }
const field = { memo: '', assets: '', opened: '', risk: '', products: '' }
const DAY = 86_400_000

/** A customer as the reference sees it, read back from the table. */
interface Person { id: string; verified: boolean; firstAddedAt: Date; lastActiveAt: Date | null; attributes: Record<string, unknown>; followers: Set<string> }

let state = 7
const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!
const dayOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

async function seedPopulation(corpId: string, n: number) {
  const now = Date.now()
  const customers = await t.app.db.insertInto('customer').values(Array.from({ length: n }, (_, i) => {
    const attributes: Record<string, unknown> = {}
    if (rand() < 0.7) attributes[field.memo] = pick(['高净值客户', '普通', '代发工资', ''])
    if (rand() < 0.7) attributes[field.assets] = Math.round(rand() * 1_000_000) / 100
    if (rand() < 0.7) attributes[field.opened] = dayOf(new Date(now - Math.floor(rand() * 400) * DAY - DAY / 2))
    if (rand() < 0.7) attributes[field.risk] = pick(['低', '中', '高'])
    if (rand() < 0.7) attributes[field.products] = ['基金', '理财', '保险'].filter(() => rand() < 0.5)
    // Whole days plus a half, so "now" moving by a few seconds during the test never crosses a boundary.
    const added = new Date(now - (Math.floor(rand() * 120) + 0.5) * DAY)
    return {
      corpId, externalUserId: `wmpf${i}`, name: `画像客户${i}`, firstAddedAt: added, verified: rand() < 0.4,
      lastActiveAt: rand() < 0.3 ? null : new Date(added.getTime() + Math.floor(rand() * 100) * DAY), attributes: JSON.stringify(attributes),
    }
  })).returning('id').execute()
  await t.app.db.insertInto('customerFollow').values(customers.map((c, i) => ({ corpId, customerId: c.id, employeeId: i % 2 ? staff.mine : staff.other, addedAt: new Date() }))).execute()
}

async function population(): Promise<Person[]> {
  const corpId = t.app.corp.id
  const [rows, follows] = await Promise.all([
    t.app.db.selectFrom('customer').select(['id', 'verified', 'firstAddedAt', 'lastActiveAt', 'attributes']).where('corpId', '=', corpId).execute(),
    t.app.db.selectFrom('customerFollow').select(['customerId', 'employeeId']).where('corpId', '=', corpId).execute(),
  ])
  return rows.map((r) => ({ ...r, followers: new Set(follows.filter((f) => f.customerId === r.id).map((f) => f.employeeId)) }))
}

const post = (url: string, payload: unknown, who = t.adminCookie) => t.app.http.inject({ method: 'POST', url, payload: payload as object, headers: { cookie: who } })
async function countOf(filters: unknown, who?: string) {
  const res = await post('/api/segments/count', { filters }, who)
  expect(res.statusCode, res.body).toBe(200)
  return res.json().count as number
}

beforeAll(async () => {
  t = await testApp()
  const employees = await t.app.org.listActiveEmployees(t.app.corp.id)
  Object.assign(staff, { mine: employees[0]!.id, other: employees[1]!.id })
  for (const [key, body] of [['memo', { name: '备注', type: 'text' }], ['assets', { name: '资产', type: 'number' }], ['opened', { name: '开户日期', type: 'date' }],
    ['risk', { name: '风险等级', type: 'select', options: ['低', '中', '高'] }], ['products', { name: '持有产品', type: 'select', options: ['基金', '理财', '保险'], multiple: true }]] as const) {
    field[key] = (await post('/api/customer-fields', body)).json().id
  }
  await seedPopulation(t.app.corp.id, 300)
  await t.app.org.createUser({ corpId: t.app.corp.id, username: 'pf-am', password: 'account-manager', displayName: '客户经理', role: 'employee', employeeId: staff.mine })
  employeeCookie = await t.login('pf-am', 'account-manager')
})
afterAll(async () => { await t?.close() })

type Check = (p: Person, now: number) => boolean
const str = (v: unknown) => typeof v === 'string' ? v : undefined
const num = (v: unknown) => typeof v === 'number' ? v : undefined

describe('profile filters', () => {
  const cases: [string, () => unknown, () => Check][] = [
    ['verified', () => ({ verified: true }), () => (p) => p.verified],
    ['not verified', () => ({ verified: false }), () => (p) => !p.verified],
    ['added more than 30 days ago', () => ({ addedMoreThanDaysAgo: 30 }), () => (p, now) => p.firstAddedAt.getTime() < now - 30 * DAY],
    ['added within 14 days', () => ({ addedWithinDays: 14 }), () => (p, now) => p.firstAddedAt.getTime() >= now - 14 * DAY],
    ['inactive for 30 days (never active counts from the add)', () => ({ inactiveForDays: 30 }), () => (p, now) => (p.lastActiveAt ?? p.firstAddedAt).getTime() < now - 30 * DAY],
    ['active within 7 days', () => ({ activeWithinDays: 7 }), () => (p, now) => !!p.lastActiveAt && p.lastActiveAt.getTime() >= now - 7 * DAY],
    ['the issue\'s rule: added > 30 days and no activity for 30 days', () => ({ addedMoreThanDaysAgo: 30, inactiveForDays: 30 }),
      () => (p, now) => p.firstAddedAt.getTime() < now - 30 * DAY && (p.lastActiveAt ?? p.firstAddedAt).getTime() < now - 30 * DAY],
    ['text eq', () => ({ fields: [{ fieldId: field.memo, op: 'eq', value: '代发工资' }] }), () => (p) => p.attributes[field.memo] === '代发工资'],
    ['text contains', () => ({ fields: [{ fieldId: field.memo, op: 'contains', value: '净值' }] }), () => (p) => !!str(p.attributes[field.memo])?.includes('净值')],
    ['text empty', () => ({ fields: [{ fieldId: field.memo, op: 'empty' }] }), () => (p) => !p.attributes[field.memo]],
    ['text not empty', () => ({ fields: [{ fieldId: field.memo, op: 'not_empty' }] }), () => (p) => !!p.attributes[field.memo]],
    ['number gt', () => ({ fields: [{ fieldId: field.assets, op: 'gt', value: 5000 }] }), () => (p) => (num(p.attributes[field.assets]) ?? -Infinity) > 5000],
    ['number lte', () => ({ fields: [{ fieldId: field.assets, op: 'lte', value: 2500.5 }] }), () => (p) => (num(p.attributes[field.assets]) ?? Infinity) <= 2500.5],
    ['number between', () => ({ fields: [{ fieldId: field.assets, op: 'between', value: [1000, 3000] }] }), () => (p) => { const v = num(p.attributes[field.assets]); return v !== undefined && v >= 1000 && v <= 3000 }],
    ['date before', () => ({ fields: [{ fieldId: field.opened, op: 'before', value: dayOf(new Date(Date.now() - 100 * DAY)) }] }),
      () => (p) => { const v = str(p.attributes[field.opened]); return v !== undefined && v < dayOf(new Date(Date.now() - 100 * DAY)) }],
    ['date within 60 days', () => ({ fields: [{ fieldId: field.opened, op: 'within_days', value: 60 }] }),
      () => (p, now) => { const v = str(p.attributes[field.opened]); return v !== undefined && v >= dayOf(new Date(now - 60 * DAY)) && v <= dayOf(new Date(now)) }],
    ['select in', () => ({ fields: [{ fieldId: field.risk, op: 'in', value: ['中', '高'] }] }), () => (p) => ['中', '高'].includes(p.attributes[field.risk] as string)],
    ['select not in (no value counts as not in)', () => ({ fields: [{ fieldId: field.risk, op: 'not_in', value: ['高'] }] }), () => (p) => p.attributes[field.risk] !== '高'],
    ['multi-select in (any of)', () => ({ fields: [{ fieldId: field.products, op: 'in', value: ['基金', '保险'] }] }),
      () => (p) => ((p.attributes[field.products] as string[] | undefined) ?? []).some((x) => ['基金', '保险'].includes(x))],
    ['several conditions with flags', () => ({ verified: true, fields: [{ fieldId: field.risk, op: 'in', value: ['高'] }, { fieldId: field.assets, op: 'gte', value: 1000 }] }),
      () => (p) => p.verified && p.attributes[field.risk] === '高' && (num(p.attributes[field.assets]) ?? -Infinity) >= 1000],
  ]

  it.each(cases)('%s: the count equals a reference computed from the rows', async (_, filters, check) => {
    const now = Date.now()
    const expected = (await population()).filter((p) => check()(p, now))
    expect(expected.length).toBeGreaterThan(0)
    expect(await countOf(filters())).toBe(expected.length)
  })

  it('materialises the same members, and an employee counts only their own customers', async () => {
    const filters = { inactiveForDays: 30, fields: [{ fieldId: field.risk, op: 'in', value: ['低', '中'] }] }
    const now = Date.now()
    const expected = (await population()).filter((p) => (p.lastActiveAt ?? p.firstAddedAt).getTime() < now - 30 * DAY && ['低', '中'].includes(p.attributes[field.risk] as string))
    const created = await post('/api/segments', { name: '沉默中低风险', filters })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json().definition.filters).toMatchObject(filters)
    const m = await post(`/api/segments/${created.json().id}/materialize`, undefined)
    expect(m.json().count).toBe(expected.length)
    const members = await t.app.db.selectFrom('segmentMember').select('customerId').where('segmentId', '=', created.json().id).execute()
    expect(members.map((x) => x.customerId).sort()).toEqual(expected.map((p) => p.id).sort())
    expect(await countOf(filters, employeeCookie)).toBe(expected.filter((p) => p.followers.has(staff.mine)).length)
  })

  it('refuses an unknown or archived field and an op that does not fit the type', async () => {
    const unknown = await post('/api/segments/count', { filters: { fields: [{ fieldId: '00000000-0000-4000-8000-000000000000', op: 'empty' }] } })
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([422, 'customers.segment.unknown_field'])
    for (const condition of [{ fieldId: field.memo, op: 'gt', value: 3 }, { fieldId: field.assets, op: 'eq', value: '3' }, { fieldId: field.opened, op: 'between', value: [1, 2] }, { fieldId: field.risk, op: 'contains', value: '高' }]) {
      const res = await post('/api/segments/count', { filters: { fields: [condition] } })
      expect([res.statusCode, res.json().error.code]).toEqual([422, 'customers.segment.field_op_invalid'])
    }
    const bad = await post('/api/segments/count', { filters: { fields: [{ fieldId: field.memo, op: 'like', value: 'x' }] } })
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'request.invalid'])
    const tooMany = await post('/api/segments/count', { filters: { fields: Array.from({ length: 21 }, () => ({ fieldId: field.memo, op: 'empty' })) } })
    expect(tooMany.statusCode).toBe(400)
    const archivedId = (await post('/api/customer-fields', { name: '旧字段', type: 'text' })).json().id
    await t.app.http.inject({ method: 'PUT', url: `/api/customer-fields/${archivedId}`, payload: { name: '旧字段', type: 'text', archived: true }, headers: { cookie: t.adminCookie } })
    const archived = await post('/api/segments/count', { filters: { fields: [{ fieldId: archivedId, op: 'empty' }] } })
    expect([archived.statusCode, archived.json().error.code]).toEqual([422, 'customers.segment.unknown_field'])
  })
})
