import { sql } from 'kysely'
import type { Executor } from '../db/database'

export interface NewInboxEvent { corpId: string; dedupeKey: string; event: string; changeType: string; payload: string; leaseSeconds: number }

export const INBOX_CHANNEL = 'pond_inbox'

/**
 * Stores verified callbacks in one statement and, when any new row is due now, notifies workers on commit
 * (LISTEN pond_inbox): one round trip per batch. A row with a lease is not due until it ends: the storing
 * process processes it itself. Returns the rows that were new (a WeCom retry is not).
 */
export const insertInboxEvents = async (db: Executor, rows: NewInboxEvent[]) => (await sql<{ id: string; corpId: string; dedupeKey: string; receivedAt: Date }>`
  with stored as (
    insert into inbox_event (corp_id, dedupe_key, event, change_type, payload, next_attempt_at)
    select corp_id, dedupe_key, event, change_type, payload, now() + make_interval(secs => lease) from unnest(${rows.map((r) => r.corpId)}::uuid[],
      ${rows.map((r) => r.dedupeKey)}::text[], ${rows.map((r) => r.event)}::text[], ${rows.map((r) => r.changeType)}::text[], ${rows.map((r) => r.payload)}::text[],
      ${rows.map((r) => r.leaseSeconds)}::int[]) as r(corp_id, dedupe_key, event, change_type, payload, lease)
    on conflict (corp_id, dedupe_key) do nothing
    returning id, corp_id, dedupe_key, received_at, next_attempt_at <= now() as due
  ), woke as (select pg_notify(${INBOX_CHANNEL}, '') where exists (select 1 from stored where due))
  select id, corp_id, dedupe_key, received_at from stored left join woke on true`.execute(db)).rows

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
 * Marks the rows still unprocessed as processed and returns them, for the caller's transaction to commit with
 * its work or roll back without it. Locked in id order first: waits for a concurrent processor of the same rows
 * (concurrent batches queue rather than deadlock), then tells which work is left. One statement, one row version.
 */
export const takePending = async (db: Executor, ids: string[]) => (await sql<{ id: string }>`
  update inbox_event set processed_at = now(), last_error = null
  where id in (select id from inbox_event where id = any(${ids}::bigint[]) and processed_at is null order by id for update)
  returning id`.execute(db)).rows.map((r) => r.id)

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
