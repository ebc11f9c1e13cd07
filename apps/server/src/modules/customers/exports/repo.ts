import type { Executor } from '../../../db/database'
import type { Scope } from '../../../http/actor'
import { inScope } from '../repo'

export interface NewExportLog {
  corpId: string; adminUserId: string | null; username: string; source: 'customers' | 'segment'; segmentId: string | null; segmentName: string | null
  filter: Record<string, unknown>; format: 'csv' | 'xlsx'; masked: boolean
}

export const insertLog = (db: Executor, row: NewExportLog) =>
  db.insertInto('customerExportLog').values({ ...row, filter: JSON.stringify(row.filter), status: 'running' }).returning('id').executeTakeFirstOrThrow()

export const finishLog = (db: Executor, id: string, end: { status: 'done' | 'failed'; rowCount: number; error: string | null }) =>
  db.updateTable('customerExportLog').set({ ...end, finishedAt: new Date() }).where('id', '=', id).where('status', '=', 'running').execute()

export const listLogs = (db: Executor, corpId: string, page: { beforeId?: string; limit: number }) =>
  db.selectFrom('customerExportLog').selectAll().where('corpId', '=', corpId)
    .$if(!!page.beforeId, (qb) => qb.where('id', '<', page.beforeId!))
    .orderBy('id', 'desc').limit(page.limit).execute()

/** Customers by id (a page of segment members, already scoped by the segment's member page), in id order. */
export const findCustomersByIds = (db: Executor, corpId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customer').selectAll().where('corpId', '=', corpId).where('id', 'in', ids).orderBy('id').execute()

/** How many of a segment's materialised members the actor may see (the XLSX row limit is checked against it). */
export const countSegmentMembers = async (db: Executor, corpId: string, scope: Scope, segmentId: string) =>
  Number((await db.selectFrom('segmentMember as m').innerJoin('customer', 'customer.id', 'm.customerId')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('m.segmentId', '=', segmentId).where('customer.corpId', '=', corpId).where((eb) => inScope(eb, scope))
    .executeTakeFirstOrThrow()).n)
