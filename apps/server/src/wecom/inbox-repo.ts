import { sql } from 'kysely'
import type { Executor } from '../db/database'

export interface NewInboxEvent { corpId: string; dedupeKey: string; event: string; changeType: string; payload: string }

export const INBOX_CHANNEL = 'pond_inbox'

/**
 * Stores verified callbacks in one statement and, when any was new, notifies workers on commit
 * (LISTEN pond_inbox): one round trip per batch. Returns the rows that were new (a WeCom retry is not).
 */
export const insertInboxEvents = async (db: Executor, rows: NewInboxEvent[]) => (await sql<{ id: string; corpId: string; dedupeKey: string }>`
  with stored as (
    insert into inbox_event (corp_id, dedupe_key, event, change_type, payload)
    select * from unnest(${rows.map((r) => r.corpId)}::uuid[], ${rows.map((r) => r.dedupeKey)}::text[], ${rows.map((r) => r.event)}::text[],
      ${rows.map((r) => r.changeType)}::text[], ${rows.map((r) => r.payload)}::text[])
    on conflict (corp_id, dedupe_key) do nothing
    returning id, corp_id, dedupe_key
  ), woke as (select pg_notify(${INBOX_CHANNEL}, '') where exists (select 1 from stored))
  select id, corp_id, dedupe_key from stored left join woke on true`.execute(db)).rows

/**
 * Claims due rows for one drain pass: they are leased for `leaseSeconds`, so a worker that dies mid-way
 * leaves them to be claimed again, and concurrent drains never take the same row (SKIP LOCKED). The rows
 * come back whole (one round trip, not one per row), oldest first.
 */
export const claimDue = async (db: Executor, limit: number, leaseSeconds: number) => (await sql<{ id: string; corpId: string; dedupeKey: string; payload: string; receivedAt: Date }>`
  update inbox_event set next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
  where id in (select id from inbox_event where processed_at is null and next_attempt_at <= now()
               order by next_attempt_at, id limit ${limit} for update skip locked)
  returning id, corp_id, dedupe_key, payload, received_at`.execute(db)).rows.sort((a, b) => Number(a.id) - Number(b.id))

export const findInboxEvent = (db: Executor, id: string) =>
  db.selectFrom('inboxEvent').selectAll().where('id', '=', id).executeTakeFirst()

/**
 * The rows still unprocessed, locked in id order: waits for a concurrent processor of the same rows, then tells
 * which work is left (concurrent batches queue rather than deadlock).
 */
export const lockPendingMany = async (db: Executor, ids: string[]) =>
  (await db.selectFrom('inboxEvent').select('id').where('id', 'in', ids).where('processedAt', 'is', null).orderBy('id').forUpdate().execute()).map((r) => r.id)

export const markProcessedMany = (db: Executor, ids: string[]) =>
  db.updateTable('inboxEvent').set({ processedAt: sql`now()`, lastError: null }).where('id', 'in', ids).execute()

/** A failed row waits 2^attempts seconds (at most an hour) before it is tried again. */
export const recordFailure = (db: Executor, id: string, error: string) =>
  db.updateTable('inboxEvent').set((eb) => ({
    attempts: eb('attempts', '+', 1), lastError: error.slice(0, 2000),
    nextAttemptAt: sql`now() + make_interval(secs => least(3600, power(2, attempts)))`,
  })).where('id', '=', id).execute()

export const inboxStats = (db: Executor, corpId: string) =>
  db.selectFrom('inboxEvent')
    .select([(eb) => eb.fn.countAll<string>().as('total'), sql<string>`count(*) filter (where processed_at is null)`.as('pending')])
    .where('corpId', '=', corpId).executeTakeFirstOrThrow()
