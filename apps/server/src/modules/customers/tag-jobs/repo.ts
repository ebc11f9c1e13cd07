import { sql } from 'kysely'
import type { Executor } from '../../../db/database'
import type { TagJobStatus } from '../../../db/types'
import type { Scope } from '../../../http/actor'
import { inScope } from '../repo'

export interface NewJob {
  corpId: string; kind: 'bulk' | 'rule'; segmentId: string; segmentName: string; ruleId: string | null
  addTagIds: string[]; removeTagIds: string[]; removeUnmatched: boolean; scope: Scope; requestedBy: string | null
}
export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>

export const insertJob = (db: Executor, row: NewJob) =>
  db.insertInto('customerTagJob').values({ ...row, scope: JSON.stringify(row.scope) }).returningAll().executeTakeFirstOrThrow()

export const findJob = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('customerTagJob').selectAll().where('corpId', '=', corpId).where('id', '=', id).executeTakeFirst()

/** Chunks of one job take turns on this lock, so a second runner (a retry after a crash) reads the advanced cursor. */
export const lockJob = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('customerTagJob').selectAll().where('corpId', '=', corpId).where('id', '=', id).forUpdate().executeTakeFirst()

export const startJob = (db: Executor, id: string, total: number, at: Date) =>
  db.updateTable('customerTagJob').set({ status: 'running', total, startedAt: at, updatedAt: at })
    .where('id', '=', id).where('status', '=', 'queued').returningAll().executeTakeFirst()

export interface Progress { cursor: string | null; phase: 'members' | 'prune'; processed: number; added: number; already: number; removed: number; marksQueued: number }

/** Counters grow by what one chunk did; the cursor moves past it (same transaction as the chunk's writes). */
export const advanceJob = (db: Executor, id: string, p: Progress, at: Date) =>
  db.updateTable('customerTagJob').set((eb) => ({
    cursor: p.cursor, phase: p.phase, updatedAt: at,
    processed: eb('processed', '+', p.processed), added: eb('added', '+', p.added), already: eb('already', '+', p.already),
    removed: eb('removed', '+', p.removed), marksQueued: eb('marksQueued', '+', p.marksQueued),
  })).where('id', '=', id).execute()

export const finishJob = (db: Executor, id: string, status: TagJobStatus, at: Date, error: string | null = null) =>
  db.updateTable('customerTagJob').set({ status, finishedAt: at, updatedAt: at, error })
    .where('id', '=', id).where('status', 'in', ['queued', 'running']).execute()

export const noteError = (db: Executor, id: string, error: string, at: Date) =>
  db.updateTable('customerTagJob').set({ error, updatedAt: at }).where('id', '=', id).execute()

export const cancelJob = (db: Executor, corpId: string, id: string, at: Date) =>
  db.updateTable('customerTagJob').set({ status: 'cancelled', finishedAt: at, updatedAt: at })
    .where('corpId', '=', corpId).where('id', '=', id).where('status', 'in', ['queued', 'running']).returning('id').executeTakeFirst()

export const listJobs = (db: Executor, corpId: string, page: { before?: { at: Date; id: string }; limit: number }) =>
  db.selectFrom('customerTagJob').selectAll().where('corpId', '=', corpId)
    .$if(!!page.before, (qb) => qb.where((eb) => eb(eb.refTuple('createdAt', 'id'), '<', eb.tuple(page.before!.at, page.before!.id))))
    .orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(page.limit).execute()

export const latestJobsOfRules = (db: Executor, corpId: string, ruleIds: string[]) =>
  ruleIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customerTagJob').selectAll().distinctOn('ruleId').where('corpId', '=', corpId).where('ruleId', 'in', ruleIds)
      .orderBy('ruleId').orderBy('createdAt', 'desc').execute()

/** Every (customer, tag) pair not yet there; returns the pairs inserted (the rest were already tagged). */
export const insertCustomerTags = (db: Executor, corpId: string, customerIds: string[], tagIds: string[]) =>
  customerIds.length === 0 || tagIds.length === 0 ? Promise.resolve([]) :
    db.insertInto('customerTag').columns(['corpId', 'customerId', 'tagId'])
      .expression(sql`select ${corpId}::uuid, c, t from unnest(${customerIds}::bigint[]) c cross join unnest(${tagIds}::uuid[]) t`)
      .onConflict((oc) => oc.columns(['customerId', 'tagId']).doNothing()).returning(['customerId', 'tagId']).execute()

export const deleteCustomerTags = (db: Executor, corpId: string, customerIds: string[], tagIds: string[]) =>
  customerIds.length === 0 || tagIds.length === 0 ? Promise.resolve([]) :
    db.deleteFrom('customerTag').where('corpId', '=', corpId)
      .where('customerId', '=', sql<string>`any(${customerIds}::bigint[])`).where('tagId', '=', sql<string>`any(${tagIds}::uuid[])`)
      .returning(['customerId', 'tagId']).execute()

/** One timeline event per changed customer; the dedupe key makes a replayed chunk write none twice. */
export const insertEvents = (db: Executor, corpId: string, e: { kind: string; at: Date; customerIds: string[]; data: object[]; dedupeKeys: string[] }) =>
  e.customerIds.length === 0 ? Promise.resolve() :
    db.insertInto('customerEvent').columns(['corpId', 'customerId', 'kind', 'data', 'dedupeKey', 'occurredAt'])
      .expression(sql`select ${corpId}::uuid, c, ${e.kind}, d, k, ${e.at}::timestamptz
        from unnest(${e.customerIds}::bigint[], ${e.data.map((d) => JSON.stringify(d))}::jsonb[], ${e.dedupeKeys}::text[]) as x(c, d, k)`)
      .onConflict((oc) => oc.columns(['corpId', 'dedupeKey']).doNothing()).execute().then(() => undefined)

