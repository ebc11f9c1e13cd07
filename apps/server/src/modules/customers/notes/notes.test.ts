import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../../../testing/test-app'

let t: TestApp
let mine = ''            // followed by the employee user
let others = ''          // followed by someone in another department
let amCookie = ''
let colleagueCookie = ''

/** Two customers of two employees; console users linked to the first employee and to a colleague with no customers. */
beforeAll(async () => {
  t = await testApp()
  const corpId = t.app.corp.id
  const employees = await t.app.org.listActiveEmployees(corpId)
  const [me, outsider, colleague] = [employees[0]!, employees.find((e) => e.departmentIds[0] !== employees[0]!.departmentIds[0])!, employees[1]!]
  const rows = await t.app.db.insertInto('customer').values([{ corpId, externalUserId: 'wmnote1', name: '张三', firstAddedAt: new Date() }, { corpId, externalUserId: 'wmnote2', name: '李四', firstAddedAt: new Date() }]).returning('id').execute()
  ;[mine, others] = [rows[0]!.id, rows[1]!.id]
  await t.app.db.insertInto('customerFollow').values([{ corpId, customerId: mine, employeeId: me.id, addedAt: new Date() }, { corpId, customerId: others, employeeId: outsider.id, addedAt: new Date() }]).execute()
  await t.app.org.createUser({ corpId, username: 'am', password: 'account-manager', displayName: '客户经理', role: 'employee', employeeId: me.id })
  await t.app.org.createUser({ corpId, username: 'am2', password: 'account-manager', displayName: '同事', role: 'operator', employeeId: colleague.id })
  amCookie = await t.login('am', 'account-manager')
  colleagueCookie = await t.login('am2', 'account-manager')
})
afterAll(async () => { await t?.close() })

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: object) =>
  t.app.http.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })
const timeline = async (cookie: string, query = '') => (await call('GET', `/api/customers/${mine}/timeline${query}`, cookie)).json().items as { kind: string; employeeName: string | null; data: Record<string, unknown> }[]

describe('follow-up notes (跟进记录)', () => {
  it('an employee writes a note on their customer; it lists newest first and shows on the timeline with its author', async () => {
    const first = await call('POST', `/api/customers/${mine}/notes`, amCookie, { kind: 'call', body: '电话沟通理财需求', nextFollowUpOn: '2026-12-01' })
    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({ kind: 'call', body: '电话沟通理财需求', nextFollowUpOn: '2026-12-01', isMine: true, updatedAt: null })
    await call('POST', `/api/customers/${mine}/notes`, amCookie, { kind: 'wechat', body: '  发送了产品资料  ' })
    const list = (await call('GET', `/api/customers/${mine}/notes`, amCookie)).json()
    expect(list.items.map((n: { body: string }) => n.body)).toEqual(['发送了产品资料', '电话沟通理财需求'])
    const employeeName = list.items[0].authorName
    const notes = (await timeline(amCookie)).filter((e) => e.kind === 'note')
    expect(notes.map((e) => [e.employeeName, e.data.body, e.data.noteKind])).toEqual([[employeeName, '发送了产品资料', 'wechat'], [employeeName, '电话沟通理财需求', 'call']])
  })

  it('pages by keyset cursor', async () => {
    const page1 = (await call('GET', `/api/customers/${mine}/notes?limit=1`, amCookie)).json()
    const page2 = (await call('GET', `/api/customers/${mine}/notes?limit=1&cursor=${page1.nextCursor}`, amCookie)).json()
    expect([page1.items[0].body, page2.items[0].body]).toEqual(['发送了产品资料', '电话沟通理财需求'])
  })

  it('the author edits and deletes; a deleted note leaves a trace on the timeline without its text', async () => {
    const [latest] = (await call('GET', `/api/customers/${mine}/notes`, amCookie)).json().items
    const edited = await call('PUT', `/api/customers/${mine}/notes/${latest.id}`, amCookie, { kind: 'meeting', body: '约了面谈', nextFollowUpOn: null })
    expect([edited.statusCode, edited.json().body, edited.json().updatedAt === null]).toEqual([200, '约了面谈', false])
    expect((await timeline(amCookie, '?kinds=note'))[0]!.data).toMatchObject({ body: '约了面谈', noteKind: 'meeting' })

    expect((await call('DELETE', `/api/customers/${mine}/notes/${latest.id}`, amCookie)).statusCode).toBe(204)
    expect((await call('GET', `/api/customers/${mine}/notes`, amCookie)).json().items.map((n: { id: string }) => n.id)).not.toContain(latest.id)
    const trace = (await timeline(amCookie, '?kinds=note'))[0]!
    expect([trace.data.noteId, trace.data.body, typeof trace.data.deletedAt]).toEqual([latest.id, undefined, 'string'])
    const row = await t.app.db.selectFrom('customerNote').select(['deletedAt', 'deletedBy']).where('id', '=', latest.id).executeTakeFirstOrThrow()
    expect(row.deletedAt).not.toBeNull()
    expect((await call('DELETE', `/api/customers/${mine}/notes/${latest.id}`, amCookie)).json().error.code).toBe('customers.note.not_found')
  })

  it('someone else may read but not edit or delete another\'s note (403)', async () => {
    const [note] = (await call('GET', `/api/customers/${mine}/notes`, colleagueCookie)).json().items
    expect(note.isMine).toBe(false)
    for (const [method, payload] of [['PUT', { kind: 'other', body: 'x' }], ['DELETE', undefined]] as const) {
      const res = await call(method, `/api/customers/${mine}/notes/${note.id}`, colleagueCookie, payload)
      expect([method, res.statusCode, res.json().error.code]).toEqual([method, 403, 'customers.note.not_author'])
    }
  })

  it('an out-of-scope customer looks absent (404) for reading and writing, and nothing is written', async () => {
    for (const [method, url, payload] of [['GET', `/api/customers/${others}/notes`], ['POST', `/api/customers/${others}/notes`, { kind: 'call', body: '越权' }]] as const) {
      const res = await call(method, url, amCookie, payload)
      expect([method, res.statusCode, res.json().error.code]).toEqual([method, 404, 'customers.customer.not_found'])
    }
    expect(await t.app.db.selectFrom('customerNote').select('id').where('customerId', '=', others).execute()).toEqual([])
  })

  it.each([
    ['an empty body', { kind: 'call', body: '   ' }],
    ['a body over 2000 characters', { kind: 'call', body: '长'.repeat(2001) }],
    ['an unknown kind', { kind: 'sms', body: '短信' }],
    ['a bad date', { kind: 'call', body: '电话', nextFollowUpOn: '2026-13-40' }],
  ])('refuses %s (400)', async (_, payload) => {
    const res = await call('POST', `/api/customers/${mine}/notes`, amCookie, payload)
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'request.invalid'])
  })

  it('filters the timeline by kind and refuses a malformed kinds list', async () => {
    expect(new Set((await timeline(amCookie, '?kinds=note,tagged')).map((e) => e.kind))).toEqual(new Set(['note']))
    expect((await call('GET', `/api/customers/${mine}/timeline?kinds=note;drop`, amCookie)).statusCode).toBe(400)
  })
})
