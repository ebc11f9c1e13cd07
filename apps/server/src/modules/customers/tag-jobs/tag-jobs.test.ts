import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../../http/actor'
import { eventually, testApp, type TestApp } from '../../../testing/test-app'

let t: TestApp
let operator = ''
let manager = ''
const N = 300
let userids: string[] = []
let employeeIds: string[] = []
let silent = { id: '', wecomTagId: '' }
let segmentId = ''

const api = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  t.app.http.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })

/** The segment's audience as the reference sees it: customers followed by the first two employees. */
const reference = async () => new Set((await t.app.db.selectFrom('customerFollow').select('customerId').distinct()
  .where('employeeId', 'in', employeeIds.slice(0, 2)).execute()).map((r) => r.customerId))
const taggedWith = async (tagId: string) => new Set((await t.app.db.selectFrom('customerTag').select('customerId').where('tagId', '=', tagId).execute()).map((r) => r.customerId))
const jobDone = (id: string, cookie = operator) => eventually(async () => {
  const job = (await api('GET', `/api/tag-jobs/${id}`, cookie)).json()
  return job.status === 'done' || job.status === 'failed' ? job : undefined
}, 'tag job', 120_000)

/**
 * 300 customers in the sandbox, each followed by one of four employees (every fifth by two); every sixth
 * already carries 沉默 in WeCom. Imported into Pond as a sync would.
 */
beforeAll(async () => {
  t = await testApp({
    prepare: (sim) => {
      const people = sim.world.listEmployees().slice(0, 4).map((e) => e.userid)
      const tag = sim.world.listCorpTags().flatMap((g) => g.tags).find((x) => x.name === '沉默')!
      for (let i = 0; i < N; i++) {
        const externalUserId = sim.world.addCustomer({ name: `批量客户${i}` }).externalUserId
        sim.world.addFollow({ userid: people[i % 4]!, externalUserId, tagIds: i % 6 === 0 ? [tag.id] : [] })
        if (i % 5 === 0) sim.world.addFollow({ userid: people[(i + 1) % 4]!, externalUserId })
      }
      userids = people
    },
  })
  await t.app.customersSync.importCustomers(t.app.corp.id, t.app.wecom)
  const employees = await t.app.db.selectFrom('employee').select(['id', 'wecomUserId']).where('wecomUserId', 'in', userids).execute()
  employeeIds = userids.map((u) => employees.find((e) => e.wecomUserId === u)!.id)
  silent = await t.app.db.selectFrom('tag').select(['id', 'wecomTagId']).where('name', '=', '沉默').executeTakeFirstOrThrow() as typeof silent
  await t.app.org.createUser({ corpId: t.app.corp.id, username: 'ops', password: 'operator-pass', displayName: '运营', role: 'operator' })
  await t.app.org.createUser({ corpId: t.app.corp.id, username: 'head', password: 'manager-pass', displayName: '主管', role: 'department_manager', employeeId: employeeIds[0] })
  operator = await t.login('ops', 'operator-pass')
  manager = await t.login('head', 'manager-pass')
  const segment = await api('POST', '/api/segments', operator, { name: '前两位客户经理的客户', filters: { followerIds: employeeIds.slice(0, 2) } })
  segmentId = segment.json().id
}, 120_000)
afterAll(async () => { await t?.close() })

