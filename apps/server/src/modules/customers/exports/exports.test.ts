import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import http from 'node:http'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, testApp, type TestApp } from '../../../testing/test-app'

let t: TestApp
let tagId = ''
const ids: Record<'mine' | 'colleague' | 'outsider', string[]> = { mine: [], colleague: [], outsider: [] }
const cookie: Record<'operator' | 'manager' | 'employee', string> = {} as never

/**
 * Seven customers of three employees (two in one department, one elsewhere), with profile data and a tag;
 * an operator (masked exports), a manager of the first department and an employee (no export permission).
 */
beforeAll(async () => {
  t = await testApp()
  const corpId = t.app.corp.id
  const employees = await t.app.org.listActiveEmployees(corpId)
  const byDept = new Map<number, typeof employees>()
  for (const e of employees) byDept.set(e.departmentIds[0]!, [...(byDept.get(e.departmentIds[0]!) ?? []), e])
  const [deptA, deptB] = [...byDept.values()].filter((list) => list.length >= 2)
  const owners = { mine: deptA![0]!, colleague: deptA![1]!, outsider: deptB![0]! }
  const group = await t.app.db.insertInto('tagGroup').values({ corpId, name: '导出测试' }).returning('id').executeTakeFirstOrThrow()
  tagId = (await t.app.db.insertInto('tag').values({ corpId, groupId: group.id, name: '导出' }).returning('id').executeTakeFirstOrThrow()).id
  let n = 0
  for (const [key, count] of [['mine', 3], ['colleague', 2], ['outsider', 2]] as const) {
    for (let i = 0; i < count; i++, n++) {
      const c = await t.app.db.insertInto('customer').values({
        corpId, externalUserId: `wmExport${String(n).padStart(8, '0')}`, name: `客户${'甲乙丙丁戊己庚'[n]}${n}`, firstAddedAt: new Date(Date.UTC(2026, 0, 1 + n)),
        phone: `1380000${String(1000 + n)}`, bankCustomerNo: `62220000${String(n).padStart(4, '0')}`, verified: n % 2 === 0,
      }).returning('id').executeTakeFirstOrThrow()
      await t.app.db.insertInto('customerFollow').values({ corpId, customerId: c.id, employeeId: owners[key].id, addedAt: new Date() }).execute()
      await t.app.db.insertInto('customerTag').values({ corpId, customerId: c.id, tagId }).execute()
      ids[key].push(c.id)
    }
  }
  const users = [['operator', 'operator', undefined], ['manager', 'department_manager', owners.colleague.id], ['employee', 'employee', owners.mine.id]] as const
  for (const [username, role, employeeId] of users) {
    await t.app.org.createUser({ corpId, username, password: 'export-test-pw', displayName: username, role, employeeId })
    cookie[username] = await t.login(username, 'export-test-pw')
  }
})
afterAll(async () => { await t?.close() })

const get = (url: string, who: string = t.adminCookie) => t.app.http.inject({ method: 'GET', url, headers: { cookie: who } })
const csvRows = (body: Buffer) => {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])                 // BOM: Excel reads UTF-8 Chinese
  return parse(body, { bom: true, columns: true }) as Record<string, string>[]
}
const logs = async () => (await get('/api/customers/exports?limit=100')).json().items as { source: string; format: string; masked: boolean; rowCount: number | null; status: string; username: string; filter: Record<string, unknown>; segmentName: string | null }[]
const all = () => [...ids.mine, ...ids.colleague, ...ids.outsider]

