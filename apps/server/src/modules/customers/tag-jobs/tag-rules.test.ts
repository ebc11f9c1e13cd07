import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, testApp, type TestApp } from '../../../testing/test-app'
import { nextNightlyRun } from './rules'

let t: TestApp
let silentTag = ''
let segmentId = ''
let ruleId = ''
const day = 86_400_000
const people: { id: string; addedAt: Date; activeAt: Date | null }[] = []

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, cookie = t.adminCookie) =>
  t.app.http.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })
const tagged = async () => (await t.app.db.selectFrom('customerTag').select('customerId').where('tagId', '=', silentTag).orderBy('customerId').execute()).map((r) => r.customerId)
/** The rule's meaning, computed here: added more than 30 days ago and no interaction in the last 30. */
const silentOnes = () => people.filter((p) => p.addedAt.getTime() < Date.now() - 30 * day && (p.activeAt ?? p.addedAt).getTime() < Date.now() - 30 * day).map((p) => p.id).sort((a, b) => Number(a) - Number(b))
const runToEnd = async (id: string) => {
  const res = await api('POST', `/api/tag-rules/${id}/run`)
  expect(res.statusCode).toBe(201)
  return eventually(async () => {
    const job = (await api('GET', `/api/tag-jobs/${res.json().id}`)).json()
    return job.status === 'done' ? job : undefined
  }, 'rule run')
}

/** 40 customers: added 5…200 days ago; some interacted recently, some long ago, some never. A Pond-only 沉默 tag. */
beforeAll(async () => {
  t = await testApp()
  const corpId = t.app.corp.id
  const group = await t.app.db.insertInto('tagGroup').values({ corpId, name: '规则测试' }).returning('id').executeTakeFirstOrThrow()
  silentTag = (await t.app.db.insertInto('tag').values({ corpId, groupId: group.id, name: '规则沉默' }).returning('id').executeTakeFirstOrThrow()).id
  const employee = await t.app.db.selectFrom('employee').select('id').where('corpId', '=', corpId).limit(1).executeTakeFirstOrThrow()
  const rows = Array.from({ length: 40 }, (_, i) => {
    const addedAt = new Date(Date.now() - (5 + i * 5) * day)
    const activeAt = i % 3 === 0 ? null : new Date(Date.now() - (i % 3 === 1 ? 3 : 60) * day)
    return { corpId, externalUserId: `wmrule${i}`, name: `规则客户${i}`, firstAddedAt: addedAt, lastActiveAt: activeAt }
  })
  const inserted = await t.app.db.insertInto('customer').values(rows).returning(['id', 'firstAddedAt', 'lastActiveAt']).execute()
  for (const c of inserted) people.push({ id: c.id, addedAt: c.firstAddedAt, activeAt: c.lastActiveAt })
  await t.app.db.insertInto('customerFollow').values(inserted.map((c) => ({ corpId, customerId: c.id, employeeId: employee.id, addedAt: c.firstAddedAt }))).execute()
  segmentId = (await api('POST', '/api/segments', { name: '添加超30天且无互动', filters: { addedMoreThanDaysAgo: 30, inactiveForDays: 30 } })).json().id
})
afterAll(async () => { await t?.close() })

