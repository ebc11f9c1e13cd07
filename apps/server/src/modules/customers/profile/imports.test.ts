import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../../http/actor'
import { testApp, type TestApp } from '../../../testing/test-app'
import { createImportService } from './import-service'

let t: TestApp
let employeeCookie = ''
const staff = { mine: '', outsider: '' }
const field = { risk: '', assets: '', opened: '', products: '' }
const c: Record<'plain' | 'remark' | 'outsider' | 'twinA' | 'twinB' | 'banked' | 'kept', string> = {} as never

interface ImportReply { id: string; status: string; rowCount: number; errorCount: number; updatedCount: number | null; mapping: (string | null)[]; matchBy: string }
interface Row { rowNo: number; customerId: string | null; changes: Record<string, unknown>; errors: { code: string; column?: string; message: string }[] }

async function upload(name: string, data: Buffer | string, opts: { cookie?: string; query?: string } = {}) {
  const form = new FormData()
  form.append('file', new Blob([typeof data === 'string' ? data : new Uint8Array(data)]), name)
  const res = await fetch(`${t.baseUrl}/api/customer-imports${opts.query ?? ''}`, { method: 'POST', body: form, headers: { cookie: opts.cookie ?? t.adminCookie } })
  return { status: res.status, body: await res.json() as ImportReply & { error: { code: string } } }
}
const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, cookie = t.adminCookie) =>
  t.app.http.inject({ method, url, payload: payload as object, headers: { cookie } })