describe('exporting the customer list', () => {
  it('CSV parses back to exactly the list the actor sees under the same filters, unmasked for an admin', async () => {
    const res = await get(`/api/customers/export?format=csv&tagId=${tagId}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="customers-\d{14}\.csv"/)
    const rows = csvRows(res.rawPayload)
    const list = (await get(`/api/customers?tagId=${tagId}&limit=200`)).json().items as { id: string; name: string; externalUserId: string; followers: { name: string }[]; tags: { name: string }[] }[]
    expect(rows.map((r) => [r['客户ID'], r['客户名称'], r['external_userid'], r['跟进员工'], r['标签']]))
      .toEqual(list.map((c) => [c.id, c.name, c.externalUserId, c.followers.map((f) => f.name).join('、'), c.tags.map((x) => x.name).join('、')]))
    expect(rows.length).toBe(7)
    const first = rows.find((r) => r['客户ID'] === ids.mine[0])!
    expect([first['手机号'], first['银行客户号'], first['实名认证'], first['添加时间']]).toEqual(['13800001000', '622200000000', '是', '2026-01-01 08:00:00'])
  })

  it('adds a column per live custom field, by its name, with the customer\'s value', async () => {
    const corpId = t.app.corp.id
    const [risk, archived] = await t.app.db.insertInto('customerField').values([
      { corpId, name: '风险等级', type: 'select', options: ['低', '高'], multiple: true, position: 1 },
      { corpId, name: '已停用字段', type: 'text', position: 2, archivedAt: new Date() },
    ]).returning('id').execute()
    await t.app.db.updateTable('customer').set({ attributes: JSON.stringify({ [risk!.id]: ['低', '高'], [archived!.id]: '旧值' }) }).where('id', '=', ids.mine[0]!).execute()
    const rows = csvRows((await get(`/api/customers/export?format=csv&tagId=${tagId}`)).rawPayload)
    expect(Object.keys(rows[0]!).slice(-2)).toEqual(['实名认证', '风险等级'])
    expect(rows.find((r) => r['客户ID'] === ids.mine[0])!['风险等级']).toBe('低、高')
  })

  it('masks names, phones, bank numbers and WeCom ids for an operator without customers.export.unmasked', async () => {
    const rows = csvRows((await get(`/api/customers/export?format=csv&tagId=${tagId}&q=${encodeURIComponent('客户甲0')}`, cookie.operator)).rawPayload)
    expect(rows.map((r) => [r['客户ID'], r['客户名称'], r['external_userid'], r['手机号'], r['银行客户号']]))
      .toEqual([[ids.mine[0], '客***', 'wmEx********0000', '138****1000', '********0000']])
  })

  it('a manager exports only their department subtree; the log counts only what they got', async () => {
    const rows = csvRows((await get(`/api/customers/export?format=csv&tagId=${tagId}`, cookie.manager)).rawPayload)
    expect(rows.map((r) => r['客户ID']).sort()).toEqual([...ids.mine, ...ids.colleague].sort())
    const viaOutsider = csvRows((await get(`/api/customers/export?format=csv&employeeId=${(await t.app.db.selectFrom('customerFollow').select('employeeId').where('customerId', '=', ids.outsider[0]!).executeTakeFirstOrThrow()).employeeId}`, cookie.manager)).rawPayload)
    expect(viaOutsider).toEqual([])
    await eventually(async () => (await logs()).find((l) => l.username === 'manager' && l.rowCount === 5 && l.status === 'done'), 'the manager\'s log row')
  })

  it('XLSX is a real workbook exceljs reads back, with the same rows, in English when asked', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: `/api/customers/export?format=xlsx&tagId=${tagId}`, headers: { cookie: t.adminCookie, 'accept-language': 'en' } })
    expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    const values = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))
    expect(values[0]!.slice(0, 3)).toEqual(['Customer ID', 'Name', 'external_userid'])
    expect(values.slice(1).map((r) => r[0])).toEqual(csvRows((await get(`/api/customers/export?format=csv&tagId=${tagId}`)).rawPayload).map((r) => r['客户ID']))
  })

  it('writes a log row for each export: who, source and filter, format, masked, rows, done', async () => {
    const rows = await eventually(async () => { const l = await logs(); return l.every((x) => x.status !== 'running') && l })
    expect(rows.find((l) => l.username === 'operator')).toMatchObject({ source: 'customers', format: 'csv', masked: true, rowCount: 1, status: 'done', filter: { tagId, q: '客户甲0' } })
    expect(rows.find((l) => l.username === 'admin' && l.format === 'xlsx')).toMatchObject({ masked: false, rowCount: 7, status: 'done' })
  })

  it('refuses without customers.export (403) and the log without customers.export.log (403)', async () => {
    const res = await get('/api/customers/export?format=csv', cookie.employee)
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'auth.forbidden'])
    expect((await get('/api/customers/exports', cookie.manager)).statusCode).toBe(403)
  })

  it.each([
    ['a backwards date range', 'format=csv&addedFrom=2026-03-01&addedTo=2026-02-01'],
    ['a malformed tag id', 'format=csv&tagId=abc'],
    ['an unknown format', 'format=pdf'],
    ['no format', 'tagId=' + '00000000-0000-4000-8000-000000000000'],
  ])('refuses %s (400) and logs nothing', async (_, query) => {
    const before = (await logs()).length
    const res = await get(`/api/customers/export?${query}`)
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'request.invalid'])
    expect((await logs()).length).toBe(before)
  })
})

describe('exporting a saved segment', () => {
  let segmentId = ''
  beforeAll(async () => {
    segmentId = (await t.app.http.inject({ method: 'POST', url: '/api/segments', headers: { cookie: t.adminCookie }, payload: { name: '导出人群', expression: { tag: tagId } } })).json().id
  })

  it('refuses a segment never materialised (409 customers.segment.not_materialized), logging nothing', async () => {
    const res = await get(`/api/segments/${segmentId}/export?format=csv`)
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'customers.segment.not_materialized'])
  })

  it('exports the materialised members as each actor sees them', async () => {
    expect((await t.app.http.inject({ method: 'POST', url: `/api/segments/${segmentId}/materialize`, headers: { cookie: t.adminCookie } })).json()).toEqual({ count: 7 })
    const admin = csvRows((await get(`/api/segments/${segmentId}/export?format=csv`)).rawPayload)
    expect(admin.map((r) => r['客户ID'])).toEqual(all().sort((a, b) => Number(a) - Number(b)))
    const manager = csvRows((await get(`/api/segments/${segmentId}/export?format=csv`, cookie.manager)).rawPayload)
    expect(manager.map((r) => r['客户ID']).sort()).toEqual([...ids.mine, ...ids.colleague].sort())
    expect(manager.every((r) => r['客户名称']!.endsWith('*'))).toBe(true)
    const log = await eventually(async () => (await logs()).find((l) => l.source === 'segment' && l.username === 'manager' && l.status === 'done'))
    expect([log.segmentName, log.rowCount, log.masked]).toEqual(['导出人群', 5, true])
  })

  it('answers 404 for a segment that does not exist', async () => {
    expect((await get('/api/segments/00000000-0000-4000-8000-000000000000/export?format=csv')).statusCode).toBe(404)
  })
})

describe('a stream the client abandons', () => {
  it('is logged as failed with the rows sent so far', async () => {
    // 20,000 customers: more than the socket buffers hold, so the server is mid-stream when the client leaves.
    await sql`insert into customer (corp_id, external_user_id, name, first_added_at)
      select ${t.app.corp.id}, 'wmBulk' || g, '批量' || g, now() - g * interval '1 second' from generate_series(1, 20000) g`.execute(t.app.db)
    const query = `format=csv&q=${encodeURIComponent('批量')}`
    await new Promise<void>((resolve, reject) => {
      const req = http.get(`${t.baseUrl}/api/customers/export?${query}`, { headers: { cookie: t.adminCookie } }, (res) => {
        res.once('data', () => { req.destroy(); resolve() })             // the first bytes, then the client hangs up
      })
      req.on('error', (err) => { if (!req.destroyed) reject(err) })
    })
    const log = await eventually(async () => (await logs()).find((l) => l.filter.q === '批量' && l.status !== 'running'), 'the abandoned export\'s log row')
    expect(log.status).toBe('failed')
    expect(log.rowCount).toBeLessThan(20000)
  })
})
