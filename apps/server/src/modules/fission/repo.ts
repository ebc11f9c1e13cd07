import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import type { FissionActivityStatus, FissionHelpStatus } from '../../db/types'

type Page = { after?: { at: Date; id: string }; limit: number }

// Activities

export const insertActivity = (db: Executor, row: { corpId: string; name: string; startsAt: Date; endsAt: Date; config: unknown; helperEmployeeIds: string[]; createdBy: string | null }) =>
  db.insertInto('fissionActivity').values({ ...row, config: JSON.stringify(row.config) }).returningAll().executeTakeFirstOrThrow()

export const updateActivity = (db: Executor, corpId: string, id: string, row: { name: string; startsAt: Date; endsAt: Date; config: unknown; helperEmployeeIds: string[] }) =>
  db.updateTable('fissionActivity').set({ ...row, config: JSON.stringify(row.config), updatedAt: sql`now()` })
    .where('corpId', '=', corpId).where('id', '=', id).where('status', '=', 'draft').returningAll().executeTakeFirst()

export const deleteDraft = (db: Executor, corpId: string, id: string) =>
  db.deleteFrom('fissionActivity').where('corpId', '=', corpId).where('id', '=', id).where('status', '=', 'draft').returning('id').executeTakeFirst()

export const findActivity = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('fissionActivity').selectAll().where('corpId', '=', corpId).where('id', '=', id).executeTakeFirst()

/** For jobs, which carry the id only. */
export const findActivityById = (db: Executor, id: string) =>
  db.selectFrom('fissionActivity').selectAll().where('id', '=', id).executeTakeFirst()

export const lockActivity = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('fissionActivity').selectAll().where('corpId', '=', corpId).where('id', '=', id).forUpdate().executeTakeFirst()

export const listActivities = (db: Executor, corpId: string, page: Page) =>
  db.selectFrom('fissionActivity').select(['id', 'name', 'status', 'startsAt', 'endsAt', 'createdAt']).where('corpId', '=', corpId)
    .$if(!!page.after, (qb) => qb.where((eb) => eb(eb.refTuple('createdAt', 'id'), '<', eb.tuple(page.after!.at, page.after!.id))))
    .orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(page.limit).execute()

/** Moves an activity from one of `from` to `to`; undefined when it was in another state (a lost race). */
export const setStatus = (db: Executor, corpId: string, id: string, from: FissionActivityStatus[], to: FissionActivityStatus, patch: { endsAt?: Date } = {}) =>
  db.updateTable('fissionActivity').set({ status: to, ...patch, updatedAt: sql`now()` })
    .where('corpId', '=', corpId).where('id', '=', id).where('status', 'in', from).returningAll().executeTakeFirst()

export const setEndsAt = (db: Executor, id: string, endsAt: Date) =>
  db.updateTable('fissionActivity').set({ endsAt, updatedAt: sql`now()` }).where('id', '=', id).execute()

/** Activities whose time says they should move on: scheduled → running, running → ended, ended → archived after the grace, archived with ways left. */
export const dueActivities = (db: Executor, now: Date, archiveBefore: Date) =>
  db.selectFrom('fissionActivity').select(['id', 'corpId', 'status', 'startsAt', 'endsAt']).where((eb) => eb.or([
    eb.and([eb('status', '=', 'scheduled'), eb('startsAt', '<=', now)]),
    eb.and([eb('status', '=', 'running'), eb('endsAt', '<=', now)]),
    eb.and([eb('status', '=', 'ended'), eb('endsAt', '<=', archiveBefore)]),
    eb.and([eb('status', '=', 'archived'), eb('waysCleanedAt', 'is', null)]),
  ])).execute()

export const markWaysCleaned = (db: Executor, id: string) =>
  db.updateTable('fissionActivity').set({ waysCleanedAt: sql`now()` }).where('id', '=', id).execute()

