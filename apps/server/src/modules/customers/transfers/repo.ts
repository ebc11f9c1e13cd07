import { sql } from 'kysely'
import type { Executor } from '../../../db/database'
import type { TransferStatus } from '../../../db/types'

export interface NewTransfer {
  corpId: string; kind: 'on_job' | 'resigned'; customerId: string; handoverEmployeeId: string; takeoverEmployeeId: string
  status: TransferStatus; errcode: number | null; requestedBy: string | null; requestedAt: Date
}

export const insertTransfers = (db: Executor, rows: NewTransfer[]) =>
  rows.length === 0 ? Promise.resolve([]) : db.insertInto('customerTransfer').values(rows).returning(['id', 'customerId', 'status', 'errcode']).execute()

/** On-job transfers of each customer in the last 90 days that were not refused (WeCom allows 2, CONTRACT §6). */
export const recentTransferCounts = async (db: Executor, customerIds: string[], since: Date) =>
  new Map((await db.selectFrom('customerTransfer').select(['customerId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('customerId', 'in', customerIds.length ? customerIds : ['0']).where('kind', '=', 'on_job')
    .where('status', 'in', ['waiting', 'done']).where('requestedAt', '>=', since).groupBy('customerId').execute()).map((r) => [r.customerId, Number(r.n)]))

export const waitingPairs = (db: Executor, corpId: string) =>
  db.selectFrom('customerTransfer').select(['kind', 'handoverEmployeeId', 'takeoverEmployeeId']).distinct()
    .where('corpId', '=', corpId).where('status', '=', 'waiting').execute()

export const waitingOf = (db: Executor, corpId: string, pair: { kind: 'on_job' | 'resigned'; handoverEmployeeId: string; takeoverEmployeeId: string }) =>
  db.selectFrom('customerTransfer as t').innerJoin('customer as c', 'c.id', 't.customerId').select(['t.id', 'c.externalUserId'])
    .where('t.corpId', '=', corpId).where('t.status', '=', 'waiting').where('t.kind', '=', pair.kind)
    .where('t.handoverEmployeeId', '=', pair.handoverEmployeeId).where('t.takeoverEmployeeId', '=', pair.takeoverEmployeeId).execute()

export const settle = (db: Executor, id: string, status: TransferStatus, at: Date | null) =>
  db.updateTable('customerTransfer').set({ status, completedAt: at }).where('id', '=', id).where('status', '=', 'waiting')
    .returning(['id', 'customerId', 'takeoverEmployeeId', 'status']).execute()

/** A transfer_fail callback names the takeover and the customer. */
export const settleByTakeover = (db: Executor, q: { corpId: string; takeoverEmployeeId: string; externalUserId: string; status: TransferStatus; at: Date }) =>
  db.updateTable('customerTransfer').set({ status: q.status, completedAt: q.at })
    .where('corpId', '=', q.corpId).where('takeoverEmployeeId', '=', q.takeoverEmployeeId).where('status', '=', 'waiting')
    .where('customerId', '=', sql<string>`(select id from customer where corp_id = ${q.corpId} and external_user_id = ${q.externalUserId})`)
    .returning(['id', 'customerId', 'takeoverEmployeeId', 'status']).execute()

export const listTransfers = (db: Executor, q: { corpId: string; status?: TransferStatus; beforeId?: string; limit: number }) =>
  db.selectFrom('customerTransfer as t').innerJoin('customer as c', 'c.id', 't.customerId')
    .select(['t.id', 't.kind', 't.customerId', 'c.name as customerName', 't.handoverEmployeeId', 't.takeoverEmployeeId', 't.status', 't.errcode', 't.requestedAt', 't.completedAt'])
    .where('t.corpId', '=', q.corpId)
    .$if(!!q.status, (qb) => qb.where('t.status', '=', q.status!))
    .$if(!!q.beforeId, (qb) => qb.where('t.id', '<', q.beforeId!))
    .orderBy('t.id', 'desc').limit(q.limit).execute()
