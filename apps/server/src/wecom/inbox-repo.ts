import { sql } from 'kysely'
import type { Executor } from '../db/database'

/** Stores a verified callback; undefined when the same callback was stored before (a WeCom retry). */
export const insertInboxEvent = (db: Executor, row: { corpId: string; dedupeKey: string; event: string; changeType: string; payload: string }) =>
  db.insertInto('inboxEvent').values(row)
    .onConflict((oc) => oc.columns(['corpId', 'dedupeKey']).doNothing())
    .returning('id').executeTakeFirst()

export const findInboxEvent = (db: Executor, id: string) =>
  db.selectFrom('inboxEvent').selectAll().where('id', '=', id).executeTakeFirst()

/** Waits for a concurrent processor of the same row, then tells whether work is left. */
export const lockPending = (db: Executor, id: string) =>
  db.selectFrom('inboxEvent').select('id').where('id', '=', id).where('processedAt', 'is', null).forUpdate().executeTakeFirst()

export const markProcessed = (db: Executor, id: string) =>
  db.updateTable('inboxEvent').set({ processedAt: sql`now()`, lastError: null }).where('id', '=', id).execute()

export const recordFailure = (db: Executor, id: string, error: string) =>
  db.updateTable('inboxEvent').set((eb) => ({ attempts: eb('attempts', '+', 1), lastError: error.slice(0, 2000) })).where('id', '=', id).execute()

/** Rows that were stored but never processed (e.g. the process died before the job was queued). */
export const listStale = (db: Executor, olderThan: Date, limit: number) =>
  db.selectFrom('inboxEvent').select('id').where('processedAt', 'is', null).where('receivedAt', '<', olderThan)
    .orderBy('id').limit(limit).execute()

export const inboxStats = (db: Executor, corpId: string) =>
  db.selectFrom('inboxEvent')
    .select([(eb) => eb.fn.countAll<string>().as('total'), sql<string>`count(*) filter (where processed_at is null)`.as('pending')])
    .where('corpId', '=', corpId).executeTakeFirstOrThrow()
