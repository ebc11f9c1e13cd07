import { sql } from 'kysely'
import type { Executor } from '../../../db/database'
import type { LossKind } from '../../../db/types'

export const insertLoss = (db: Executor, row: { corpId: string; customerId: string; employeeId: string; kind: LossKind; lostAt: Date }) =>
  db.insertInto('customerLoss').values(row)
    .onConflict((oc) => oc.columns(['customerId', 'employeeId', 'lostAt']).doNothing())
    .returning('id').executeTakeFirst()

export interface LossFilter { corpId: string; employeeIds?: string[]; kind?: LossKind; from?: Date; to?: Date }

export const listLosses = (db: Executor, f: LossFilter, page: { before?: { at: Date; id: string }; limit: number }) =>
  db.selectFrom('customerLoss as l').innerJoin('customer as c', 'c.id', 'l.customerId')
    .select(['l.id', 'l.customerId', 'l.employeeId', 'l.kind', 'l.lostAt', 'l.notifiedAt', 'c.name as customerName', 'c.avatar', 'c.externalUserId'])
    .where('l.corpId', '=', f.corpId)
    .$if(!!f.employeeIds, (qb) => qb.where((eb) => f.employeeIds!.length ? eb('l.employeeId', 'in', f.employeeIds!) : eb.val(false)))
    .$if(!!f.kind, (qb) => qb.where('l.kind', '=', f.kind!))
    .$if(!!f.from, (qb) => qb.where('l.lostAt', '>=', f.from!))
    .$if(!!f.to, (qb) => qb.where('l.lostAt', '<', f.to!))
    .$if(!!page.before, (qb) => qb.where((eb) => eb(eb.refTuple('l.lostAt', 'l.id'), '<', eb.tuple(page.before!.at, page.before!.id))))
    .orderBy('l.lostAt', 'desc').orderBy('l.id', 'desc').limit(page.limit).execute()

export const findLoss = (db: Executor, id: string) =>
  db.selectFrom('customerLoss as l').innerJoin('customer as c', 'c.id', 'l.customerId')
    .select(['l.id', 'l.corpId', 'l.employeeId', 'l.kind', 'l.lostAt', 'l.notifiedAt', 'c.name as customerName'])
    .where('l.id', '=', id).executeTakeFirst()

/** Losses not yet told to anyone, up to `before` (the digest's window). */
export const listUnnotified = (db: Executor, corpId: string, before: Date) =>
  db.selectFrom('customerLoss as l').innerJoin('customer as c', 'c.id', 'l.customerId')
    .select(['l.id', 'l.employeeId', 'l.kind', 'l.lostAt', 'c.name as customerName'])
    .where('l.corpId', '=', corpId).where('l.notifiedAt', 'is', null).where('l.lostAt', '<', before)
    .orderBy('l.lostAt').limit(5000).execute()

export const markNotified = (db: Executor, ids: string[], at: Date) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.updateTable('customerLoss').set({ notifiedAt: at }).where('id', 'in', ids).where('notifiedAt', 'is', null)
      .returning(['id', 'corpId', 'customerId', 'employeeId', 'kind']).execute()

export const findAlertSetting = (db: Executor, corpId: string) =>
  db.selectFrom('customerLossAlert').selectAll().where('corpId', '=', corpId).executeTakeFirst()

export const upsertAlertSetting = (db: Executor, row: { corpId: string; mode: 'off' | 'per_event' | 'daily_digest'; recipientEmployeeIds: string[] }) =>
  db.insertInto('customerLossAlert').values(row)
    .onConflict((oc) => oc.column('corpId').doUpdateSet({ mode: row.mode, recipientEmployeeIds: row.recipientEmployeeIds, updatedAt: sql`now()` }))
    .returningAll().executeTakeFirstOrThrow()
