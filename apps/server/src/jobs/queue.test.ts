import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createDatabase, createPool, type Database } from '../db/database'
import { createLogger } from '../logger'
import { eventually, testDatabaseUrl } from '../testing/test-app'
import { createQueue, defineJob, type Queue } from './queue'

// Workers here poll once an hour: a job that runs at all was woken by its commit's notification.
const HOUR = 3600

describe('job queue wake-up on commit', () => {
  let url: string
  let db: Database
  const started: Queue[] = []
  beforeAll(async () => {
    url = await testDatabaseUrl()
    db = createDatabase(createPool(url, 2))
  })
  afterAll(async () => {
    for (const q of started) await q.stop()
    await db.destroy()
  })

  it('a job committed by another process runs at once (or when it is due), and a rolled-back one never does', async () => {
    const ran: string[] = []
    let resolveRan: (() => void) | undefined
    const job = defineJob({
      name: 'test.wake', payload: z.object({ label: z.string() }),
      run: async ({ label }) => { ran.push(label); resolveRan?.() },
    })
    const sender = createQueue(url, createLogger('silent'), { pollSeconds: HOUR })
    const worker = createQueue(url, createLogger('silent'), { pollSeconds: HOUR })
    started.push(sender, worker)
    await sender.start([job], { work: false, context: undefined })
    await worker.start([job], { work: true, context: undefined })

    await db.transaction().execute(async (tx) => {
      await sender.send(tx, job, { label: 'rolled back' })
      throw new Error('abort')
    }).catch(() => {})
    const done = new Promise<void>((r) => { resolveRan = r })
    await db.transaction().execute((tx) => sender.send(tx, job, { label: 'committed' }))
    await done
    expect(ran).toEqual(['committed'])

    // Due in a second: woken then, not at the next poll an hour away.
    const later = new Promise<void>((r) => { resolveRan = r })
    await db.transaction().execute((tx) => sender.send(tx, job, { label: 'delayed' }, { startAfterSeconds: 1 }))
    await later
    expect(ran).toEqual(['committed', 'delayed'])
  })

  it('signals within a window are answered by one send now and one at the end of the window', async () => {
    const job = defineJob({ name: 'test.signal', payload: z.object({}).passthrough(), run: async () => {} })
    const q = createQueue(url, createLogger('silent'), { pollSeconds: HOUR, signalWindowMs: 2000 })
    started.push(q)
    await q.start([job], { work: false, context: undefined })
    const sent = async () => Number((await sql<{ n: string }>`select count(*) as n from pgboss.job where name = 'test.signal'`.execute(db)).rows[0]!.n)
    for (let i = 0; i < 5; i++) q.signal(job)
    await eventually(async () => await sent() >= 1, 'the first send')
    expect(await sent()).toBe(1)                      // the other four wait for the window's end
    await eventually(async () => await sent() >= 2, 'the trailing send')
    await new Promise((r) => setTimeout(r, 2500))
    expect(await sent()).toBe(2)                      // one trailing send for all four; nothing signalled since
  })
})