export const insertAudit = (db: Executor, row: { corpId: string; activityId: string; actorUserId: string | null; action: string; data: unknown }) =>
  db.insertInto('fissionAudit').values({ ...row, data: JSON.stringify(row.data) }).execute()

export const listAudit = (db: Executor, activityId: string) =>
  db.selectFrom('fissionAudit').select(['action', 'actorUserId', 'data', 'createdAt']).where('activityId', '=', activityId).orderBy('id').execute()

// Tiers and stock

export const replaceTiers = async (db: Executor, corpId: string, activityId: string, tiers: { level: number; threshold: number; prizeName: string; stock: number; completionTagId: string | null; unitPriceFen: number }[]) => {
  await db.deleteFrom('fissionTier').where('activityId', '=', activityId).execute()
  await db.insertInto('fissionTier').values(tiers.map(({ stock, ...t }) => ({ corpId, activityId, ...t, stockTotal: stock, stockLeft: stock }))).execute()
}

export const tiersOf = (db: Executor, activityIds: string[]) =>
  activityIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('fissionTier').selectAll().where('activityId', 'in', activityIds).orderBy('level').execute()

/** Takes one prize if any is left: the row lock and the WHERE make overselling impossible. */
export const reserveStock = (db: Executor, activityId: string, level: number) =>
  db.updateTable('fissionTier').set((eb) => ({ stockLeft: eb('stockLeft', '-', 1) }))
    .where('activityId', '=', activityId).where('level', '=', level).where('stockLeft', '>', 0).returning('stockLeft').executeTakeFirst()

export const topUpStock = (db: Executor, activityId: string, level: number, add: number) =>
  db.updateTable('fissionTier').set((eb) => ({ stockLeft: eb('stockLeft', '+', add), stockTotal: eb('stockTotal', '+', add) }))
    .where('activityId', '=', activityId).where('level', '=', level).returning(['stockLeft', 'stockTotal']).executeTakeFirst()

