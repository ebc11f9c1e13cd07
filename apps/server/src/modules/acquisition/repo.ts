import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import type { WelcomeStatus } from '../../db/types'

export interface LiveCodeRow {
  corpId: string; name: string; channelGroup: string; state: string; backupEmployeeId: string | null
  skipVerify: boolean; tagIds: string[]; welcome: unknown; remark: string
}

export const insertLiveCode = (db: Executor, row: LiveCodeRow) =>
  db.insertInto('liveCode').values({ ...row, welcome: JSON.stringify(row.welcome) }).returningAll().executeTakeFirstOrThrow()

export const updateLiveCode = (db: Executor, corpId: string, id: string, { welcome, ...row }: Partial<Omit<LiveCodeRow, 'corpId' | 'state'>> & { configId?: string; qrCodeUrl?: string; activeEmployeeIds?: string[] }) =>
  db.updateTable('liveCode').set({ ...row, ...(welcome !== undefined ? { welcome: JSON.stringify(welcome) } : {}), updatedAt: sql`now()` })
    .where('corpId', '=', corpId).where('id', '=', id).where('deletedAt', 'is', null).returningAll().executeTakeFirst()

export const softDeleteLiveCode = (db: Executor, corpId: string, id: string) =>
  db.updateTable('liveCode').set({ deletedAt: sql`now()` }).where('corpId', '=', corpId).where('id', '=', id)
    .where('deletedAt', 'is', null).returning(['id', 'configId']).executeTakeFirst()

export const findLiveCode = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('liveCode').selectAll().where('corpId', '=', corpId).where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst()

/** By state, deleted codes included: a late add still belongs to the channel that produced it. */
export const findLiveCodeByState = (db: Executor, corpId: string, state: string) =>
  db.selectFrom('liveCode').selectAll().where('corpId', '=', corpId).where('state', '=', state).executeTakeFirst()

/** The live code list's filter, shared by the page and its total. */
const filteredLiveCodes = (db: Executor, q: { corpId: string; search?: string; channelGroup?: string }) =>
  db.selectFrom('liveCode')
    .where('corpId', '=', q.corpId).where('deletedAt', 'is', null)
    .$if(!!q.search, (qb) => qb.where('name', 'ilike', `%${q.search!.replace(/[\\%_]/g, '\\$&')}%`))
    .$if(!!q.channelGroup, (qb) => qb.where('channelGroup', '=', q.channelGroup!))

export const listLiveCodes = (db: Executor, q: { corpId: string; search?: string; channelGroup?: string; after?: { at: Date; id: string }; limit: number }) =>
  filteredLiveCodes(db, q).selectAll()
    .$if(!!q.after, (qb) => qb.where((eb) => eb(eb.refTuple('createdAt', 'id'), '<', eb.tuple(q.after!.at, q.after!.id))))
    .orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(q.limit).execute()

