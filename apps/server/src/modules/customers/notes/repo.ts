import { sql } from 'kysely'
import type { Executor } from '../../../db/database'
import type { NoteKind } from '../../../db/types'

export interface NewNote { corpId: string; customerId: string; authorUserId: string; authorEmployeeId: string | null; authorName: string; kind: NoteKind; body: string; nextFollowUpOn: string | null }

export const insertNote = (db: Executor, row: NewNote) =>
  db.insertInto('customerNote').values(row).returningAll().executeTakeFirstOrThrow()

/** A customer's live notes, newest first: (created_at, id) strictly before the cursor. */
export const listNotes = (db: Executor, customerId: string, page: { before?: { at: Date; id: string }; limit: number }) =>
  db.selectFrom('customerNote').selectAll().where('customerId', '=', customerId).where('deletedAt', 'is', null)
    .$if(!!page.before, (qb) => qb.where((eb) => eb(eb.refTuple('createdAt', 'id'), '<', eb.tuple(page.before!.at, page.before!.id))))
    .orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(page.limit).execute()

/** A live note of that customer, locked for the edit or delete that follows. */
export const lockNote = (db: Executor, customerId: string, id: string) =>
  db.selectFrom('customerNote').selectAll().where('customerId', '=', customerId).where('id', '=', id).where('deletedAt', 'is', null)
    .forUpdate().executeTakeFirst()

export const updateNote = (db: Executor, id: string, patch: { kind: NoteKind; body: string; nextFollowUpOn: string | null }) =>
  db.updateTable('customerNote').set({ ...patch, updatedAt: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()

/** Soft delete: the row stays (who deleted it and when) and the timeline shows the trace. */
export const softDeleteNote = (db: Executor, id: string, deletedBy: string) =>
  db.updateTable('customerNote').set({ deletedAt: sql`now()`, deletedBy }).where('id', '=', id).execute()

/** Notes named by timeline events, deleted ones included. */
export const findNotes = (db: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customerNote').select(['id', 'kind', 'body', 'nextFollowUpOn', 'updatedAt', 'deletedAt']).where('id', 'in', ids).execute()
