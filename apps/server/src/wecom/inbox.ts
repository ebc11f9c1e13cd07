import type { Transaction } from 'kysely'
import { z } from 'zod'
import type { Database } from '../db/database'
import { listenTo, type Listener } from '../db/listener'
import type { DB } from '../db/types'
import { defineJob } from '../jobs/queue'
import type { Logger } from '../logger'
import { createBatcher } from './batcher'
import type { InboxBatchContext, InboxBatchHandler, InboxContext, InboxEvent, InboxHandler, InboxHandlers, InboxItem } from './events'
import * as repo from './inbox-repo'

export interface ParsedCallback { event: InboxEvent; eventName: string; changeType: string; dedupeKey: string }

export interface InboxDeps {
  db: Database
  log: Logger
  /** Decrypted XML → Pond's event; the dedupe key comes from the payload (CONTRACT §2.6). */
  parse(decryptedXml: string): ParsedCallback
  /** Where workers LISTEN for new rows. */
  databaseUrl: string
}

export type Inbox = ReturnType<typeof createInbox>

const CLAIM = 256             // rows per drain pass
const PARALLEL = 16           // single rows processed at once by one drain
const BATCH = 128             // rows per batch handler call
const LOOPS = 2               // drain loops per process
const GATHER_MS = 25          // a trigger waits this long so a burst's rows share the next claim (fewer, larger batches)
const LEASE_SECONDS = 300     // a claimed row is free again after this if its worker died
const OWN_LEASE_SECONDS = 60  // a row its storing process processes itself is due for anyone after this (that process died)
const OWN_MAX = 5_000         // rows waiting in a process's own hand: past this, new rows are due for every worker at once
const CLAIM_EVERY_MS = 1_000  // while own rows keep coming, due rows (retries, other processes' rows) are still claimed this often

/**
 * The callback inbox. A verified callback is stored (deduplicated) before WeCom gets its 200; the table
 * is the durable queue. Workers drain it when the storing statement's NOTIFY arrives, on start, and from
 * a pg-boss cron job every minute, so a lost notification delays a row and never loses it. Each row is
 * processed in a transaction that locks it and marks it done (its own, or its batch's when a batch
 * handler takes it): retries and concurrent drains process a row once.
 */