export const insertLedger = (db: Executor, rows: { corpId: string; activityId: string; level: number; delta: number; stockLeft: number; reason: 'initial' | 'reserved' | 'top_up'; completionId?: string; actorUserId?: string | null }[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto('fissionStockLedger').values(rows).execute().then(() => undefined)

export const ledgerOf = (db: Executor, activityId: string) =>
  db.selectFrom('fissionStockLedger').select(['level', 'delta', 'stockLeft', 'reason', 'completionId']).where('activityId', '=', activityId).orderBy('id').execute()

// Participants

export const insertParticipant = (db: Executor, row: { corpId: string; activityId: string; customerId: string; externalUserId: string; employeeId: string | null; state: string; invitedByParticipantId: string | null }) =>
  db.insertInto('fissionParticipant').values(row).onConflict((oc) => oc.columns(['activityId', 'customerId']).doNothing()).returningAll().executeTakeFirst()

export const findParticipant = (db: Executor, activityId: string, customerId: string) =>
  db.selectFrom('fissionParticipant').selectAll().where('activityId', '=', activityId).where('customerId', '=', customerId).executeTakeFirst()

export const findParticipantById = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('fissionParticipant').selectAll().where('corpId', '=', corpId).where('id', '=', id).executeTakeFirst()

export const lockParticipant = (db: Executor, id: string) =>
  db.selectFrom('fissionParticipant').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow()

/** Stores the contact way unless a concurrent join stored one first. */
export const setWay = (db: Executor, id: string, way: { configId: string; qrCodeUrl: string }) =>
  db.updateTable('fissionParticipant').set(way).where('id', '=', id).where('configId', 'is', null).returningAll().executeTakeFirst()

export const setHelpCount = (db: Executor, id: string, helpCount: number) =>
  db.updateTable('fissionParticipant').set({ helpCount }).where('id', '=', id).execute()

export const waysToDelete = (db: Executor, activityId: string, limit: number) =>
  db.selectFrom('fissionParticipant').select(['id', 'configId']).where('activityId', '=', activityId)
    .where('configId', 'is not', null).where('wayDeletedAt', 'is', null).orderBy('id').limit(limit).execute()

export const markWayDeleted = (db: Executor, id: string) =>
  db.updateTable('fissionParticipant').set({ wayDeletedAt: sql`now()` }).where('id', '=', id).execute()

/** The initiators behind WeCom contact ways, with their activity's name; `employeeIds` narrows to a data scope. */
export const participantsByWays = (db: Executor, corpId: string, configIds: string[], employeeIds: string[] | undefined) =>
  configIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('fissionParticipant as p').innerJoin('fissionActivity as a', 'a.id', 'p.activityId')
      .select(['p.id', 'p.configId', 'p.customerId', 'p.activityId', 'a.name as activityName'])
      .where('p.corpId', '=', corpId).where('p.configId', 'in', configIds)
      .$if(!!employeeIds, (qb) => qb.where('p.employeeId', 'in', employeeIds!.length ? employeeIds! : ['00000000-0000-0000-0000-000000000000']))
      .execute()

export const listParticipants = (db: Executor, activityId: string, employeeIds: string[] | undefined, page: Page) =>
  db.selectFrom('fissionParticipant').selectAll().where('activityId', '=', activityId)
    .$if(!!employeeIds, (qb) => qb.where('employeeId', 'in', employeeIds!.length ? employeeIds! : ['00000000-0000-0000-0000-000000000000']))
    .$if(!!page.after, (qb) => qb.where((eb) => eb(eb.refTuple('joinedAt', 'id'), '<', eb.tuple(page.after!.at, page.after!.id))))
    .orderBy('joinedAt', 'desc').orderBy('id', 'desc').limit(page.limit).execute()

// Helps

export interface NewHelp {
  corpId: string; activityId: string; participantId: string; helperCustomerId: string; helperExternalUserId: string; employeeId: string; newCustomer: boolean
  status: FissionHelpStatus; reason: string | null; addedAt: Date; welcomeCode: string | null; dedupeKey: string
}

export const helpOfHelper = (db: Executor, activityId: string, helperCustomerId: string) =>
  db.selectFrom('fissionHelp').select(['id', 'status']).where('activityId', '=', activityId).where('helperCustomerId', '=', helperCustomerId)
    .where('status', '<>', 'refused').executeTakeFirst()

export const countCounted = async (db: Executor, participantId: string) =>
  Number((await db.selectFrom('fissionHelp').select((eb) => eb.fn.countAll<string>().as('n')).where('participantId', '=', participantId)
    .where('status', '=', 'counted').executeTakeFirstOrThrow()).n)

export const findHelp = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('fissionHelp').selectAll().where('corpId', '=', corpId).where('id', '=', id).executeTakeFirst()

export const setHelpStatus = (db: Executor, id: string, status: FissionHelpStatus, from: FissionHelpStatus[], revokedAt?: Date) =>
  db.updateTable('fissionHelp').set({ status, ...(revokedAt ? { revokedAt } : {}) }).where('id', '=', id).where('status', 'in', from).returningAll().executeTakeFirst()

/** Valid helps this lost relation carried, added within `churnHours` before the loss. */
export const churnableHelps = (db: Executor, corpId: string, helperCustomerId: string, employeeId: string) =>
  db.selectFrom('fissionHelp').innerJoin('fissionActivity as a', 'a.id', 'fissionHelp.activityId')
    .select(['fissionHelp.id', 'fissionHelp.participantId', 'fissionHelp.status', 'fissionHelp.addedAt', 'a.config'])
    .where('fissionHelp.corpId', '=', corpId).where('fissionHelp.helperCustomerId', '=', helperCustomerId)
    .where('fissionHelp.employeeId', '=', employeeId).where('fissionHelp.status', 'in', ['counted', 'held']).execute()

export const helpForWelcome = (db: Executor, id: string) =>
  db.selectFrom('fissionHelp').innerJoin('fissionActivity as a', 'a.id', 'fissionHelp.activityId')
    .select(['fissionHelp.status', 'fissionHelp.reason', 'fissionHelp.welcomeCode', 'fissionHelp.welcomeStatus', 'fissionHelp.activityId', 'fissionHelp.helperCustomerId', 'a.endsAt', 'a.config'])
    .where('fissionHelp.id', '=', id).executeTakeFirst()

export const setWelcomeStatus = (db: Executor, id: string, status: string) =>
  db.updateTable('fissionHelp').set({ welcomeStatus: status }).where('id', '=', id).where('welcomeStatus', '=', 'pending').returning('id').executeTakeFirst()

export const listHelps = (db: Executor, activityId: string, q: { participantId?: string; status?: FissionHelpStatus; employeeIds?: string[] }, page: { afterId?: string; limit: number }) =>
  db.selectFrom('fissionHelp').select(['id', 'participantId', 'helperCustomerId', 'helperExternalUserId', 'employeeId', 'status', 'reason', 'addedAt', 'revokedAt'])
    .where('activityId', '=', activityId)
    .$if(!!q.participantId, (qb) => qb.where('participantId', '=', q.participantId!))
    .$if(!!q.status, (qb) => qb.where('status', '=', q.status!))
    .$if(!!q.employeeIds, (qb) => qb.where('participantId', 'in', (eb) => eb.selectFrom('fissionParticipant').select('id')
      .where('activityId', '=', activityId).where('employeeId', 'in', q.employeeIds!.length ? q.employeeIds! : ['00000000-0000-0000-0000-000000000000'])))
    .$if(!!page.afterId, (qb) => qb.where('id', '<', page.afterId!))
    .orderBy('id', 'desc').limit(page.limit).execute()

// Completions

export const completionsOf = (db: Executor, participantIds: string[]) =>
  participantIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('fissionCompletion').selectAll().where('participantId', 'in', participantIds).orderBy('level').execute()

export const findCompletion = (db: Executor, id: string) =>
  db.selectFrom('fissionCompletion').selectAll().where('id', '=', id).executeTakeFirst()

export const lockCompletionByCode = (db: Executor, activityId: string, code: string) =>
  db.selectFrom('fissionCompletion').selectAll().where('activityId', '=', activityId).where('redemptionCode', '=', code).forUpdate().executeTakeFirst()

export const markRedeemed = (db: Executor, id: string, by: string | null, redemption: unknown) =>
  db.updateTable('fissionCompletion').set({ status: 'redeemed', redeemedBy: by, redeemedAt: sql`now()`, redemption: JSON.stringify(redemption ?? null) })
    .where('id', '=', id).where('status', '=', 'reserved').returningAll().executeTakeFirst()

/** (corp, employee) pairs with completions nobody has told them of yet (employee null: no one to tell). */
export const employeesToNotify = (db: Executor) =>
  db.selectFrom('fissionCompletion as c').innerJoin('fissionParticipant as p', 'p.id', 'c.participantId')
    .select(['c.corpId', 'p.employeeId']).distinct().where('c.notifiedAt', 'is', null).execute()

/** One employee's completions not told yet, oldest first, locked (a concurrent digest skips them). */
export const lockUnnotifiedOf = (db: Executor, corpId: string, employeeId: string | null, limit: number) =>
  db.selectFrom('fissionCompletion as c').innerJoin('fissionParticipant as p', 'p.id', 'c.participantId')
    .innerJoin('fissionActivity as a', 'a.id', 'c.activityId')
    .innerJoin('fissionTier as t', (j) => j.onRef('t.activityId', '=', 'c.activityId').onRef('t.level', '=', 'c.level'))
    .select(['c.id', 'c.level', 'c.status', 'c.redemptionCode', 'p.customerId', 'a.name as activityName', 't.prizeName', 't.threshold'])
    .where('c.corpId', '=', corpId).where('p.employeeId', employeeId === null ? 'is' : '=', employeeId).where('c.notifiedAt', 'is', null)
    .orderBy('c.completedAt').orderBy('c.id').limit(limit).forUpdate('c').skipLocked().execute()

/** Completions that found no stock, oldest first, locked: a top-up serves them before anyone new. */
export const lockWaitingCompletions = (db: Executor, activityId: string, level: number, limit: number) =>
  db.selectFrom('fissionCompletion').select(['id', 'participantId']).where('activityId', '=', activityId).where('level', '=', level)
    .where('status', '=', 'out_of_stock').orderBy('completedAt').orderBy('id').limit(limit).forUpdate().execute()

export const reserveWaiting = (db: Executor, id: string, redemptionCode: string) =>
  db.updateTable('fissionCompletion').set({ status: 'reserved', redemptionCode, notifiedAt: null }).where('id', '=', id).where('status', '=', 'out_of_stock').execute()

export const markNotified = (db: Executor, ids: string[]) =>
  db.updateTable('fissionCompletion').set({ notifiedAt: sql`now()` }).where('id', 'in', ids).where('notifiedAt', 'is', null).execute()

// Blacklist

export const isBlacklisted = async (db: Executor, corpId: string, customerId: string) =>
  !!(await db.selectFrom('fissionBlacklist').select('customerId').where('corpId', '=', corpId).where('customerId', '=', customerId).executeTakeFirst())

export const upsertBlacklist = (db: Executor, row: { corpId: string; customerId: string; reason: string; appealNote: string; createdBy: string | null }) =>
  db.insertInto('fissionBlacklist').values(row).onConflict((oc) => oc.columns(['corpId', 'customerId']).doUpdateSet({ reason: row.reason, appealNote: row.appealNote }))
    .returningAll().executeTakeFirstOrThrow()

export const setAppeal = (db: Executor, corpId: string, customerId: string, appealNote: string) =>
  db.updateTable('fissionBlacklist').set({ appealNote }).where('corpId', '=', corpId).where('customerId', '=', customerId).returningAll().executeTakeFirst()

export const deleteBlacklist = (db: Executor, corpId: string, customerId: string) =>
  db.deleteFrom('fissionBlacklist').where('corpId', '=', corpId).where('customerId', '=', customerId).returning('customerId').executeTakeFirst()

export const listBlacklist = (db: Executor, corpId: string) =>
  db.selectFrom('fissionBlacklist').select(['customerId', 'reason', 'appealNote', 'createdAt']).where('corpId', '=', corpId).orderBy('createdAt', 'desc').limit(1000).execute()

// Funnel

/** The activity's numbers in five statements; `employeeIds` narrows to those employees' initiators. */
export async function funnel(db: Executor, activityId: string, employeeIds: string[] | undefined) {
  const none = ['00000000-0000-0000-0000-000000000000']
  const participants = db.selectFrom('fissionParticipant').where('activityId', '=', activityId)
    .$if(!!employeeIds, (qb) => qb.where('employeeId', 'in', employeeIds!.length ? employeeIds! : none))
  const p = await participants.select((eb) => [
    eb.fn.countAll<string>().as('participants'),
    eb.fn.count<string>('employeeId').distinct().as('employees'),
    eb.fn.count<string>('invitedByParticipantId').as('chain'),
  ]).executeTakeFirstOrThrow()
  const helps = await db.selectFrom('fissionHelp').select(['status', 'reason', 'newCustomer', (eb) => eb.fn.countAll<string>().as('n')])
    .where('participantId', 'in', participants.select('id')).groupBy(['status', 'reason', 'newCustomer']).execute()
  const completions = await db.selectFrom('fissionCompletion').select(['status', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.count<string>('participantId').distinct().as('people')])
    .where('participantId', 'in', participants.select('id')).groupBy('status').execute()
  const completed = await db.selectFrom('fissionCompletion').select((eb) => eb.fn.count<string>('participantId').distinct().as('n'))
    .where('participantId', 'in', participants.select('id')).executeTakeFirstOrThrow()
  // Every completion but out of stock took a prize (reserved, redeemed, or whatever state follows a hand-over).
  const prizes = await db.selectFrom('fissionTier as t')
    .leftJoin('fissionCompletion as c', (j) => j.onRef('c.activityId', '=', 't.activityId').onRef('c.level', '=', 't.level')
      .on('c.status', '<>', 'out_of_stock').on('c.participantId', 'in', participants.select('id')))
    .select(['t.level', 't.unitPriceFen', (eb) => eb.fn.count<string>('c.id').as('prizes')])
    .where('t.activityId', '=', activityId).groupBy(['t.level', 't.unitPriceFen']).orderBy('t.level').execute()
  return { p, helps, completions, completed: Number(completed.n), prizes }
}

/**
 * What must always hold, as rows that break it (empty = consistent): a participant's count equals their
 * counted helps; a tier's stock left equals its total less the prizes reserved, redeemed or fulfilled, never below zero;
 * one completion per participant and tier (the unique key) and one valid help per helper (the partial index).
 * For tests and bench/fission.
 */
export async function invariantViolations(db: Executor, activityId: string) {
  const counts = await db.selectFrom('fissionParticipant as p')
    .select(['p.id', 'p.helpCount', (eb) => eb.selectFrom('fissionHelp as h').select((e) => e.fn.countAll<string>().as('n'))
      .whereRef('h.participantId', '=', 'p.id').where('h.status', '=', 'counted').as('counted')])
    .where('p.activityId', '=', activityId).execute()
  const stock = await db.selectFrom('fissionTier as t')
    .select(['t.level', 't.stockTotal', 't.stockLeft', (eb) => eb.selectFrom('fissionCompletion as c').select((e) => e.fn.countAll<string>().as('n'))
      .whereRef('c.activityId', '=', 't.activityId').whereRef('c.level', '=', 't.level').where('c.status', 'in', ['reserved', 'redeemed', 'fulfilled']).as('prizes')])
    .where('t.activityId', '=', activityId).execute()
  return {
    counts: counts.filter((r) => r.helpCount !== Number(r.counted)),
    stock: stock.filter((r) => r.stockLeft < 0 || r.stockLeft !== r.stockTotal - Number(r.prizes)),
  }
}

// Helps in batches (the inbox hands bursts of scans over together)

/** The initiators behind these States, locked in id order: helps to one initiator are decided one at a time, and batches queue rather than deadlock. */
export const lockParticipantsByStates = (db: Executor, corpId: string, states: string[]) =>
  db.selectFrom('fissionParticipant').selectAll().where('corpId', '=', corpId).where('state', 'in', states).orderBy('id').forUpdate().execute()

export const findActivities = (db: Executor, corpId: string, ids: string[]) =>
  db.selectFrom('fissionActivity').selectAll().where('corpId', '=', corpId).where('id', 'in', ids).execute()

/** Which of these helpers already have a valid (not refused) help in these activities. */
export const helpsOfHelpers = (db: Executor, activityIds: string[], helperCustomerIds: string[]) =>
  db.selectFrom('fissionHelp').select(['activityId', 'helperCustomerId']).where('activityId', 'in', activityIds)
    .where('helperCustomerId', 'in', helperCustomerIds).where('status', '<>', 'refused').execute()

/** Adds already decided: helps of these helpers to these initiators, by employee added and add time (a sync rediscovering an add, a replay). */
export const decidedAdds = async (db: Executor, participantIds: string[], helperCustomerIds: string[]) =>
  new Set((await db.selectFrom('fissionHelp').select(['participantId', 'helperCustomerId', 'employeeId', 'addedAt']).where('participantId', 'in', participantIds)
    .where('helperCustomerId', 'in', helperCustomerIds).execute()).map((h) => addKey(h.participantId, h.helperCustomerId, h.employeeId, h.addedAt)))

/** One add through an initiator's way: who added which employee, to the second (WeCom's times are in seconds). */
export const addKey = (participantId: string, helperCustomerId: string, employeeId: string, at: Date) => `${participantId}|${helperCustomerId}|${employeeId}|${Math.floor(at.getTime() / 1000)}`

export const blacklistedAmong = async (db: Executor, corpId: string, customerIds: string[]) =>
  new Set((await db.selectFrom('fissionBlacklist').select('customerId').where('corpId', '=', corpId).where('customerId', 'in', customerIds).execute()).map((r) => r.customerId))

/** When these initiators' counted and held helps were added, since `since` (the velocity window). */
export const recentHelpTimes = (db: Executor, participantIds: string[], since: Date) =>
  db.selectFrom('fissionHelp').select(['participantId', 'addedAt']).where('participantId', 'in', participantIds)
    .where('status', 'in', ['counted', 'held']).where('addedAt', '>', since).orderBy('addedAt').execute()

/** All of a batch's helps in one statement (unnest: one array parameter per column); the partial unique index refuses a second valid help by one helper. */
export const insertHelps = async (db: Executor, rows: (NewHelp & { revokedAt: Date | null })[]) => (await sql<{ id: string; dedupeKey: string; welcomeCode: string | null }>`
  insert into fission_help (corp_id, activity_id, participant_id, helper_customer_id, helper_external_user_id, employee_id, new_customer, status, reason,
    added_at, revoked_at, welcome_code, welcome_status, dedupe_key)
  select * from unnest(${rows.map((r) => r.corpId)}::uuid[], ${rows.map((r) => r.activityId)}::uuid[], ${rows.map((r) => r.participantId)}::bigint[],
    ${rows.map((r) => r.helperCustomerId)}::bigint[], ${rows.map((r) => r.helperExternalUserId)}::text[], ${rows.map((r) => r.employeeId)}::uuid[],
    ${rows.map((r) => r.newCustomer)}::boolean[], ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.reason)}::text[],
    ${rows.map((r) => r.addedAt.toISOString())}::timestamptz[], ${rows.map((r) => r.revokedAt?.toISOString() ?? null)}::timestamptz[],
    ${rows.map((r) => r.welcomeCode)}::text[], ${rows.map((r) => r.welcomeCode ? 'pending' : null)}::text[], ${rows.map((r) => r.dedupeKey)}::text[])
  returning id, dedupe_key, welcome_code`.execute(db)).rows

export const setHelpCounts = (db: Executor, rows: { id: string; helpCount: number }[]) =>
  rows.length === 0 ? Promise.resolve() : sql`
    update fission_participant p set help_count = r.help_count
    from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.helpCount)}::int[]) as r(id, help_count) where p.id = r.id`.execute(db).then(() => undefined)

/** Takes up to `want` prizes of a tier in one guarded statement: the row lock and least() make overselling impossible. */
export const reserveStockMany = async (db: Executor, activityId: string, level: number, want: number) => (await sql<{ taken: number; stockLeft: number }>`
  with t as (select stock_left from fission_tier where activity_id = ${activityId} and level = ${level} for update)
  update fission_tier set stock_left = t.stock_left - least(t.stock_left, ${want})
  from t where fission_tier.activity_id = ${activityId} and fission_tier.level = ${level}
  returning (t.stock_left - fission_tier.stock_left)::int as taken, fission_tier.stock_left`.execute(db)).rows[0] ?? { taken: 0, stockLeft: 0 }

export const insertCompletions = (db: Executor, rows: { corpId: string; activityId: string; participantId: string; level: number; status: 'reserved' | 'out_of_stock'; redemptionCode: string | null; completedAt: Date }[]) =>
  rows.length === 0 ? Promise.resolve([]) : db.insertInto('fissionCompletion').values(rows).returningAll().execute()
