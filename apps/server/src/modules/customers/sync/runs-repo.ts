import type { Executor } from '../../../db/database'
import type { SyncFailure, SyncRunStatus } from '../../../db/types'

export const insertRun = (db: Executor, corpId: string, kind: 'import' | 'reconcile') =>
  db.insertInto('customerSyncRun').values({ corpId, kind }).returningAll().executeTakeFirstOrThrow()

/** Only a queued run starts: a retried job does not run a finished sync again. */
export const startRun = (db: Executor, id: string, at: Date) =>
  db.updateTable('customerSyncRun').set({ status: 'running', startedAt: at }).where('id', '=', id).where('status', 'in', ['queued', 'running'])
    .returningAll().executeTakeFirst()

export const finishRun = (db: Executor, id: string, row: { status: Exclude<SyncRunStatus, 'queued' | 'running'>; stats: Record<string, number>; failures: SyncFailure[]; error: string | null; at: Date }) =>
  db.updateTable('customerSyncRun').set({ status: row.status, stats: JSON.stringify(row.stats), failures: JSON.stringify(row.failures), error: row.error, finishedAt: row.at })
    .where('id', '=', id).execute()

export const listRuns = (db: Executor, corpId: string) =>
  db.selectFrom('customerSyncRun').selectAll().where('corpId', '=', corpId).orderBy('id', 'desc').limit(20).execute()