/** The relations WeCom's mark_tag acts on: each active follow of these customers. */
export const activeFollows = (db: Executor, corpId: string, customerIds: string[]) =>
  customerIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customerFollow as f').innerJoin('customer as c', 'c.id', 'f.customerId')
      .select(['f.customerId', 'f.employeeId', 'c.externalUserId'])
      .where('f.corpId', '=', corpId).where('f.customerId', '=', sql<string>`any(${customerIds}::bigint[])`).where('f.status', '=', 'active')
      .orderBy('f.customerId').orderBy('f.id').execute()

/**
 * The corp's mark_tag token bucket: reserves `seconds` of WeCom's rate from the later of now and the end of
 * the last reservation; returns in how many seconds this reservation starts. The row lock serialises jobs.
 */
export const reservePace = async (db: Executor, corpId: string, seconds: number) =>
  Number((await db.insertInto('customerMarkPace').values({ corpId, nextAt: sql`now() + ${seconds} * interval '1 second'` })
    .onConflict((oc) => oc.column('corpId').doUpdateSet({ nextAt: sql`greatest(customer_mark_pace.next_at, now()) + ${seconds} * interval '1 second'` }))
    .returning(sql<string>`greatest(0, extract(epoch from next_at - now()) - ${seconds})`.as('delay')).executeTakeFirstOrThrow()).delay)

/**
 * Customers within `scope` holding any of `tagIds` who are not members of the segment (a rule's "no longer
 * matches"), by customer id after the cursor.
 */
export const unmatchedTagged = (db: Executor, q: { corpId: string; scope: Scope; segmentId: string; tagIds: string[]; after?: string; limit: number }) =>
  db.selectFrom('customer').select(['customer.id', 'customer.externalUserId'])
    .where('customer.corpId', '=', q.corpId).where((eb) => inScope(eb, q.scope))
    .where('customer.id', 'in', (eb) => eb.selectFrom('customerTag as ct').select('ct.customerId')
      .where('ct.tagId', 'in', q.tagIds).$if(q.after !== undefined, (qb) => qb.where('ct.customerId', '>', q.after!)))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('segmentMember as m').select(eb.lit(1).as('one'))
      .where('m.segmentId', '=', q.segmentId).whereRef('m.customerId', '=', 'customer.id'))))
    .$if(q.after !== undefined, (qb) => qb.where('customer.id', '>', q.after!))
    .orderBy('customer.id').limit(q.limit).execute()

/** undefined = already recorded (a replayed failure). */
export const insertFailure = (db: Executor, row: { corpId: string; jobId: string; customerId: string; userid: string; errcode: number; message: string }) =>
  db.insertInto('customerTagJobFailure').values(row).onConflict((oc) => oc.columns(['jobId', 'customerId', 'userid']).doNothing())
    .returning('jobId').executeTakeFirst()

export const bumpFailed = (db: Executor, jobId: string) =>
  db.updateTable('customerTagJob').set((eb) => ({ failed: eb('failed', '+', 1) })).where('id', '=', jobId).execute()

export const listFailures = (db: Executor, corpId: string, jobId: string, limit: number) =>
  db.selectFrom('customerTagJobFailure as f').innerJoin('customer as c', 'c.id', 'f.customerId')
    .select(['f.customerId', 'c.name as customerName', 'f.userid', 'f.errcode', 'f.message', 'f.createdAt'])
    .where('f.corpId', '=', corpId).where('f.jobId', '=', jobId).orderBy('f.createdAt').orderBy('f.customerId').limit(limit).execute()

export interface RuleRow { corpId: string; name: string; segmentId: string; addTagIds: string[]; removeUnmatched: boolean; enabled: boolean }

/** undefined = the name is taken. */
export const insertRule = (db: Executor, row: RuleRow & { createdBy: string | null }) =>
  db.insertInto('customerTagRule').values(row).onConflict((oc) => oc.columns(['corpId', 'name']).doNothing()).returningAll().executeTakeFirst()

export const updateRule = (db: Executor, id: string, row: RuleRow, at: Date) =>
  db.updateTable('customerTagRule').set({ ...row, updatedAt: at }).where('corpId', '=', row.corpId).where('id', '=', id).returningAll().executeTakeFirst()

export const deleteRule = (db: Executor, corpId: string, id: string) =>
  db.deleteFrom('customerTagRule').where('corpId', '=', corpId).where('id', '=', id).returning('id').executeTakeFirst()

export const findRule = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('customerTagRule').selectAll().where('corpId', '=', corpId).where('id', '=', id).executeTakeFirst()

export const findRuleByName = (db: Executor, corpId: string, name: string) =>
  db.selectFrom('customerTagRule').select('id').where('corpId', '=', corpId).where('name', '=', name).executeTakeFirst()

export const listRules = (db: Executor, corpId: string, q: { enabledOnly?: boolean } = {}) =>
  db.selectFrom('customerTagRule').selectAll().where('corpId', '=', corpId)
    .$if(!!q.enabledOnly, (qb) => qb.where('enabled', '=', true)).orderBy('createdAt').orderBy('id').execute()