export const countLiveCodes = async (db: Executor, q: { corpId: string; search?: string; channelGroup?: string }) =>
  Number((await filteredLiveCodes(db, q).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)

export const listChannelGroups = (db: Executor, corpId: string) =>
  db.selectFrom('liveCode').select('channelGroup').distinct().where('corpId', '=', corpId).where('deletedAt', 'is', null)
    .where('channelGroup', '<>', '').orderBy('channelGroup').execute()

export const findLiveCodesByIds = (db: Executor, corpId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('liveCode').select(['id', 'name', 'channelGroup', 'state']).where('corpId', '=', corpId).where('id', 'in', ids).execute()

export const liveCodeIdsOfGroup = (db: Executor, corpId: string, channelGroup: string) =>
  db.selectFrom('liveCode').select('id').where('corpId', '=', corpId).where('channelGroup', '=', channelGroup).execute()

export const liveCodeStates = (db: Executor, corpId: string) =>
  db.selectFrom('liveCode').select(['id', 'state']).where('corpId', '=', corpId).execute()

export const replaceMembers = async (db: Executor, corpId: string, liveCodeId: string, members: { employeeId: string; dailyCap: number | null }[]) => {
  await db.deleteFrom('liveCodeEmployee').where('liveCodeId', '=', liveCodeId).execute()
  await db.insertInto('liveCodeEmployee').values(members.map((m, position) => ({ corpId, liveCodeId, position, ...m }))).execute()
}

export const membersOf = (db: Executor, liveCodeIds: string[]) =>
  liveCodeIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('liveCodeEmployee').selectAll().where('liveCodeId', 'in', liveCodeIds).orderBy('position').execute()

export const insertAdd = (db: Executor, row: { corpId: string; liveCodeId: string; employeeId: string; externalUserId: string; addedDay: string; addedAt: Date }) =>
  db.insertInto('liveCodeAdd').values(row)
    .onConflict((oc) => oc.columns(['liveCodeId', 'employeeId', 'externalUserId']).doUpdateSet({ lostAt: null }))
    .execute()

/** Adds known from a full sync, one statement; added_day is the corp's calendar day (Asia/Shanghai). */
export const insertAdds = (db: Executor, corpId: string, rows: { liveCodeId: string; employeeId: string; externalUserId: string; addedAt: Date }[]) => sql`
  insert into live_code_add (corp_id, live_code_id, employee_id, external_user_id, added_day, added_at)
  select ${corpId}::uuid, r.lc, r.emp, r.ext, (r.at at time zone 'Asia/Shanghai')::date, r.at
  from unnest(${rows.map((r) => r.liveCodeId)}::uuid[], ${rows.map((r) => r.employeeId)}::uuid[], ${rows.map((r) => r.externalUserId)}::text[],
    ${rows.map((r) => r.addedAt.toISOString())}::timestamptz[]) as r(lc, emp, ext, at)
  on conflict do nothing`.execute(db)

export const markAddLost = (db: Executor, q: { liveCodeId: string; employeeId: string; externalUserId: string; at: Date }) =>
  db.updateTable('liveCodeAdd').set({ lostAt: q.at })
    .where('liveCodeId', '=', q.liveCodeId).where('employeeId', '=', q.employeeId).where('externalUserId', '=', q.externalUserId)
    .where('lostAt', 'is', null).execute()

export const addsPerEmployeeOnDay = (db: Executor, liveCodeId: string, day: string) =>
  db.selectFrom('liveCodeAdd').select(['employeeId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('liveCodeId', '=', liveCodeId).where('addedDay', '=', day).groupBy('employeeId').execute()

export const addTotals = (db: Executor, liveCodeIds: string[], today: string) =>
  liveCodeIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('liveCodeAdd')
      .select(['liveCodeId', 'employeeId',
        (eb) => eb.fn.countAll<string>().as('total'),
        sql<string>`count(*) filter (where added_day = ${today})`.as('today'),
        sql<string>`count(*) filter (where lost_at is not null)`.as('lost')])
      .where('liveCodeId', 'in', liveCodeIds).groupBy(['liveCodeId', 'employeeId']).execute()

export const dailyAdds = (db: Executor, liveCodeId: string, fromDay: string) =>
  db.selectFrom('liveCodeAdd')
    .select(['addedDay', (eb) => eb.fn.countAll<string>().as('adds'), sql<string>`count(*) filter (where lost_at is not null)`.as('lost')])
    .where('liveCodeId', '=', liveCodeId).where('addedDay', '>=', fromDay).groupBy('addedDay').orderBy('addedDay').execute()

export const insertWelcome = (db: Executor, row: { corpId: string; welcomeCode: string; liveCodeId: string; employeeId: string; externalUserId: string; message: unknown; receivedAt: Date }) =>
  db.insertInto('welcomeSend').values({ ...row, message: JSON.stringify(row.message) })
    .onConflict((oc) => oc.columns(['corpId', 'welcomeCode']).doNothing()).returning('id').executeTakeFirst()

export const findWelcome = (db: Executor, id: string) =>
  db.selectFrom('welcomeSend').selectAll().where('id', '=', id).executeTakeFirst()

export const finishWelcome = (db: Executor, id: string, status: Exclude<WelcomeStatus, 'pending'>, error: string | null, at: Date) =>
  db.updateTable('welcomeSend').set({ status, error, sentAt: status === 'sent' ? at : null })
    .where('id', '=', id).where('status', '=', 'pending').returning('id').executeTakeFirst()

export const activeLiveCodes = (db: Executor, corpId: string) =>
  db.selectFrom('liveCode').select('id').where('corpId', '=', corpId).where('deletedAt', 'is', null).where('configId', 'is not', null).execute()
