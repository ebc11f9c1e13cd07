import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../../testing/test-app'

let t: TestApp
let employeeId = ''
beforeAll(async () => {
  t = await testApp()
  employeeId = (await t.app.org.listActiveEmployees(t.app.corp.id))[0]!.id
})
afterAll(async () => { await t?.close() })

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, cookie = t.adminCookie) =>
  t.app.http.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: { cookie } })

describe('console users and roles', () => {
  it('creates an operator who can manage live codes but not users', async () => {
    const res = await call('POST', '/api/users', { username: 'ops', displayName: '运营', password: 'operator-password', role: 'operator' })
    expect(res.statusCode).toBe(201)
    const cookie = await t.login('ops', 'operator-password')
    expect((await call('GET', '/api/live-codes', undefined, cookie)).statusCode).toBe(200)
    expect((await call('POST', '/api/users', { username: 'x1', displayName: 'x', password: 'xxxxxxxxxxxx', role: 'operator' }, cookie)).statusCode).toBe(403)
  })

  it('requires an employee link for manager and employee roles, and unique usernames', async () => {
    const missing = await call('POST', '/api/users', { username: 'am1', displayName: '客户经理', password: 'manager-password', role: 'employee' })
    expect([missing.statusCode, missing.json().error.code]).toEqual([422, 'org.user.employee_required'])
    expect((await call('POST', '/api/users', { username: 'am1', displayName: '客户经理', password: 'manager-password', role: 'employee', employeeId })).statusCode).toBe(201)
    const dup = await call('POST', '/api/users', { username: 'am1', displayName: 'x', password: 'manager-password', role: 'operator' })
    expect([dup.statusCode, dup.json().error.code]).toEqual([409, 'org.user.duplicate'])
    expect((await call('POST', '/api/users', { username: 'Bad Name', displayName: 'x', password: 'short', role: 'operator' })).statusCode).toBe(400)
  })

  it('disabling a user ends their sessions and their logins at once', async () => {
    const user = (await call('POST', '/api/users', { username: 'leaver', displayName: '离职', password: 'leaver-password', role: 'operator' })).json()
    const cookie = await t.login('leaver', 'leaver-password')
    expect((await call('PATCH', `/api/users/${user.id}`, { disabled: true })).json().disabled).toBe(true)
    expect((await call('GET', '/api/auth/me', undefined, cookie)).statusCode).toBe(401)
    await expect(t.login('leaver', 'leaver-password')).rejects.toThrow()
  })

  it('never removes the last super admin, nor lets an admin demote themself', async () => {
    const me = (await call('GET', '/api/auth/me')).json().user
    const res = await call('PATCH', `/api/users/${me.id}`, { role: 'operator' })
    expect([res.statusCode, res.json().error.code]).toEqual([422, 'org.user.last_admin'])
    expect((await call('PATCH', `/api/users/${me.id}`, { disabled: true })).statusCode).toBe(422)
    expect((await call('GET', '/api/users')).json().items.find((u: { id: string }) => u.id === me.id)).toMatchObject({ role: 'super_admin', disabled: false })
  })
})
