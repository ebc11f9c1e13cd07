import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../../http/actor'
import { eventually, testApp, type TestApp } from '../../../testing/test-app'

let t: TestApp
let offset = 0
let userids: string[] = []
const N = 120

/**
 * The sandbox enforces WeCom's frequency limit (45009, 30 calls a minute per API) and concurrency limit
 * (45033, 2 at once) on a clock the test moves a minute every two seconds, so the limits bite but clear.
 */
beforeAll(async () => {
  t = await testApp({
    simClock: { now: () => Date.now() + offset },
    simRateLimit: { perMinutePerApi: 30, concurrencyPerApi: 2 },
    prepare: (sim) => {
      userids = sim.world.listEmployees().slice(0, 3).map((e) => e.userid)
      for (let i = 0; i < N; i++) {
        const externalUserId = sim.world.addCustomer({ name: `限流客户${i}` }).externalUserId
        sim.world.addFollow({ userid: userids[i % 3]!, externalUserId })
      }
    },
  })
  await t.app.customersSync.importCustomers(t.app.corp.id, t.app.wecom)
}, 120_000)
afterAll(async () => { await t?.close() })

describe('bulk tagging under WeCom rate limits', () => {
  it('completes: rate-limited calls are retried after a back-off, only permanent errors are reported', { timeout: 300_000 }, async () => {
    const corpId = t.app.corp.id
    const actor = systemActor(corpId)
    const tag = await t.app.db.selectFrom('tag').select(['id', 'wecomTagId']).where('name', '=', '活跃').executeTakeFirstOrThrow()
    // One relation Pond believes in but WeCom does not have: mark_tag answers 84061 (not this member's customer).
    const stranger = await t.app.db.selectFrom('customer').select(['id', 'externalUserId']).where('corpId', '=', corpId).orderBy('id').limit(1).executeTakeFirstOrThrow()
    const other = await t.app.db.selectFrom('employee').select('id').where('wecomUserId', 'not in', userids).limit(1).executeTakeFirstOrThrow()
    await t.app.db.insertInto('customerFollow').values({ corpId, customerId: stranger.id, employeeId: other.id, addedAt: new Date() }).execute()

    const segment = await t.app.customersSegments.create(actor, { name: '全部限流客户', filters: {} })
    const created = await t.app.tagJobs.create(actor, { segmentId: segment.id, addTagIds: [tag.id], removeTagIds: [] })
    const customers = await t.app.db.selectFrom('customer').select('externalUserId').where('corpId', '=', corpId).execute()
    const clock = setInterval(() => { offset += 60_000 }, 2_000)
    try {
      await eventually(async () => customers.every((c) => t.sim.world.followsOfCustomer(c.externalUserId).every((f) => f.tagIds.has(tag.wecomTagId!))), 'every relation tagged in WeCom', 240_000)
      const job = await eventually(async () => {
        const j = await t.app.tagJobs.get(actor, created.id)
        return j.status === 'done' && j.failed === 1 ? j : undefined
      }, 'the permanent failure recorded', 60_000)
      expect(job).toMatchObject({ added: customers.length, marksQueued: customers.length + 1, failed: 1 })
      const report = await t.app.tagJobs.failures(actor, created.id)
      expect(report.items).toEqual([expect.objectContaining({ customerId: stranger.id, errcode: 84061 })])
    } finally {
      clearInterval(clock)
    }
    // The limits really bit: some calls were refused and came back as later attempts.
    const retried = await sql<{ n: string }>`select count(*) n from pgboss.job where name = 'customers.tags.mark' and data ? 'attempt'`.execute(t.app.db)
    expect(Number(retried.rows[0]!.n)).toBeGreaterThan(0)
  })
})
