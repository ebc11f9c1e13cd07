import { z } from 'zod'
import type { Database } from '../db/database'
import { defineJob, type Queue } from '../jobs/queue'
import type { Logger } from '../logger'
import type { InboxContext, InboxEvent, InboxHandler, InboxHandlers } from './events'
import * as repo from './inbox-repo'

export interface ParsedCallback { event: InboxEvent; eventName: string; changeType: string; dedupeKey: string }

export interface InboxDeps {
  db: Database
  queue: Queue
  log: Logger
  /** Decrypted XML → Pond's event; the dedupe key comes from the payload (CONTRACT §2.6). */
  parse(decryptedXml: string): ParsedCallback
  clock: () => Date
}

export type Inbox = ReturnType<typeof createInbox>

/**
 * The callback inbox: a verified callback is stored (deduplicated) and its processing job queued in one
 * transaction before WeCom gets its 200, so a retry, a crash or a restart loses and doubles nothing.
 */
export function createInbox(deps: InboxDeps) {
  const { db, queue } = deps
  const handlers: InboxHandlers = {}

  const processJob = defineJob({
    name: 'wecom.inbox.process',
    payload: z.object({ inboxId: z.string() }),
    options: { retryLimit: 10, retryDelay: 1, retryBackoff: true },
    concurrency: 16,
    run: ({ inboxId }: { inboxId: string }) => process(inboxId),
  })

  const sweepJob = defineJob({
    name: 'wecom.inbox.sweep',
    payload: z.object({}).passthrough(),
    run: async () => {
      const stale = await repo.listStale(db, new Date(deps.clock().getTime() - 10 * 60_000), 1000)
      for (const r of stale) await queue.send(db, processJob, { inboxId: r.id }, { singletonKey: `inbox:${r.id}` })
    },
  })

  async function process(inboxId: string) {
    const row = await repo.findInboxEvent(db, inboxId)
    if (!row || row.processedAt) return
    const parsed = deps.parse(row.payload)
    const ctx: InboxContext = {
      corpId: row.corpId, inboxId, dedupeKey: row.dedupeKey, receivedAt: row.receivedAt,
      transaction: (fn) => db.transaction().execute(async (tx) => {
        if (!(await repo.lockPending(tx, inboxId))) return undefined
        const result = await fn(tx)
        await repo.markProcessed(tx, inboxId)
        return result
      }),
    }
    const handler = handlers[parsed.event.type] as InboxHandler | undefined
    try {
      if (handler) await handler(parsed.event as never, ctx)
      else await ctx.transaction(async () => undefined)        // nothing reacts to it: done
    } catch (err) {
      await repo.recordFailure(db, inboxId, err instanceof Error ? err.message : String(err))
      throw err                                                // pg-boss retries with back-off
    }
  }

  return {
    jobs: [processJob, sweepJob],
    schedules: [{ job: sweepJob.name, cron: '*/5 * * * *', tz: 'UTC' }],
    /** One handler per event type; a module that must also react subscribes to a domain event instead. */
    register(more: InboxHandlers) {
      for (const [type, h] of Object.entries(more)) {
        if (handlers[type as InboxEvent['type']]) throw new Error(`two inbox handlers for ${type}`)
        ;(handlers as Record<string, unknown>)[type] = h
      }
    },
    /** Stores a decrypted callback; false when it was a duplicate delivery. */
    async store(corpId: string, decryptedXml: string): Promise<boolean> {
      const parsed = deps.parse(decryptedXml)
      const stored = await db.transaction().execute(async (tx) => {
        const row = await repo.insertInboxEvent(tx, { corpId, dedupeKey: parsed.dedupeKey, event: parsed.eventName, changeType: parsed.changeType, payload: decryptedXml })
        if (row) await queue.send(tx, processJob, { inboxId: row.id })
        return !!row
      })
      if (stored) queue.wake(processJob)
      return stored
    },
    process,
    stats: (corpId: string) => repo.inboxStats(db, corpId),
  }
}
