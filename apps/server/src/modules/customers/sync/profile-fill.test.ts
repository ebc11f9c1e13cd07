import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../../../testing/test-app'
import { BUSY_READS_PER_SECOND, FILL_READS_PER_HOUR, profileFillJob, READS_PER_SECOND } from './profile-fill'

// An API-only app: no worker runs the fill behind the test's back; the test runs it.
let t: TestApp
beforeAll(async () => { t = await testApp({ role: 'api' }) })
afterAll(async () => { await t?.close() })

describe('profile fill', () => {
  it('reads pending customers from WeCom within its hourly budget, and leaves them pending once it is spent', async () => {
    const [employee] = (await t.api('GET', '/api/org/employees?limit=1&status=1')).json().items as { id: string; wecomUserId: string }[]
    const way = t.sim.world.addContactWay({ user: [employee!.wecomUserId], state: 'fill-test' })
    const scan = await t.sim.world.scan({ configId: way.configId, customer: { name: '周补全' } })
    const corpId = t.app.corp.id
    const [stored] = await t.app.db.transaction().execute((tx) => t.app.customers.storeContactsAdded(tx, corpId, [{
      externalUserId: scan.externalUserId, employeeId: employee!.id, userid: employee!.wecomUserId, state: 'fill-test', liveCodeId: null, at: new Date(), dedupeKey: 'fill-test-1',
    }]))
    const customer = () => t.app.db.selectFrom('customer').select(['name', 'profilePending']).where('id', '=', stored!.customerId).executeTakeFirstOrThrow()
    expect(await customer()).toEqual({ name: '', profilePending: true })
    const fill = profileFillJob({ db: t.app.db, wecom: t.app.wecom, org: t.app.org })

    await sql`insert into customer_profile_fill_usage (corp_id, hour, reads) values (${corpId}, date_trunc('hour', now()), ${FILL_READS_PER_HOUR})`.execute(t.app.db)
    await fill.run({}, undefined as never)
    expect(await customer()).toEqual({ name: '', profilePending: true })          // the hour's budget is spent: not read

    await sql`update customer_profile_fill_usage set reads = ${FILL_READS_PER_HOUR - 1} where corp_id = ${corpId}`.execute(t.app.db)
    await fill.run({}, undefined as never)
    expect(await customer()).toEqual({ name: '周补全', profilePending: false })
    const { rows: [usage] } = await sql<{ reads: number }>`select reads from customer_profile_fill_usage where corp_id = ${corpId} and hour = date_trunc('hour', now())`.execute(t.app.db)
    expect(usage!.reads).toBe(FILL_READS_PER_HOUR)                                 // the read was counted
  })

  it('slows to the hourly budget\'s pace while callbacks wait in its process, and reads at full pace otherwise', async () => {
    const [employee] = (await t.api('GET', '/api/org/employees?limit=1&status=1')).json().items as { id: string; wecomUserId: string }[]
    const corpId = t.app.corp.id
    const way = t.sim.world.addContactWay({ user: [employee!.wecomUserId], state: 'fill-pace' })
    const adds = await Promise.all([0, 1, 2, 3].map(async (i) => {
      const scan = await t.sim.world.scan({ configId: way.configId, customer: { name: `钱补全${i}` } })
      return { externalUserId: scan.externalUserId, employeeId: employee!.id, userid: employee!.wecomUserId, state: 'fill-pace', liveCodeId: null, at: new Date(), dedupeKey: `fill-pace-${i}` }
    }))
    const stored = await t.app.db.transaction().execute((tx) => t.app.customers.storeContactsAdded(tx, corpId, adds))
    const ids = stored.map((s) => s.customerId)
    await sql`delete from customer_profile_fill_usage where corp_id = ${corpId}`.execute(t.app.db)

    // A clock that only the fill's sleeps move: what it waits is exactly its pace.
    const waitedFor = async (callbacksWaiting: boolean) => {
      await t.app.db.updateTable('customer').set({ profilePending: true }).where('id', 'in', ids).execute()
      let clock = 0
      const fill = profileFillJob({ db: t.app.db, wecom: t.app.wecom, org: t.app.org, callbacksWaiting: () => callbacksWaiting, now: () => clock, sleep: async (ms) => { clock += ms } })
      await fill.run({}, undefined as never)
      const pending = await t.app.db.selectFrom('customer').select('id').where('id', 'in', ids).where('profilePending', '=', true).execute()
      expect(pending).toEqual([])                                                  // every one was read either way
      return clock
    }
    expect(await waitedFor(true)).toBe(4 / BUSY_READS_PER_SECOND * 1000)
    expect(await waitedFor(false)).toBe(4 / READS_PER_SECOND * 1000)
  })
})
