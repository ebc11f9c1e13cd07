import { z } from 'zod'
import type { Database } from '../db/database'
import { defineJob, type Queue } from '../jobs/queue'
import type { Logger } from '../logger'
import { createBatcher } from './batcher'
import type { InboxContext, InboxEvent, InboxHandler, InboxHandlers } from './events'
import * as repo from './inbox-repo'

export interface ParsedCallback { event: InboxEvent; eventName: string; changeType: string; dedupeKey: string }

export interface InboxDeps {
  db: Database
  queue: Queue
  log: Logger
  /** Decrypted XML → Pond's event; the dedupe key comes from the payload (CONTRACT §2.6). */
  parse(decryptedXml: string): ParsedCallback
}

export type Inbox = ReturnType<typeof createInbox>

const CLAIM = 64              // rows per drain pass
const PARALLEL = 16           // rows processed at once by one drain
const LEASE_SECONDS = 300     // a claimed row is free again after this if its worker died

/**
 * The callback inbox. A verified callback is stored (deduplicated) before WeCom gets its 200; the table
 * is the durable queue. A pg-boss job drains it: it is only a wake-up ('short' policy keeps at most one
 * waiting), sent after the rows commit and again every minute, so a lost wake-up delays and never loses.
 * Each row is processed in its own transaction that locks it and marks it done: retries and concurrent
 * drains process a row once.
 */
export function createInbox(deps: InboxDeps) {
  const { db, queue, log } = deps
  const handlers: InboxHandlers = {}

  const drainJob = defineJob({
    name: 'wecom.inbox.drain',
    payload: z.object({}).passthrough(),
    options: { policy: 'short', retryLimit: 3, expireInSeconds: 900 },
    run: drain,
  })

  async function drain() {
    for (;;) {
      const ids = await repo.claimDue(db, CLAIM, LEASE_SECONDS)
      if (ids.length === 0) return
      let next = 0
      await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, async () => {
        for (let i = next++; i < ids.length; i = next++) await process(ids[i]!).catch(() => {})   // recorded on the row
      }))
    }
  }

  async function process(inboxId: string) {
    const row = await repo.findInboxEvent(db, inboxId)
    if (!row || row.processedAt) return
    const ctx: InboxContext = {
      corpId: row.corpId, inboxId, dedupeKey: row.dedupeKey, receivedAt: row.receivedAt,
      transaction: (fn) => db.transaction().execute(async (tx) => {
        if (!(await repo.lockPending(tx, inboxId))) return undefined
        const result = await fn(tx)
        await repo.markProcessed(tx, inboxId)
        return result
      }),
    }
    try {
      const parsed = deps.parse(row.payload)
      const handler = handlers[parsed.event.type] as InboxHandler | undefined
      if (handler) await handler(parsed.event as never, ctx)
      else await ctx.transaction(async () => undefined)        // nothing reacts to it: done
    } catch (err) {
      log.warn({ err, inboxId }, 'inbox event failed; it will be retried with back-off')
      await repo.recordFailure(db, inboxId, err instanceof Error ? err.message : String(err))
      throw err
    }
  }

  // At most one wake-up send in flight; kicks meanwhile coalesce into one more send after it.
  let sending = false
  let again = false
  /** Asks for a drain soon: this process's worker at once, any worker through the queue. */
  function kick() {
    queue.wake(drainJob)
    if (sending) { again = true; return }
    sending = true
    queue.send(db, drainJob, {})
      .catch((err) => log.warn({ err }, 'could not queue an inbox drain; the minute sweep will'))
      .finally(() => { sending = false; if (again) { again = false; kick() } })
  }

  // Group commit: callbacks arriving while a write is in flight share the next INSERT (one round trip,
  // one commit). One write in flight per process measured best: larger batches, fewer commits (bench/callbacks).
  const storeBatched = createBatcher(async (rows: repo.NewInboxEvent[]) => {
    const inserted = new Set((await repo.insertInboxEvents(db, rows)).map((r) => `${r.corpId}|${r.dedupeKey}`))
    if (inserted.size) kick()
    // A duplicate inside one batch is stored once; the first caller gets true, like a retry would.
    return rows.map((r) => inserted.delete(`${r.corpId}|${r.dedupeKey}`))
  }, { maxBatch: 500, maxInFlight: 1 })

  return {
    jobs: [drainJob],
    schedules: [{ job: drainJob.name, cron: '* * * * *', tz: 'UTC' }],
    /** One handler per event type; a module that must also react subscribes to a domain event instead. */
    register(more: InboxHandlers) {
      for (const [type, h] of Object.entries(more)) {
        if (handlers[type as InboxEvent['type']]) throw new Error(`two inbox handlers for ${type}`)
        ;(handlers as Record<string, unknown>)[type] = h
      }
    },
    /** Stores a decrypted callback; false when it was a duplicate delivery. Throws on unparseable XML. */
    async store(corpId: string, decryptedXml: string): Promise<boolean> {
      const parsed = deps.parse(decryptedXml)
      return storeBatched({ corpId, dedupeKey: parsed.dedupeKey, event: parsed.eventName, changeType: parsed.changeType, payload: decryptedXml })
    },
    /** Asks a worker to drain (also done on worker start and every minute). */
    kick,
    /** Drains what is due now in this process; resolves when nothing due is left. */
    drain,
    process,
    stats: (corpId: string) => repo.inboxStats(db, corpId),
  }
}
