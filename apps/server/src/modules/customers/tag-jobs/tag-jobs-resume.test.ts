import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../../http/actor'
import { eventually, testApp, testDatabaseUrl, type TestApp } from '../../../testing/test-app'
import { CHUNK } from './service'

let t: TestApp | undefined
afterAll(async () => { await t?.close() })

const N = 2 * CHUNK + 300
const day = 86_400_000

/** N customers (the first 2 000 … older); two Pond-only tags that the same 200 customers already hold. */
async function seed(app: TestApp['app']) {
  const corpId = app.corp.id
  const group = await app.db.insertInto('tagGroup').values({ corpId, name: '续跑测试' }).returning('id').executeTakeFirstOrThrow()
  const [x, y] = await app.db.insertInto('tag').values([{ corpId, groupId: group.id, name: '续跑X' }, { corpId, groupId: group.id, name: '续跑Y' }]).returning('id').execute()
  const employee = await app.db.selectFrom('employee').select('id').where('corpId', '=', corpId).limit(1).executeTakeFirstOrThrow()
  const customers = await app.db.insertInto('customer').values(Array.from({ length: N }, (_, i) => ({
    corpId, externalUserId: `wmresume${i}`, name: `续跑客户${i}`, firstAddedAt: new Date(Date.UTC(2026, 0, 1) + (i % 10) * day),
  }))).returning('id').execute()
  await app.db.insertInto('customerFollow').values(customers.map((c) => ({ corpId, customerId: c.id, employeeId: employee.id, addedAt: new Date() }))).execute()
  await app.db.insertInto('customerTag').values(customers.filter((_, i) => i % 6 === 0).flatMap((c) => [x!, y!].map((tag) => ({ corpId, customerId: c.id, tagId: tag.id })))).execute()
  return { x: x!.id, y: y!.id }
}

const tagged = async (app: TestApp['app'], tagId: string) =>
  (await app.db.selectFrom('customerTag').select('customerId').where('tagId', '=', tagId).orderBy('customerId').execute()).map((r) => r.customerId)
const eventsOf = async (app: TestApp['app'], jobId: string) =>
  (await app.db.selectFrom('customerEvent').select('customerId').where(sql<boolean>`data->>'jobId' = ${jobId}`).orderBy('customerId').execute()).map((r) => r.customerId)

describe('a bulk tag job interrupted by a crash', () => {
  it('resumes from its cursor on another process and ends as an uninterrupted run would, with no duplicates', { timeout: 180_000 }, async () => {
    const databaseUrl = await testDatabaseUrl()
    // Process A serves the API only: the queued run job waits, and two chunks are run by hand as its worker would.
    t = await testApp({ databaseUrl, role: 'api' })
    const { x, y } = await seed(t.app)
    const actor = systemActor(t.app.corp.id)
    const segment = await t.app.customersSegments.create(actor, { name: '续跑人群', filters: { addedFrom: new Date(Date.UTC(2026, 0, 2)) } })
    const interrupted = await t.app.tagJobs.create(actor, { segmentId: segment.id, addTagIds: [x], removeTagIds: [] })
    expect(await t.app.tagJobs.step(t.app.corp.id, interrupted.id)).toBe(true)
    expect(await t.app.tagJobs.step(t.app.corp.id, interrupted.id)).toBe(true)
    const midway = await t.app.tagJobs.get(actor, interrupted.id)
    expect(midway).toMatchObject({ status: 'running', processed: 2 * CHUNK })
    await t.close()                                                   // the crash: A is gone mid-job

    // Process B (API and worker) on the same database picks up the queued run and finishes it.
    t = await testApp({ databaseUrl, role: 'all' })
    const done = (id: string) => eventually(async () => {
      const job = await t!.app.tagJobs.get(actor, id)
      return job.status === 'done' ? job : undefined
    }, 'job done', 120_000)
    const resumed = await done(interrupted.id)
    const straight = await done((await t.app.tagJobs.create(actor, { segmentId: segment.id, addTagIds: [y], removeTagIds: [] })).id)

    const members = (await t.app.db.selectFrom('segmentMember').select('customerId').where('segmentId', '=', segment.id).execute()).length
    expect(members).toBe(N - N / 10)                                  // days 2…10 of every ten
    const counts = (j: typeof resumed) => ({ total: j.total, processed: j.processed, added: j.added, already: j.already })
    expect(counts(resumed)).toEqual(counts(straight))
    expect(resumed.processed).toBe(members)
    expect(resumed.added + resumed.already).toBe(members)
    expect(await tagged(t.app, x)).toEqual(await tagged(t.app, y))
    const [ex, ey] = [await eventsOf(t.app, resumed.id), await eventsOf(t.app, straight.id)]
    expect(ex).toHaveLength(resumed.added)
    expect(new Set(ex).size).toBe(ex.length)
    expect(ex).toEqual(ey)
  })
})
