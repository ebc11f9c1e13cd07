import { sql } from 'kysely'
import type { Executor } from '../../../db/database'
import type { ImportMatchBy, ImportMode } from '../../../db/types'
import type { RowOutcome, Target } from './import-rows'

export interface NewImport {
  corpId: string; filename: string; headers: string[]; matchBy: ImportMatchBy; mapping: Target[]
  rowCount: number; errorCount: number; createdBy: string | null; createdByName: string
}

export const insertImport = (db: Executor, row: NewImport) =>
  db.insertInto('customerImport').values({ ...row, mapping: JSON.stringify(row.mapping) }).returningAll().executeTakeFirstOrThrow()

export const findImport = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('customerImport').selectAll().where('corpId', '=', corpId).where('id', '=', id).executeTakeFirst()

export const listImports = (db: Executor, corpId: string, page: { before?: string; limit: number }) =>
  db.selectFrom('customerImport').selectAll().where('corpId', '=', corpId)
    .$if(page.before !== undefined, (qb) => qb.where('id', '<', page.before!))
    .orderBy('id', 'desc').limit(page.limit).execute()

/** A new mapping's outcomes replace the preview; only a previewed import can be re-mapped. */
export const updatePreview = (db: Executor, corpId: string, id: string, row: { matchBy: ImportMatchBy; mapping: Target[]; errorCount: number }) =>
  db.updateTable('customerImport').set({ matchBy: row.matchBy, mapping: JSON.stringify(row.mapping), errorCount: row.errorCount })
    .where('corpId', '=', corpId).where('id', '=', id).where('status', '=', 'previewed').returningAll().executeTakeFirst()

/** The state change is the guard: of two concurrent applies one claims the row, the other waits and finds it applied. */
export const claimForApply = (db: Executor, corpId: string, id: string, mode: ImportMode) =>
  db.updateTable('customerImport').set({ status: 'applied', mode, appliedAt: sql`now()` })
    .where('corpId', '=', corpId).where('id', '=', id).where('status', '=', 'previewed').returningAll().executeTakeFirst()

export const setUpdatedCount = (db: Executor, id: string, updatedCount: number) =>
  db.updateTable('customerImport').set({ updatedCount }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()

export const discardImport = (db: Executor, corpId: string, id: string) =>
  db.updateTable('customerImport').set({ status: 'discarded' }).where('corpId', '=', corpId).where('id', '=', id).where('status', '=', 'previewed')
    .returningAll().executeTakeFirst()

/** Outcomes in one INSERT … SELECT unnest per batch. */
export const insertRows = (db: Executor, corpId: string, importId: string, rows: RowOutcome[]) =>
  rows.length === 0 ? Promise.resolve() : sql`
    insert into customer_import_row (corp_id, import_id, row_no, cells, customer_id, changes, errors)
    select ${corpId}, ${importId}, u.row_no, u.cells, u.customer_id, u.changes, u.errors
    from unnest(${rows.map((r) => r.rowNo)}::int[], ${rows.map((r) => JSON.stringify(r.cells))}::jsonb[], ${rows.map((r) => r.customerId)}::bigint[],
      ${rows.map((r) => JSON.stringify(r.changes))}::jsonb[], ${rows.map((r) => JSON.stringify(r.errors))}::jsonb[]) as u(row_no, cells, customer_id, changes, errors)`
    .execute(db).then(() => undefined)

export const deleteRows = (db: Executor, importId: string) => db.deleteFrom('customerImportRow').where('importId', '=', importId).execute()

export const allCells = (db: Executor, importId: string) =>
  db.selectFrom('customerImportRow').select('cells').where('importId', '=', importId).orderBy('rowNo').execute()

/** A page of the preview by row number (errors only: customer_import_row_errors_idx). */
export const rowsPage = (db: Executor, importId: string, page: { errorsOnly: boolean; after?: number; limit: number }) =>
  db.selectFrom('customerImportRow').select(['rowNo', 'cells', 'customerId', 'changes', 'errors'])
    .where('importId', '=', importId)
    .$if(page.errorsOnly, (qb) => qb.where(sql<boolean>`errors <> '[]'`))
    .$if(page.after !== undefined, (qb) => qb.where('rowNo', '>', page.after!))
    .orderBy('rowNo').limit(page.limit).execute()

/** The next batch of rows without errors, for apply. */
export const goodRows = (db: Executor, importId: string, page: { after: number; limit: number }) =>
  db.selectFrom('customerImportRow').select(['rowNo', 'customerId', 'changes'])
    .where('importId', '=', importId).where(sql<boolean>`errors = '[]'`).where('rowNo', '>', page.after)
    .orderBy('rowNo').limit(page.limit).execute()
