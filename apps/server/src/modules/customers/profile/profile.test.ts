import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../../http/actor'
import { eventually, testApp, type TestApp } from '../../../testing/test-app'
import * as customersRepo from '../repo'

let t: TestApp
const cookie = { admin: '', employee: '' }
const customer = { mine: '', other: '' }
const field = { risk: '', assets: '', opened: '', memo: '', products: '' }

const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, who = cookie.admin) =>
  t.app.http.inject({ method, url, payload: payload as object, headers: { cookie: who } })
const createField = async (body: Record<string, unknown>) => {
  const res = await call('POST', '/api/customer-fields', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id as string
}
const codeOf = (res: { statusCode: number; json(): { error: { code: string } } }) => [res.statusCode, res.json().error.code]

beforeAll(async () => {
  t = await testApp()
  const corpId = t.app.corp.id
  const [mine, other] = await t.app.org.listActiveEmployees(corpId)
  const rows = await t.app.db.insertInto('customer').values([
    { corpId, externalUserId: 'wmprof1', name: '张三', firstAddedAt: new Date('2026-01-01T00:00:00Z') },
    { corpId, externalUserId: 'wmprof2', name: '李四', firstAddedAt: new Date('2026-01-02T00:00:00Z'), bankCustomerNo: 'TAKEN-1' },
  ]).returning('id').execute()
  Object.assign(customer, { mine: rows[0]!.id, other: rows[1]!.id })
  await t.app.db.insertInto('customerFollow').values([
    { corpId, customerId: customer.mine, employeeId: mine!.id, addedAt: new Date() },
    { corpId, customerId: customer.other, employeeId: other!.id, addedAt: new Date() },
  ]).execute()
  await t.app.org.createUser({ corpId, username: 'prof-am', password: 'account-manager', displayName: '客户经理', role: 'employee', employeeId: mine!.id })
  cookie.admin = t.adminCookie
  cookie.employee = await t.login('prof-am', 'account-manager')
  field.risk = await createField({ name: '风险等级', type: 'select', options: ['低', '中', '高'] })
  field.assets = await createField({ name: '资产', type: 'number' })
  field.opened = await createField({ name: '开户日期', type: 'date' })
  field.memo = await createField({ name: '备注', type: 'text' })
  field.products = await createField({ name: '持有产品', type: 'select', options: ['基金', '理财', '基金'], multiple: true })
})
afterAll(async () => { await t?.close() })

describe('custom fields', () => {
  it('lists the live fields in order, select options without duplicates', async () => {
    const items = (await call('GET', '/api/customer-fields')).json().items as { name: string; options: string[]; multiple: boolean }[]
    expect(items.map((f) => f.name)).toEqual(['风险等级', '资产', '开户日期', '备注', '持有产品'])
    expect(items[4]).toMatchObject({ options: ['基金', '理财'], multiple: true })
  })

  it('refuses a taken name, a built-in column\'s name and a select without options', async () => {
    expect(codeOf(await call('POST', '/api/customer-fields', { name: '资产', type: 'text' }))).toEqual([409, 'customers.field.name_taken'])
    expect(codeOf(await call('POST', '/api/customer-fields', { name: '手机号', type: 'text' }))).toEqual([422, 'customers.field.name_reserved'])
    expect(codeOf(await call('POST', '/api/customer-fields', { name: '等级', type: 'select', options: [] }))).toEqual([422, 'customers.field.options_required'])
    expect(codeOf(await call('POST', '/api/customer-fields', { name: '等级', type: 'color' }))).toEqual([400, 'request.invalid'])
  })

  it('needs customers.field.write to change fields', async () => {
    expect(codeOf(await call('POST', '/api/customer-fields', { name: '越权', type: 'text' }, cookie.employee))).toEqual([403, 'auth.forbidden'])
    expect((await call('GET', '/api/customer-fields', undefined, cookie.employee)).statusCode).toBe(200)
  })

  it('locks the type and options in use once customers hold values; archives instead of deleting', async () => {
    const id = await createField({ name: '客户层级', type: 'select', options: ['普通', '贵宾'] })
    expect((await call('PATCH', `/api/customers/${customer.mine}/profile`, { attributes: { [id]: '贵宾' } })).statusCode).toBe(200)
    const base = { name: '客户层级', type: 'select', options: ['普通', '贵宾'] }
    expect(codeOf(await call('PUT', `/api/customer-fields/${id}`, { ...base, type: 'text' }))).toEqual([409, 'customers.field.type_locked'])
    expect(codeOf(await call('PUT', `/api/customer-fields/${id}`, { ...base, options: ['普通'] }))).toEqual([409, 'customers.field.option_in_use'])
    expect((await call('PUT', `/api/customer-fields/${id}`, { ...base, options: ['贵宾', '私行'] })).json().options).toEqual(['贵宾', '私行'])
    expect(codeOf(await call('DELETE', `/api/customer-fields/${id}`))).toEqual([409, 'customers.field.has_values'])
    expect((await call('PUT', `/api/customer-fields/${id}`, { ...base, options: ['贵宾', '私行'], archived: true })).json().archived).toBe(true)
    expect(((await call('GET', '/api/customer-fields')).json().items as { id: string }[]).map((f) => f.id)).not.toContain(id)
    expect(((await call('GET', '/api/customer-fields?includeArchived=true')).json().items as { id: string }[]).map((f) => f.id)).toContain(id)
    // An archived field takes no new values.
    expect(codeOf(await call('PATCH', `/api/customers/${customer.mine}/profile`, { attributes: { [id]: '私行' } }))).toEqual([422, 'customers.profile.unknown_field'])
    const unused = await createField({ name: '临时字段', type: 'text' })
    expect((await call('DELETE', `/api/customer-fields/${unused}`)).statusCode).toBe(204)
    expect(codeOf(await call('DELETE', `/api/customer-fields/${unused}`))).toEqual([404, 'customers.field.not_found'])
  })
})

describe('profile edit', () => {
  it('an account manager edits their own customer; the profile shows it and the timeline lists old → new', async () => {
    const body = { phone: '+86 139-1234-5678', bankCustomerNo: 'C-0001', attributes: { [field.risk]: '高', [field.assets]: 1200.5, [field.opened]: '2024-03-05', [field.products]: ['理财', '基金'] } }
    const res = await call('PATCH', `/api/customers/${customer.mine}/profile`, body, cookie.employee)
    expect(res.statusCode, res.body).toBe(200)
    const profile = (await call('GET', `/api/customers/${customer.mine}`, undefined, cookie.employee)).json()
    expect(profile).toMatchObject({ phone: '13912345678', bankCustomerNo: 'C-0001', verified: false, verifiedAt: null })
    expect(profile.attributes).toMatchObject({ [field.risk]: '高', [field.assets]: 1200.5, [field.opened]: '2024-03-05', [field.products]: ['理财', '基金'] })

    const second = await call('PATCH', `/api/customers/${customer.mine}/profile`, { attributes: { [field.risk]: '低', [field.assets]: null } }, cookie.employee)
    expect(second.json().changes).toEqual([
      { field: field.risk, label: '风险等级', from: '高', to: '低' },
      { field: field.assets, label: '资产', from: 1200.5, to: null },
    ])
    expect(second.json().attributes).not.toHaveProperty(field.assets)
    expect(second.json().attributes[field.opened]).toBe('2024-03-05')
    const timeline = (await call('GET', `/api/customers/${customer.mine}/timeline`, undefined, cookie.employee)).json().items as { kind: string; data: { by: string; changes: unknown[] } }[]
    const edits = timeline.filter((e) => e.kind === 'profile_updated' && e.data.by === 'prof-am')
    expect(edits).toHaveLength(2)
    expect(edits[0]!.data).toMatchObject({ by: 'prof-am', changes: second.json().changes })
    expect((edits[1]!.data.changes as { field: string }[]).map((c) => c.field)).toEqual(expect.arrayContaining(['phone', 'bankCustomerNo', field.risk]))
  })

  it('an edit that changes nothing records nothing', async () => {
    const before = await t.app.db.selectFrom('customerEvent').select('id').where('customerId', '=', customer.mine).execute()
    const res = await call('PATCH', `/api/customers/${customer.mine}/profile`, { attributes: { [field.risk]: '低' } })
    expect(res.json().changes).toEqual([])
    expect(await t.app.db.selectFrom('customerEvent').select('id').where('customerId', '=', customer.mine).execute()).toHaveLength(before.length)
  })

  it('a customer outside the scope is 404, whatever the body', async () => {
    expect(codeOf(await call('PATCH', `/api/customers/${customer.other}/profile`, { phone: '13900000000' }, cookie.employee))).toEqual([404, 'customers.customer.not_found'])
    expect(codeOf(await call('PATCH', `/api/customers/${customer.other}/profile`, { attributes: { [field.risk]: '不存在' } }, cookie.employee))).toEqual([404, 'customers.customer.not_found'])
    expect((await t.app.db.selectFrom('customer').select('phone').where('id', '=', customer.other).executeTakeFirstOrThrow()).phone).toBeNull()
  })

  it.each([
    ['assets', '12', 'not_a_number'],
    ['opened', '2024-02-30', 'bad_date'],
    ['risk', '极高', 'unknown_option'],
    ['products', '基金', 'unknown_option'],
    ['memo', 'x'.repeat(501), 'text_too_long'],
  ] as const)('refuses a value that does not fit its field (%s = %s → %s)', async (key, value, code) => {
    const res = await call('PATCH', `/api/customers/${customer.mine}/profile`, { attributes: { [field[key]]: value } })
    expect(codeOf(res)).toEqual([422, 'customers.profile.invalid_value'])
    expect(res.json().error.details.code).toBe(code)
  })

  it('refuses a bad phone, an unknown field and a customer number another customer holds', async () => {
    expect((await call('PATCH', `/api/customers/${customer.mine}/profile`, { phone: '12345' })).json().error.details).toEqual({ field: 'phone', code: 'invalid_phone' })
    expect(codeOf(await call('PATCH', `/api/customers/${customer.mine}/profile`, { attributes: { '00000000-0000-4000-8000-000000000000': 'x' } }))).toEqual([422, 'customers.profile.unknown_field'])
    expect(codeOf(await call('PATCH', `/api/customers/${customer.mine}/profile`, { bankCustomerNo: 'TAKEN-1' }))).toEqual([409, 'customers.profile.bank_no_taken'])
    expect(codeOf(await call('PATCH', `/api/customers/${customer.mine}/profile`, { verified: true }))).toEqual([400, 'request.invalid'])
  })
})

describe('activity (last_active_at)', () => {
  const lastActive = async (id: string) => (await t.app.db.selectFrom('customer').select('lastActiveAt').where('id', '=', id).executeTakeFirstOrThrow()).lastActiveAt
  const event = (kind: string, at: string) => ({ corpId: t.app.corp.id, customerId: customer.other, kind, employeeId: null, data: {}, dedupeKey: null, occurredAt: new Date(at) })

  it('moves forward on customer-initiated events only, never back', async () => {
    expect(await lastActive(customer.other)).toBeNull()
    await customersRepo.insertEvent(t.app.db, event('tagged', '2026-03-01T00:00:00Z'))
    expect(await lastActive(customer.other)).toBeNull()
    await customersRepo.insertEvent(t.app.db, event('message_received', '2026-03-02T00:00:00Z'))
    expect(await lastActive(customer.other)).toEqual(new Date('2026-03-02T00:00:00Z'))
    await customersRepo.insertEvent(t.app.db, event('added', '2026-02-01T00:00:00Z'))
    expect(await lastActive(customer.other)).toEqual(new Date('2026-03-02T00:00:00Z'))
  })

  it('a customer adding an employee through a live code is activity', async () => {
    const [employee] = await t.app.org.listActiveEmployees(t.app.corp.id)
    const code = await t.app.acquisition.create(systemActor(t.app.corp.id), {
      name: '活跃度', channelGroup: '', employees: [{ employeeId: employee!.id, dailyCap: null }], backupEmployeeId: null, skipVerify: true, tagIds: [], welcome: null, remark: '',
    })
    const scan = await t.sim.world.scan({ configId: code.configId! })
    const row = await eventually(() => t.app.db.selectFrom('customer').select(['lastActiveAt', 'firstAddedAt']).where('externalUserId', '=', scan.externalUserId).where('lastActiveAt', 'is not', null).executeTakeFirst(), 'activity')
    expect(row.lastActiveAt!.getTime()).toBeGreaterThanOrEqual(row.firstAddedAt.getTime())
  })
})