const rowsOf = async (id: string, query = '') => {
  const items: Row[] = []
  for (let after: number | null = 0; after !== null;) {
    const page: { items: Row[]; nextAfter: number | null } = (await call('GET', `/api/customer-imports/${id}/rows?limit=500&after=${after}${query}`)).json()
    items.push(...page.items)
    after = page.nextAfter
  }
  return items
}
const codes = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.rowNo, r.errors.map((e) => e.code)]))
const profileOf = (id: string) => t.app.db.selectFrom('customer').select(['phone', 'bankCustomerNo', 'verified', 'verifiedAt', 'attributes']).where('id', '=', id).executeTakeFirstOrThrow()
const snapshot = () => t.app.db.selectFrom('customer').select(['id', 'phone', 'bankCustomerNo', 'verified', 'attributes']).where('corpId', '=', t.app.corp.id).orderBy('id').execute()
const eventCount = async (kind: string) => Number((await t.app.db.selectFrom('customerEvent').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', kind).executeTakeFirstOrThrow()).n)

const HEADER = '手机号,客户号,已实名,风险等级,资产,开户日期,备注,持有产品'
const csv = (...lines: string[]) => '\uFEFF' + [HEADER, ...lines].join('\r\n') + '\r\n'

beforeAll(async () => {
  t = await testApp()
  const corpId = t.app.corp.id
  const employees = await t.app.org.listActiveEmployees(corpId)
  const other = employees.find((e) => e.departmentIds[0] !== employees[0]!.departmentIds[0])!
  Object.assign(staff, { mine: employees[0]!.id, outsider: other.id })
  for (const [key, body] of [['risk', { name: '风险等级', type: 'select', options: ['低', '中', '高'] }], ['assets', { name: '资产', type: 'number' }],
    ['opened', { name: '开户日期', type: 'date' }], ['products', { name: '持有产品', type: 'select', options: ['基金', '理财', '保险'], multiple: true }]] as const) {
    field[key] = (await call('POST', '/api/customer-fields', body)).json().id
  }
  const seed = [
    ['plain', '13800000001', null, staff.mine], ['remark', null, null, staff.mine], ['outsider', '13800000003', null, staff.outsider],
    ['twinA', '13800000004', null, staff.mine], ['twinB', '13800000004', null, staff.mine], ['banked', null, 'B-006', staff.mine], ['kept', '13800000008', null, staff.mine],
  ] as const
  const rows = await t.app.db.insertInto('customer').values(seed.map(([key, phone, bankCustomerNo]) => ({
    corpId, externalUserId: `wmimp-${key}`, name: `导入-${key}`, firstAddedAt: new Date('2026-01-01T00:00:00Z'), phone, bankCustomerNo,
    attributes: key === 'kept' ? JSON.stringify({ [field.risk]: '低' }) : undefined,
  }))).returning('id').execute()
  seed.forEach(([key], i) => { c[key] = rows[i]!.id })
  await t.app.db.insertInto('customerFollow').values(seed.map(([key, , , employeeId]) => ({
    corpId, customerId: c[key], employeeId, addedAt: new Date(), remarkMobiles: key === 'remark' ? ['+86 138-0000-0002'] : [],
  }))).execute()
  await t.app.org.createUser({ corpId, username: 'imp-am', password: 'account-manager', displayName: '客户经理', role: 'employee', employeeId: staff.mine })
  employeeCookie = await t.login('imp-am', 'account-manager')
})
afterAll(async () => { await t?.close() })

describe('upload and preview', () => {
  it('reads a CSV with a BOM, maps columns by header and gives every row its outcome', async () => {
    const { status, body } = await upload('客户资料.csv', csv(
      '138 0000 0001,C-001,是,高,"1,234.5",2024/3/5,VIP,基金、理财',   // 1 ok
      '+86 13800000002,,否,中,,,,',                                  // 2 ok: a remark mobile of the relation
      '12345,,,,,,,',                                                // 3 invalid phone
      '13800000009,,,,,,,',                                          // 4 nobody
      '13800000004,,,,,,,',                                          // 5 two customers have it
      '13800000007,,,,,,,', '13800000007,,,,,,,',                    // 6, 7 twice in the file
      '13800000003,,是,极高,abc,2024-02-30,,',                        // 8 bad cells (the customer exists)
      '13800000008,B-006,maybe,,,,,',                                // 9 number held by another customer, bad verified
      ',C-010,是,,,,,',                                              // 10 no key
    ))
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body).toMatchObject({ status: 'previewed', matchBy: 'phone', rowCount: 10, errorCount: 8 })
    expect(body.mapping).toEqual(['phone', 'bankCustomerNo', 'verified', `field:${field.risk}`, `field:${field.assets}`, `field:${field.opened}`, null, `field:${field.products}`])
    const rows = await rowsOf(body.id)
    expect(codes(rows)).toEqual({
      1: [], 2: [], 3: ['invalid_phone'], 4: ['no_match'], 5: ['ambiguous_phone'], 6: ['duplicate_key'], 7: ['duplicate_key'],
      8: ['unknown_option', 'not_a_number', 'bad_date'], 9: ['invalid_verified', 'bank_no_taken'], 10: ['missing_key'],
    })
    expect(rows[0]).toMatchObject({ customerId: c.plain, changes: { phone: '13800000001', bankCustomerNo: 'C-001', verified: true, attributes: { [field.risk]: '高', [field.assets]: 1234.5, [field.opened]: '2024-03-05', [field.products]: ['基金', '理财'] } } })
    expect(rows[1]!.customerId).toBe(c.remark)
    expect(rows[7]!.errors.map((e) => e.column)).toEqual(['风险等级', '资产', '开户日期'])
    expect(rows[2]!.errors[0]!.message).toBe('手机号格式不正确')
    expect((await rowsOf(body.id, '&errorsOnly=true')).map((r) => r.rowNo)).toEqual([3, 4, 5, 6, 7, 8, 9, 10])

    const report = await call('GET', `/api/customer-imports/${body.id}/errors.csv`)
    expect(report.headers['content-type']).toContain('text/csv')
    const lines = report.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(lines[0]).toBe(`行号,${HEADER},错误代码,错误原因`)
    expect(lines).toHaveLength(9)
    expect(lines[1]).toBe('3,12345,,,,,,,,invalid_phone,手机号: 手机号格式不正确')
  })

  it('all_or_nothing writes nothing when a row is bad; valid_rows writes the good rows once, each with an event', async () => {
    const { body } = await upload('a.csv', csv('13800000001,C-001,是,高,100,2024-03-05,,基金', '+8613800000002,,1,,,,,', '13800000008,,,中,,,,', '13800000009,,,,,,,'))
    const before = await snapshot()
    const refused = await call('POST', `/api/customer-imports/${body.id}/apply`, { mode: 'all_or_nothing' })
    expect([refused.statusCode, refused.json().error.code]).toEqual([422, 'customers.import.has_errors'])
    expect(await snapshot()).toEqual(before)
    expect((await call('GET', `/api/customer-imports/${body.id}`)).json()).toMatchObject({ status: 'previewed', mode: null })

    const applied = await call('POST', `/api/customer-imports/${body.id}/apply`, { mode: 'valid_rows' })
    expect(applied.statusCode, applied.body).toBe(200)
    expect(applied.json()).toMatchObject({ status: 'applied', mode: 'valid_rows', updatedCount: 3 })
    const plain = await profileOf(c.plain)
    expect(plain).toMatchObject({ phone: '13800000001', bankCustomerNo: 'C-001', verified: true, attributes: { [field.risk]: '高', [field.assets]: 100, [field.opened]: '2024-03-05', [field.products]: ['基金'] } })
    expect(plain.verifiedAt).toBeInstanceOf(Date)
    expect(await profileOf(c.remark)).toMatchObject({ phone: '13800000002', verified: true })
    // A merge per field: the value the file does not mention is kept.
    expect((await profileOf(c.kept)).attributes).toEqual({ [field.risk]: '中' })
    const events = await t.app.db.selectFrom('customerEvent').select(['customerId', 'data']).where('kind', '=', 'profile_imported').execute()
    expect(events.map((e) => e.customerId).sort()).toEqual([c.plain, c.remark, c.kept].sort())
    expect(events.find((e) => e.customerId === c.kept)!.data).toMatchObject({ importId: body.id, changes: [{ field: field.risk, label: '风险等级', from: '低', to: '中' }] })

    const again = await call('POST', `/api/customer-imports/${body.id}/apply`, { mode: 'valid_rows' })
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'customers.import.already_applied'])
    expect(await eventCount('profile_imported')).toBe(3)
    const remap = await call('PUT', `/api/customer-imports/${body.id}/mapping`, { matchBy: 'phone', mapping: body.mapping })
    expect([remap.statusCode, remap.json().error.code]).toEqual([409, 'customers.import.already_applied'])
  })

  it('reads an XLSX (numbers, dates, phones as numbers), matches by customer number and applies all_or_nothing', async () => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('客户')
    sheet.addRow(['客户编号', '手机', '实名认证', '资产', '开户日期'])
    sheet.addRow(['B-006', 13900000006, 'Y', 88000, new Date(Date.UTC(2023, 11, 31))])
    const { status, body } = await upload('bank.xlsx', Buffer.from(await book.xlsx.writeBuffer()), { query: '?matchBy=bank_customer_no' })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body).toMatchObject({ matchBy: 'bank_customer_no', errorCount: 0, mapping: ['bankCustomerNo', 'phone', 'verified', `field:${field.assets}`, `field:${field.opened}`] })
    expect((await call('POST', `/api/customer-imports/${body.id}/apply`, { mode: 'all_or_nothing' })).json()).toMatchObject({ status: 'applied', updatedCount: 1 })
    expect(await profileOf(c.banked)).toMatchObject({ phone: '13900000006', verified: true, attributes: { [field.assets]: 88000, [field.opened]: '2023-12-31' } })
  })

  it('re-maps columns and the match key, recomputing the preview', async () => {
    const { body } = await upload('remap.csv', csv('13800000003,,,,,,,'))
    expect(body.errorCount).toBe(0)
    const ignored = body.mapping.map((m) => m === 'phone' ? null : m)
    const noKey = await call('PUT', `/api/customer-imports/${body.id}/mapping`, { matchBy: 'phone', mapping: ignored })
    expect([noKey.statusCode, noKey.json().error.code]).toEqual([422, 'customers.import.no_key_column'])
    const bad = await call('PUT', `/api/customer-imports/${body.id}/mapping`, { matchBy: 'phone', mapping: ['phone'] })
    expect([bad.statusCode, bad.json().error.code]).toEqual([422, 'customers.import.bad_mapping'])
    const byBank = await call('PUT', `/api/customer-imports/${body.id}/mapping`, { matchBy: 'bank_customer_no', mapping: body.mapping })
    expect(byBank.json().errorCount).toBe(1)
    expect(codes(await rowsOf(body.id))).toEqual({ 1: ['missing_key'] })
    expect((await call('POST', `/api/customer-imports/${body.id}/discard`)).json().status).toBe('discarded')
    expect((await call('POST', `/api/customer-imports/${body.id}/apply`, { mode: 'valid_rows' })).json().error.code).toBe('customers.import.discarded')
  })

  it.each([
    ['a.pdf', 415, 'customers.import.unsupported_type', '%PDF-1.4'],
    ['fake.xlsx', 415, 'customers.import.unsupported_type', 'not a zip'],
    ['empty.csv', 422, 'customers.import.empty', ''],
    ['header-only.csv', 422, 'customers.import.empty', '\uFEFF手机号,客户号\r\n'],
    ['no-header.csv', 422, 'customers.import.no_header', '13800000001,C-1\r\n13800000002,C-2\r\n'],
    ['broken.csv', 422, 'customers.import.unreadable', '手机号,备注\r\n13800000001,"unterminated\r\n'],
  ])('refuses %s with %i %s', async (name, status, code, data) => {
    const res = await upload(name, data)
    expect([res.status, res.body.error.code]).toEqual([status, code])
  })

  it('refuses a file over 20 MB, over 200,000 rows, or no file at all', async () => {
    const big = await upload('big.csv', Buffer.alloc(20 * 1024 * 1024 + 10, 'a'))
    expect([big.status, big.body.error.code]).toEqual([413, 'customers.import.too_large'])
    const many = await upload('many.csv', '手机号\n' + '13800000001\n'.repeat(200_001))
    expect([many.status, many.body.error.code]).toEqual([422, 'customers.import.too_many_rows'])
    const none = await call('POST', '/api/customer-imports', {})
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'customers.import.file_missing'])
  })

  it('needs customers.import', async () => {
    const res = await upload('a.csv', csv('13800000001,,,,,,,'), { cookie: employeeCookie })
    expect([res.status, res.body.error.code]).toEqual([403, 'auth.forbidden'])
  })

  it('offers a template with the custom fields, and lists the history newest first', async () => {
    const res = await call('GET', '/api/customer-imports/template?format=xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect((book.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual(['手机号', '客户号', '已实名', '风险等级', '资产', '开户日期', '持有产品'])
    const csvTemplate = await call('GET', '/api/customer-imports/template?format=csv')
    expect(csvTemplate.body.startsWith('\uFEFF手机号,客户号,已实名,风险等级')).toBe(true)
    const list = (await call('GET', '/api/customer-imports?limit=2')).json()
    expect(list.items).toHaveLength(2)
    expect(Number(list.items[0].id)).toBeGreaterThan(Number(list.items[1].id))
    expect(list.items[0].createdByName).toBe('admin')
    const next = (await call('GET', `/api/customer-imports?limit=2&cursor=${list.nextCursor}`)).json()
    expect(Number(next.items[0].id)).toBeLessThan(Number(list.items[1].id))
  })
})