describe('自动打标签规则', () => {
  it('is configured against a segment and lists its next nightly run', async () => {
    const created = await api('POST', '/api/tag-rules', { name: '沉默客户', segmentId, addTagIds: [silentTag], removeUnmatched: true })
    expect(created.statusCode).toBe(201)
    ruleId = created.json().id
    const [rule] = (await api('GET', '/api/tag-rules')).json().items
    expect(rule).toMatchObject({ name: '沉默客户', segmentName: '添加超30天且无互动', addTags: [{ id: silentTag, name: '规则沉默' }], removeUnmatched: true, enabled: true, lastJob: null })
    expect(new Date(rule.nextRunAt).toISOString()).toBe(nextNightlyRun(new Date()).toISOString())
  })

  it('"added > 30 days and no interaction → 沉默": a run tags exactly those customers', async () => {
    const job = await runToEnd(ruleId)
    expect(job).toMatchObject({ kind: 'rule', ruleId, segmentName: '添加超30天且无互动', added: silentOnes().length, removed: 0 })
    expect(silentOnes().length).toBeGreaterThan(5)
    expect(await tagged()).toEqual(silentOnes())
    expect((await api('GET', '/api/tag-rules')).json().items[0].lastJob).toMatchObject({ id: job.id, status: 'done' })
  })

  it('takes the tag from those who no longer match when asked to', async () => {
    const woke = people.find((p) => silentOnes().includes(p.id))!
    woke.activeAt = new Date()
    await t.app.db.updateTable('customer').set({ lastActiveAt: woke.activeAt }).where('id', '=', woke.id).execute()
    const stray = people.find((p) => !silentOnes().includes(p.id))!
    await t.app.db.insertInto('customerTag').values({ corpId: t.app.corp.id, customerId: stray.id, tagId: silentTag }).execute()
    const job = await runToEnd(ruleId)
    expect(job).toMatchObject({ added: 0, already: silentOnes().length, removed: 2 })
    expect(await tagged()).toEqual(silentOnes())
    const untagged = await t.app.db.selectFrom('customerEvent').select('customerId').where('kind', '=', 'untagged').where(sql<boolean>`data->>'jobId' = ${job.id}`).orderBy('customerId').execute()
    expect(untagged.map((e) => e.customerId).sort()).toEqual([woke.id, stray.id].sort())
  })

  it('runs nightly only while enabled', async () => {
    const count = async () => (await t.app.db.selectFrom('customerTagJob').select('id').where('ruleId', '=', ruleId).execute()).length
    const before = await count()
    await t.app.tagRules.runAll(t.app.corp.id)
    expect(await count()).toBe(before + 1)
    await eventually(async () => (await t.app.db.selectFrom('customerTagJob').select('status').where('ruleId', '=', ruleId).where('status', '!=', 'done').execute()).length === 0, 'nightly run done')
    const off = await api('PUT', `/api/tag-rules/${ruleId}`, { name: '沉默客户', segmentId, addTagIds: [silentTag], removeUnmatched: true, enabled: false })
    expect(off.json()).toMatchObject({ enabled: false, nextRunAt: null })
    await t.app.tagRules.runAll(t.app.corp.id)
    expect(await count()).toBe(before + 1)
  })

  it('refuses bad rules with stable codes, and roles without customers.tag.write', async () => {
    const cases: [object, number, string][] = [
      [{ name: '沉默客户', segmentId, addTagIds: [silentTag] }, 409, 'customers.tag_rule.name_taken'],
      [{ name: '无标签', segmentId, addTagIds: [] }, 400, 'request.invalid'],
      [{ name: '无人群', segmentId: '00000000-0000-4000-8000-000000000000', addTagIds: [silentTag] }, 404, 'customers.segment.not_found'],
      [{ name: '坏标签', segmentId, addTagIds: ['00000000-0000-4000-8000-000000000000'] }, 422, 'customers.tag_job.unknown_tag'],
    ]
    for (const [body, status, code] of cases) {
      const res = await api('POST', '/api/tag-rules', body)
      expect([res.statusCode, res.json().error.code]).toEqual([status, code])
    }
    await t.app.org.createUser({ corpId: t.app.corp.id, username: 'emp', password: 'employee-pass', displayName: '员工', role: 'employee' })
    const employee = await t.login('emp', 'employee-pass')
    expect((await api('GET', '/api/tag-rules', undefined, employee)).statusCode).toBe(403)
    expect((await api('POST', `/api/tag-rules/${ruleId}/run`, undefined, employee)).statusCode).toBe(403)
  })

  it('fails its runs clearly once its segment is deleted', async () => {
    expect((await api('DELETE', `/api/segments/${segmentId}`)).statusCode).toBe(204)
    const res = await api('POST', `/api/tag-rules/${ruleId}/run`)
    expect([res.statusCode, res.json().error.code]).toEqual([422, 'customers.tag_rule.no_segment'])
  })
})

describe('nextNightlyRun', () => {
  it('is the next 03:00 in Shanghai', () => {
    expect(nextNightlyRun(new Date('2026-11-24T10:00:00Z')).toISOString()).toBe('2026-11-24T19:00:00.000Z')
    expect(nextNightlyRun(new Date('2026-11-24T19:00:00Z')).toISOString()).toBe('2026-11-25T19:00:00.000Z')
    expect(nextNightlyRun(new Date('2026-11-24T18:59:00Z')).toISOString()).toBe('2026-11-24T19:00:00.000Z')
  })
})