describe('批量打标签 over a saved segment', () => {
  it('tags exactly the audience, counts added against already, one timeline event each, and marks every relation in WeCom', { timeout: 180_000 }, async () => {
    const audience = await reference()
    const before = await taggedWith(silent.id)
    expect(audience.size).toBeGreaterThan(100)
    const created = await api('POST', '/api/tag-jobs', operator, { segmentId, addTagIds: [silent.id] })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ kind: 'bulk', status: 'queued', segmentName: '前两位客户经理的客户', addTags: [{ id: silent.id, name: '沉默' }] })
    const job = await jobDone(created.json().id)

    const had = [...audience].filter((id) => before.has(id)).length
    expect(had).toBeGreaterThan(0)
    expect(job).toMatchObject({ status: 'done', total: audience.size, processed: audience.size, added: audience.size - had, already: had, failed: 0 })
    expect(await taggedWith(silent.id)).toEqual(new Set([...before, ...audience]))

    const events = await t.app.db.selectFrom('customerEvent').select(['customerId', 'data']).where('kind', '=', 'tagged')
      .where(sql<boolean>`data->>'jobId' = ${job.id}`).execute()
    expect(events).toHaveLength(audience.size - had)
    expect(new Set(events.map((e) => e.customerId)).size).toBe(events.length)
    expect(events[0]!.data).toEqual({ tags: ['沉默'], reason: 'bulk', jobId: job.id })

    // WeCom: every active relation of every newly tagged customer carries the tag (pushed at the paced rate).
    const customers = await t.app.db.selectFrom('customer').select(['id', 'externalUserId']).where('id', 'in', events.map((e) => e.customerId)).execute()
    await eventually(async () => customers.every((c) => t.sim.world.followsOfCustomer(c.externalUserId).every((f) => f.tagIds.has(silent.wecomTagId))), 'tags in WeCom', 120_000)
    expect(job.marksQueued).toBe((await t.app.db.selectFrom('customerFollow').select('id').where('customerId', 'in', events.map((e) => e.customerId)).where('status', '=', 'active').execute()).length)
  })

  it('runs a second time as a no-op: everyone already has the tag', async () => {
    const job = await jobDone((await api('POST', '/api/tag-jobs', operator, { segmentId, addTagIds: [silent.id] })).json().id)
    expect(job).toMatchObject({ added: 0, already: job.total, marksQueued: 0 })
    const list = (await api('GET', '/api/tag-jobs?limit=1', operator)).json()
    expect(list.items[0].id).toBe(job.id)
    expect(list.nextCursor).not.toBeNull()
  })

  it('removes tags too, and only from the members', async () => {
    const gold = await t.app.db.selectFrom('tag').select('id').where('name', '=', '金卡').executeTakeFirstOrThrow()
    const everyone = (await t.app.db.selectFrom('customer').select('id').where('corpId', '=', t.app.corp.id).execute()).map((c) => c.id)
    await t.app.db.insertInto('customerTag').values(everyone.map((customerId) => ({ corpId: t.app.corp.id, customerId, tagId: gold.id }))).onConflict((oc) => oc.doNothing()).execute()
    const job = await jobDone((await api('POST', '/api/tag-jobs', operator, { segmentId, removeTagIds: [gold.id] })).json().id)
    const audience = await reference()
    expect(job).toMatchObject({ removed: audience.size, added: 0, already: 0 })
    expect(await taggedWith(gold.id)).toEqual(new Set(everyone.filter((id) => !audience.has(id))))
  })

  it('acts within the scope its requester had', async () => {
    const scoped: Actor = { corpId: t.app.corp.id, userId: 'x', username: 'x', role: 'operator', scope: { kind: 'employees', employeeIds: [employeeIds[1]!] }, isSystem: true }
    const vip = await t.app.db.selectFrom('tag').select('id').where('name', '=', '私行').executeTakeFirstOrThrow()
    const created = await t.app.tagJobs.create(scoped, { segmentId, addTagIds: [vip.id], removeTagIds: [] })
    const job = await jobDone(created.id)
    const own = new Set((await t.app.db.selectFrom('customerFollow').select('customerId').where('employeeId', '=', employeeIds[1]!).execute()).map((r) => r.customerId))
    expect(job.total).toBe(own.size)
    expect(await taggedWith(vip.id)).toEqual(own)
  })

  it('refuses roles without customers.tag.write, and bad input with stable codes', async () => {
    const forbidden = await api('POST', '/api/tag-jobs', manager, { segmentId, addTagIds: [silent.id] })
    expect([forbidden.statusCode, forbidden.json().error.code]).toEqual([403, 'auth.forbidden'])
    expect((await api('GET', '/api/tag-jobs', manager)).statusCode).toBe(403)
    const cases: [object, number, string][] = [
      [{ segmentId, addTagIds: [] }, 400, 'request.invalid'],
      [{ segmentId: 'nope', addTagIds: [silent.id] }, 400, 'request.invalid'],
      [{ segmentId, addTagIds: ['00000000-0000-4000-8000-000000000000'] }, 422, 'customers.tag_job.unknown_tag'],
      [{ segmentId, addTagIds: [silent.id], removeTagIds: [silent.id] }, 422, 'customers.tag_job.overlap'],
      [{ segmentId: '00000000-0000-4000-8000-000000000000', addTagIds: [silent.id] }, 404, 'customers.segment.not_found'],
    ]
    for (const [body, status, code] of cases) {
      const res = await api('POST', '/api/tag-jobs', operator, body)
      expect([res.statusCode, res.json().error.code]).toEqual([status, code])
    }
    expect((await api('GET', '/api/tag-jobs/00000000-0000-4000-8000-000000000000', operator)).json().error.code).toBe('customers.tag_job.not_found')
  })

  it('cannot cancel a finished job', async () => {
    const [done] = (await api('GET', '/api/tag-jobs?limit=1', operator)).json().items
    const res = await api('POST', `/api/tag-jobs/${done.id}/cancel`, operator)
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'customers.tag_job.finished'])
  })
})