describe('data scope and failure', () => {
  let userId = ''
  beforeAll(async () => { userId = (await t.app.db.selectFrom('adminUser').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id })
  const operatorOf = (employeeIds: string[]): Actor => ({ corpId: t.app.corp.id, userId, username: 'scoped-operator', role: 'operator', scope: { kind: 'employees', employeeIds } })
  const service = () => createImportService({ db: t.app.db, clock: () => new Date() })

  it('an actor whose scope excludes a customer gets no match for it, never a hint', async () => {
    const file = { filename: 's.csv', data: Buffer.from(csv('13800000003,,,低,,,,', '13800000001,,,低,,,,')) }
    const scoped = await service().upload(operatorOf([staff.mine]), file)
    const page = await service().rows(operatorOf([staff.mine]), scoped.id, { errorsOnly: false, limit: 10 }, 'zh')
    expect(page.items.map((r) => [r.rowNo, r.customerId, r.errors.map((e) => e.code)])).toEqual([[1, null, ['no_match']], [2, c.plain, []]])
    const everyone = await service().upload({ ...operatorOf([]), scope: { kind: 'all' } }, file)
    expect(everyone.errorCount).toBe(0)
    // The admin's preview, applied by the scoped actor: the customer outside their scope is not written — nothing is.
    await expect(service().apply(operatorOf([staff.mine]), everyone.id, 'valid_rows')).rejects.toMatchObject({ code: 'customers.import.stale' })
    expect((await profileOf(c.outsider)).attributes).toEqual({})
    expect((await service().get(operatorOf([staff.mine]), everyone.id)).status).toBe('previewed')
  })

  it('a failure in a later batch leaves every customer as it was', async () => {
    const corpId = t.app.corp.id
    const bulk = await t.app.db.insertInto('customer').values(Array.from({ length: 2100 }, (_, i) => ({
      corpId, externalUserId: `wmbulk${i}`, name: `批量${i}`, firstAddedAt: new Date(), phone: `1370000${String(i).padStart(4, '0')}`,
    }))).returning('id').execute()
    await t.app.db.insertInto('customerFollow').values(bulk.map((b) => ({ corpId, customerId: b.id, employeeId: staff.mine, addedAt: new Date() }))).execute()
    const lines = bulk.map((_, i) => `1370000${String(i).padStart(4, '0')},BULK-${i},是,中,${i},,,`)
    const { body } = await upload('bulk.csv', csv(...lines))
    expect(body).toMatchObject({ rowCount: 2100, errorCount: 0 })
    const before = await snapshot()
    const events = await eventCount('profile_imported')
    // Row 2050 lies in the second batch of 2,000: the first batch is written by then.
    await sql`alter table customer add constraint import_test_refuse check (bank_customer_no is distinct from 'BULK-2049')`.execute(t.app.db)
    try {
      await expect(service().apply({ ...operatorOf([]), scope: { kind: 'all' } }, body.id, 'all_or_nothing')).rejects.toThrow(/import_test_refuse/)
    } finally {
      await sql`alter table customer drop constraint import_test_refuse`.execute(t.app.db)
    }
    expect(await snapshot()).toEqual(before)
    expect(await eventCount('profile_imported')).toBe(events)
    expect((await call('GET', `/api/customer-imports/${body.id}`)).json()).toMatchObject({ status: 'previewed', updatedCount: null })
    const applied = await call('POST', `/api/customer-imports/${body.id}/apply`, { mode: 'all_or_nothing' })
    expect(applied.json()).toMatchObject({ status: 'applied', updatedCount: 2100 })
    expect((await profileOf(bulk[2049]!.id)).bankCustomerNo).toBe('BULK-2049')
  })
})