export function createInbox(deps: InboxDeps) {
  const { db, log } = deps
  const handlers: InboxHandlers = {}
  const batchHandlers: { [T in InboxEvent['type']]?: InboxBatchHandler<T> } = {}

  const drainJob = defineJob({
    name: 'wecom.inbox.drain',
    payload: z.object({}).passthrough(),
    options: { policy: 'short', retryLimit: 3, expireInSeconds: 900 },
    run: drain,
  })

  // This process's drain loops: up to LOOPS at once, so one loop's handlers (WeCom reads, commits) overlap
  // another's claim (claims skip each other's rows); a trigger while they all run makes one go round again.
  let working = false
  const running = new Set<Promise<void>>()
  let again = false
  const gather = () => new Promise((r) => setTimeout(r, GATHER_MS))
  function trigger() {
    if (!working) return
    if (running.size >= LOOPS) { again = true; return }
    const loop: Promise<void> = (async () => { do { again = false; await gather(); await drain() } while (again) })()
      .catch((err) => log.error({ err }, 'inbox drain failed'))
      .finally(() => { running.delete(loop) })
    running.add(loop)
  }

  let listener: Listener | undefined

  type Row = Awaited<ReturnType<typeof repo.claimDue>>[number] & { parsed?: InboxEvent }

  // Rows this process stored while it works, with their parsed events: handed to its own drain without a claim
  // (no second row version, no payload read back) under a lease any worker takes over if this process dies.
  const own: Row[] = []
  let lastClaim = 0
  async function nextRows() {
    if (own.length && Date.now() - lastClaim < CLAIM_EVERY_MS) return own.splice(0, CLAIM)
    lastClaim = Date.now()
    const claimed = await repo.claimDue(db, CLAIM, LEASE_SECONDS)
    return claimed.length ? claimed : own.splice(0, CLAIM)
  }

  async function drain() {
    for (;;) {
      const rows = await nextRows()
      if (rows.length === 0) return
      // Rows a batch handler takes are grouped by handler and corp; the rest are processed one by one.
      const singles: { row: Row; event?: InboxEvent }[] = []
      const groups = new Map<string, { handler: InboxBatchHandler; corpId: string; items: InboxItem[] }>()
      for (const row of rows) {
        const event = parseOrUndefined(row)
        const handler = event && batchHandlers[event.type] as InboxBatchHandler | undefined
        if (!event || !handler?.accepts(event)) { singles.push({ row, event }); continue }
        const key = `${event.type}|${row.corpId}`
        const group = groups.get(key) ?? groups.set(key, { handler, corpId: row.corpId, items: [] }).get(key)!
        group.items.push({ event, inboxId: row.id, dedupeKey: row.dedupeKey })
      }
      const batches = [...groups.values()].flatMap((g) => Array.from({ length: Math.ceil(g.items.length / BATCH) }, (_, i) => ({ ...g, items: g.items.slice(i * BATCH, (i + 1) * BATCH) })))
      await Promise.all([
        inParallel(singles, ({ row, event }) => processRow(row, event)),
        ...batches.map((b) => processBatch(b.handler, b.corpId, b.items)),
      ])
    }
  }

  const parseRow = (row: Row) => row.parsed ?? deps.parse(row.payload).event
  const parseOrUndefined = (row: Row) => { try { return parseRow(row) } catch { return undefined } }

  async function inParallel<T>(items: T[], fn: (item: T) => Promise<void>) {
    let next = 0
    await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i]!).catch(() => {})   // recorded on the row
    }))
  }

  /**
   * Runs `fn` in one transaction that marks the rows still unprocessed as processed (locking them) and commits
   * that with fn's work; nothing runs when none is left (a concurrent or earlier drain did them). For single rows and batches alike.
   */
  const onPending = <R>(ids: string[], fn: (tx: Transaction<DB>, pending: Set<string>) => Promise<R>) =>
    db.transaction().execute(async (tx) => {
      const pending = await repo.takePending(tx, ids)
      return pending.length === 0 ? undefined : fn(tx, new Set(pending))
    })

  const batchContext = (corpId: string, items: InboxItem[]): InboxBatchContext => ({
    corpId,
    transaction: async (fn) => { await onPending(items.map((i) => i.inboxId), (tx, pending) => fn(tx, items.filter((i) => pending.has(i.inboxId)))) },
  })

  /** A failed batch changes nothing (one transaction); its rows are then tried one by one, so only a bad row fails. */
  async function processBatch(handler: InboxBatchHandler, corpId: string, items: InboxItem[]) {
    try {
      await handler.handle(items, batchContext(corpId, items))
    } catch (err) {
      log.info({ err, rows: items.length }, 'inbox batch failed; its rows are processed one by one')
      await inParallel(items, (i) => process(i.inboxId))
    }
  }

  async function process(inboxId: string) {
    const row = await repo.findInboxEvent(db, inboxId)
    if (row && !row.processedAt) await processRow(row)
  }

  /** One row; `parsed` when the drain already parsed it (an unparseable row is parsed here again, to record why). */
  async function processRow(row: Row, parsed?: InboxEvent) {
    const inboxId = row.id
    const ctx: InboxContext = {
      corpId: row.corpId, inboxId, dedupeKey: row.dedupeKey, receivedAt: row.receivedAt,
      transaction: (fn) => onPending([inboxId], (tx) => fn(tx)),
    }
    try {
      const event = parsed ?? parseRow(row)
      const batch = batchHandlers[event.type] as InboxBatchHandler | undefined
      const handler = handlers[event.type] as InboxHandler | undefined
      const item = { event, inboxId, dedupeKey: row.dedupeKey }
      if (batch?.accepts(event)) await batch.handle([item], batchContext(row.corpId, [item]))
      else if (handler) await handler(event as never, ctx)
      else await ctx.transaction(async () => undefined)        // nothing reacts to it: done
    } catch (err) {
      log.warn({ err, inboxId }, 'inbox event failed; it will be retried with back-off')
      await repo.recordFailure(db, inboxId, err instanceof Error ? err.message : String(err))
      throw err
    }
  }

  // Group commit: callbacks arriving while a write is in flight share the next INSERT (one round trip,
  // one commit). One write in flight per process measured best: larger batches, fewer commits (bench/callbacks).
  const storeBatched = createBatcher(async (rows: (repo.NewInboxEvent & { parsed: InboxEvent })[]) => {
    const inserted = new Map((await repo.insertInboxEvents(db, rows)).map((r) => [`${r.corpId}|${r.dedupeKey}`, r]))
    // A duplicate inside one batch is stored once; the first caller gets true, like a retry would.
    const results = rows.map((r) => {
      const key = `${r.corpId}|${r.dedupeKey}`
      const row = inserted.get(key)
      if (row && r.leaseSeconds > 0) own.push({ ...row, payload: r.payload, parsed: r.parsed })
      return inserted.delete(key)
    })
    if (results.some(Boolean)) trigger()               // this process's worker at once; others by NOTIFY
    return results
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
    /** A batch handler for the events of one type it accepts (the single handler keeps the others). */
    registerBatch<T extends InboxEvent['type']>(type: T, handler: InboxBatchHandler<T>) {
      if (batchHandlers[type]) throw new Error(`two inbox batch handlers for ${type}`)
      ;(batchHandlers as Record<string, unknown>)[type] = handler
    },
    /** Stores a decrypted callback; false when it was a duplicate delivery. Throws on unparseable XML. */
    async store(corpId: string, decryptedXml: string): Promise<boolean> {
      const parsed = deps.parse(decryptedXml)
      // A working process keeps the row for its own drain unless its hand is full (then every worker may take it).
      const leaseSeconds = working && own.length < OWN_MAX ? OWN_LEASE_SECONDS : 0
      return storeBatched({ corpId, dedupeKey: parsed.dedupeKey, event: parsed.eventName, changeType: parsed.changeType, payload: decryptedXml, leaseSeconds, parsed: parsed.event })
    },
    /** In a worker process: listen for new rows and drain what is already due. */
    async startWorking() {
      working = true
      // A (re)connect triggers a drain too: whatever arrived while nobody listened.
      listener = await listenTo({ databaseUrl: deps.databaseUrl, channel: repo.INBOX_CHANNEL, name: 'pond-inbox-listener', log, onNotify: trigger })
    },
    async stop() {
      working = false
      await Promise.all(running)
      await listener?.stop()
    },
    /** Callbacks are waiting or being processed in this process: background work here steps aside (the profile fill). */
    busy: () => own.length > 0 || running.size > 0,
    /** Drains what is due now in this process; resolves when nothing due is left. */
    drain,
    process,
    stats: (corpId: string) => repo.inboxStats(db, corpId),
  }
}
