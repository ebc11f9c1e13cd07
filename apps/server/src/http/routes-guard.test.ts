import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../testing/test-app'

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => { await t?.close() })

const inject = (method: string, url: string, payload?: unknown, cookie = t.adminCookie) =>
  t.app.http.inject({ method: method as 'GET', url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: cookie ? { cookie } : {} })

/** Every route in the OpenAPI document, with path parameters filled by a well-formed id. */
function documentedRoutes() {
  const doc = t.app.http.swagger() as { paths: Record<string, Record<string, unknown>> }
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({
    method: m.toUpperCase(), path, url: path.replace('{id}', '00000000-0000-4000-8000-000000000000').replace(/\{[a-zA-Z]+\}/g, 'x1'),
  })))
}

async function rowCounts() {
  const tables = ['liveCode', 'liveCodeEmployee', 'customer', 'customerFollow', 'customerEvent', 'adminSession'] as const
  const counts: Record<string, number> = {}
  for (const table of tables) counts[table] = Number((await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
  return counts
}

describe('every console route needs a session', () => {
  it('answers 401 auth.required without one (all documented routes but login)', async () => {
    const routes = documentedRoutes().filter((r) => r.path.startsWith('/api/') && r.path !== '/api/auth/login')
    expect(routes.length).toBeGreaterThan(15)
    for (const r of routes) {
      const res = await inject(r.method, r.url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {}, '')
      expect([r.method, r.path, res.statusCode, res.json().error?.code]).toEqual([r.method, r.path, 401, 'auth.required'])
    }
  })

  it('the customers\' H5 routes take no session but a signed link, and refuse a forged one (even with an admin session)', async () => {
    const routes = documentedRoutes().filter((r) => r.path.startsWith('/h5/'))
    expect(routes.length).toBeGreaterThan(3)
    expect(documentedRoutes().every((r) => r.path.startsWith('/api/') || r.path.startsWith('/h5/api/'))).toBe(true)
    for (const r of routes) {
      const res = await inject(r.method, `${r.url}?t=forged.token`, r.method === 'GET' ? undefined : { completionId: '1' })   // a well-formed body
      expect([r.method, r.path, res.statusCode, res.json().error?.code]).toEqual([r.method, r.path, 401, 'fission.h5.link_invalid'])
    }
  })

  it('refuses a forged session cookie', async () => {
    const res = await inject('GET', '/api/customers', undefined, 'pond_session=forged')
    expect(res.statusCode).toBe(401)
  })
})

describe('bad input gets a 4xx with a stable code and writes nothing', () => {
  const someUuid = '00000000-0000-4000-8000-000000000000'
  const cases: [string, string, unknown, number, string][] = [
    ['POST', '/api/auth/login', { username: '' }, 400, 'request.invalid'],
    ['POST', '/api/auth/login', { username: 'admin', password: 'wrong' }, 401, 'org.auth.invalid_credentials'],
    ['GET', '/api/org/employees?limit=0', undefined, 400, 'request.invalid'],
    ['GET', '/api/org/employees?status=3', undefined, 400, 'request.invalid'],
    ['GET', '/api/org/employees?departmentId=abc', undefined, 400, 'request.invalid'],
    ['POST', '/api/live-codes', {}, 400, 'request.invalid'],
    ['POST', '/api/live-codes', { name: 'x'.repeat(31), employees: [{ employeeId: someUuid }] }, 400, 'request.invalid'],
    ['POST', '/api/live-codes', { name: '空员工', employees: [] }, 400, 'request.invalid'],
    ['POST', '/api/live-codes', { name: '坏员工', employees: [{ employeeId: 'not-a-uuid' }] }, 400, 'request.invalid'],
    ['POST', '/api/live-codes', { name: '未知员工', employees: [{ employeeId: someUuid, dailyCap: null }] }, 404, 'org.employee.not_found'],
    ['POST', '/api/live-codes', { name: '超长欢迎语', employees: [{ employeeId: someUuid }], welcome: { text: '字'.repeat(1400), attachments: [] } }, 400, 'request.invalid'],
    ['POST', '/api/live-codes', { name: '附件过多', employees: [{ employeeId: someUuid }], welcome: { text: 'hi', attachments: Array(10).fill({ type: 'link', title: 't', url: 'https://e.com' }) } }, 400, 'request.invalid'],
    ['POST', '/api/live-codes', { name: '坏链接', employees: [{ employeeId: someUuid }], welcome: { text: 'hi', attachments: [{ type: 'link', title: 't', url: 'javascript:alert(1)' }] } }, 400, 'request.invalid'],
    ['POST', '/api/live-codes', { name: '负上限', employees: [{ employeeId: someUuid, dailyCap: -1 }] }, 400, 'request.invalid'],
    ['GET', '/api/live-codes/not-a-uuid', undefined, 400, 'request.invalid'],
    ['GET', `/api/live-codes/${someUuid}`, undefined, 404, 'acquisition.live_code.not_found'],
    ['PUT', `/api/live-codes/${someUuid}`, { name: 'x', employees: [{ employeeId: someUuid }] }, 404, 'acquisition.live_code.not_found'],
    ['DELETE', `/api/live-codes/${someUuid}`, undefined, 404, 'acquisition.live_code.not_found'],
    ['GET', `/api/live-codes/${someUuid}/stats`, undefined, 404, 'acquisition.live_code.not_found'],
    ['GET', '/api/live-codes?limit=1000', undefined, 400, 'request.invalid'],
    ['GET', '/api/customers?cursor=garbage', undefined, 400, 'request.cursor_invalid'],
    ['GET', '/api/customers?addedFrom=2026-02-01&addedTo=2026-01-01', undefined, 400, 'request.invalid'],
    ['GET', '/api/customers?tagId=1', undefined, 400, 'request.invalid'],
    ['GET', '/api/customers/abc', undefined, 400, 'request.invalid'],
    ['GET', '/api/customers/999999999', undefined, 404, 'customers.customer.not_found'],
    ['GET', '/api/customers/999999999/timeline', undefined, 404, 'customers.customer.not_found'],
    ['POST', `/api/sandbox/live-codes/${someUuid}/scan`, {}, 404, 'acquisition.live_code.not_found'],
    ['POST', `/api/sandbox/live-codes/${someUuid}/scan`, { customerName: '' }, 400, 'request.invalid'],
    ['GET', '/api/no-such-route', undefined, 404, 'route.not_found'],
  ]
  it.each(cases)('%s %s → %i', async (method, url, payload, status, code) => {
    const before = await rowCounts()
    const res = await inject(method, url, payload, method === 'POST' && url === '/api/auth/login' ? '' : t.adminCookie)
    expect(res.statusCode).toBe(status)
    const body = res.json()
    expect(body.error.code).toBe(code)
    expect(typeof body.error.message).toBe('string')
    expect(body.error.message.length).toBeGreaterThan(0)
    expect(await rowCounts()).toEqual(before)
  })

  it('rejects a body that is not JSON', async () => {
    const res = await t.app.http.inject({ method: 'POST', url: '/api/live-codes', payload: '{oops', headers: { cookie: t.adminCookie, 'content-type': 'application/json' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('request.malformed')
  })

  it('speaks English when asked', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: '/api/customers/abc', headers: { cookie: t.adminCookie, 'accept-language': 'en-US' } })
    expect(res.json().error.message).toBe('The request is invalid')
  })
})

describe('public documents', () => {
  it('serves the OpenAPI document without a session, listing every console route', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: '/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> }
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/live-codes', '/api/customers', '/api/org/employees', '/api/sandbox/live-codes/{id}/scan']))
  })
})

describe('sessions', () => {
  it('refuses an expired session and the nightly purge removes it', async () => {
    const cookie = await t.login('admin', 'admin-password')
    const id = cookie.split('=')[1]!
    await t.app.db.updateTable('adminSession').set({ expiresAt: new Date(Date.now() - 1000) }).where('id', '=', id).execute()
    expect((await inject('GET', '/api/auth/me', undefined, cookie)).statusCode).toBe(401)
    expect(await t.app.org.purgeExpiredSessions()).toBeGreaterThanOrEqual(1)
    expect(await t.app.db.selectFrom('adminSession').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined()
  })

  it('logs out: the cookie stops working', async () => {
    const cookie = await t.login('admin', 'admin-password')
    expect((await inject('POST', '/api/auth/logout', undefined, cookie)).statusCode).toBe(204)
    expect((await inject('GET', '/api/auth/me', undefined, cookie)).statusCode).toBe(401)
  })
})
