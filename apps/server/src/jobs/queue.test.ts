import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createDatabase, createPool, type Database } from '../db/database'
import { createLogger } from '../logger'
import { testDatabaseUrl } from '../testing/test-app'
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
})
