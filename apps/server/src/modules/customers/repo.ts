import { sql, type ExpressionBuilder } from 'kysely'
import type { Executor } from '../../db/database'
import type { DB, FollowStatus } from '../../db/types'
import type { Scope } from '../../http/actor'

export interface CustomerFilter {
  corpId: string
  scope: Scope
  q?: string
  liveCodeIds?: string[]
  employeeId?: string
  tagId?: string
  addedFrom?: Date
  addedTo?: Date
}

type CustomerEb = ExpressionBuilder<DB, 'customer'>

/** The data scope as a WHERE condition: the one place that decides which customers an actor may see. */
export function inScope(eb: CustomerEb, scope: Scope) {
  if (scope.kind === 'all') return eb.val(true)
  if (scope.employeeIds.length === 0) return eb.val(false)
  return eb.exists(eb.selectFrom('customerFollow as f').select(eb.lit(1).as('one'))
    .whereRef('f.customerId', '=', 'customer.id').where('f.employeeId', 'in', scope.employeeIds))
}

function applyFilter(eb: CustomerEb, f: CustomerFilter) {
  const conds = [eb('customer.corpId', '=', f.corpId), inScope(eb, f.scope)]
  if (f.q) conds.push(eb.or([eb('customer.name', 'ilike', `%${f.q.replace(/[\\%_]/g, '\\$&')}%`), eb('customer.externalUserId', '=', f.q)]))
  if (f.liveCodeIds) conds.push(f.liveCodeIds.length ? eb('customer.channelLiveCodeId', 'in', f.liveCodeIds) : eb.val(false))
  if (f.employeeId) conds.push(eb.exists(eb.selectFrom('customerFollow as f').select(eb.lit(1).as('one'))
    .whereRef('f.customerId', '=', 'customer.id').where('f.employeeId', '=', f.employeeId)))
  if (f.tagId) conds.push(eb.exists(eb.selectFrom('customerTag as t').select(eb.lit(1).as('one'))
    .whereRef('t.customerId', '=', 'customer.id').where('t.tagId', '=', f.tagId)))
  if (f.addedFrom) conds.push(eb('customer.firstAddedAt', '>=', f.addedFrom))
  if (f.addedTo) conds.push(eb('customer.firstAddedAt', '<', f.addedTo))
  return eb.and(conds)
}

/** Keyset page, newest first: (first_added_at, id) strictly after the cursor. Stays fast at any depth. */
export const listCustomers = (db: Executor, f: CustomerFilter, page: { after?: { at: Date; id: string }; limit: number }) =>
  db.selectFrom('customer').selectAll()
    .where((eb) => applyFilter(eb, f))
    .$if(!!page.after, (qb) => qb.where((eb) => eb(eb.refTuple('customer.firstAddedAt', 'customer.id'), '<', eb.tuple(page.after!.at, page.after!.id))))
    .orderBy('customer.firstAddedAt', 'desc').orderBy('customer.id', 'desc').limit(page.limit).execute()

export const countCustomers = async (db: Executor, f: CustomerFilter) =>
  Number((await db.selectFrom('customer').select((eb) => eb.fn.countAll<string>().as('n')).where((eb) => applyFilter(eb, f)).executeTakeFirstOrThrow()).n)

export const findCustomer = (db: Executor, corpId: string, scope: Scope, id: string) =>
  db.selectFrom('customer').selectAll().where('customer.corpId', '=', corpId).where('customer.id', '=', id)
    .where((eb) => inScope(eb, scope)).executeTakeFirst()

/** By any external_userid Pond has seen for the customer (customer_external_id), not only its first. */
export const findCustomerByExternalId = (db: Executor, corpId: string, externalUserId: string) =>
  db.selectFrom('customer').innerJoin('customerExternalId as x', 'x.customerId', 'customer.id').selectAll('customer')
    .where('x.corpId', '=', corpId).where('x.externalUserId', '=', externalUserId).executeTakeFirst()

/** Customers among `ids` the actor may see that `employeeId` follows actively. */
export const customersFollowedBy = (db: Executor, corpId: string, scope: Scope, employeeId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customer').select(['customer.id', 'customer.externalUserId'])
      .where('customer.corpId', '=', corpId).where('customer.id', 'in', ids).where((eb) => inScope(eb, scope))
      .where((eb) => eb.exists(eb.selectFrom('customerFollow as f').select(eb.lit(1).as('one'))
        .whereRef('f.customerId', '=', 'customer.id').where('f.employeeId', '=', employeeId).where('f.status', '=', 'active')))
      .execute()

export const findCustomersByExternalIds = (db: Executor, corpId: string, externalUserIds: string[]) =>
  externalUserIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customer').select(['id', 'externalUserId', 'name']).where('corpId', '=', corpId).where('externalUserId', 'in', externalUserIds).execute()

/** Names and avatars by id; with a scope, only of the customers in it (without: the caller has decided who may see them). */
export const findCustomerCards = (db: Executor, corpId: string, ids: string[], scope?: Scope) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customer').select(['id', 'name', 'avatar']).where('corpId', '=', corpId).where('id', 'in', ids)
      .$if(!!scope, (qb) => qb.where((eb) => inScope(eb, scope!))).execute()

export const tagsOfCustomers = (db: Executor, customerIds: string[]) =>
  customerIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customerTag as ct').innerJoin('tag', 'tag.id', 'ct.tagId')
      .select(['ct.customerId', 'tag.id', 'tag.name']).where('ct.customerId', 'in', customerIds).orderBy('tag.name').execute()

export const followsOfCustomers = (db: Executor, customerIds: string[]) =>
  customerIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customerFollow').selectAll().where('customerId', 'in', customerIds).orderBy('addedAt').execute()

export interface CustomerUpsert {
  corpId: string; externalUserId: string; name: string; avatar: string; gender: number; type: number
  unionid: string | null; corpName: string; channelLiveCodeId: string | null; firstAddedAt: Date
  /** Only the external_userid is known (an add recorded from its callback): the profile is read later. */
  profilePending?: boolean
  /** The add that creates them is their first activity (saves a second row version for last_active_at). */
  lastActiveAt?: Date
}

/** The customer an external_userid, or else the unionid, already belongs to. */
const findCustomerIdOfPerson = (db: Executor, corpId: string, externalUserId: string, unionid: string | null) =>
  db.selectFrom('customer').select('customer.id').where('customer.corpId', '=', corpId)
    .where((eb) => eb.or([
      eb.exists(eb.selectFrom('customerExternalId as x').select('x.customerId').whereRef('x.customerId', '=', 'customer.id')
        .where('x.corpId', '=', corpId).where('x.externalUserId', '=', externalUserId)),
      ...(unionid ? [eb('customer.unionid', '=', unionid)] : []),
    ]))
    // the id's own customer first: one found only by unionid is a different row (see D7 in docs/decisions.md)
    .orderBy(sql`exists (select 1 from customer_external_id x where x.customer_id = customer.id and x.external_user_id = ${externalUserId})`, 'desc')
    .limit(1).executeTakeFirst()

/** undefined when the external_userid or the unionid is taken, also by a concurrent add (it waits for that one). */
const insertCustomer = (db: Executor, row: CustomerUpsert) =>
  db.insertInto('customer').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst()

const insertExternalId = (db: Executor, row: { corpId: string; externalUserId: string; customerId: string }) =>
  db.insertInto('customerExternalId').values(row).onConflict((oc) => oc.doNothing()).execute()

/**
 * Profile fields follow WeCom; the first channel and first add time are kept (attribution is first-touch).
 * A unionid is only taken while no other customer holds it (one person, one customer).
 */
const refreshCustomer = (db: Executor, id: string, row: CustomerUpsert) =>
  db.updateTable('customer').set({
    name: row.name, avatar: row.avatar, gender: row.gender, type: row.type, corpName: row.corpName,
    unionid: sql`case when ${row.unionid}::text is null or exists (select 1 from customer o where o.corp_id = customer.corp_id and o.unionid = ${row.unionid} and o.id <> customer.id)
      then customer.unionid else ${row.unionid} end`,
    channelLiveCodeId: sql`coalesce(customer.channel_live_code_id, ${row.channelLiveCodeId}::uuid)`,
    firstAddedAt: sql`least(customer.first_added_at, ${row.firstAddedAt}::timestamptz)`, updatedAt: sql`now()`,
  }).where('id', '=', id).execute()

/**
 * The one customer of a person: found by any external_userid Pond has seen, else by unionid (a second id of
 * the same person is attached to it), else created. Concurrency-safe through the unique keys, not a lock: a
 * create that loses a race to a concurrent add of the same id or unionid does nothing, and the next round
 * finds the winner. Several statements, one rule.
 */
export async function upsertCustomer(db: Executor, row: CustomerUpsert): Promise<{ id: string; inserted: boolean }> {
  for (let round = 0; round < 3; round++) {
    const known = await findCustomerIdOfPerson(db, row.corpId, row.externalUserId, row.unionid)
    if (known) {
      await insertExternalId(db, { corpId: row.corpId, externalUserId: row.externalUserId, customerId: known.id })
      await refreshCustomer(db, known.id, row)
      return { id: known.id, inserted: false }
    }
    const created = await insertCustomer(db, row)
    if (created) return { id: created.id, inserted: true }
  }
  throw new Error(`customer ${row.externalUserId} neither found nor created`)
}

export interface FollowUpsert {
  corpId: string; customerId: string; employeeId: string; remark: string; description: string
  addedAt: Date; addWay: number; state: string; liveCodeId: string | null; remarkMobiles: string[]
}

/**
 * An add (re)activates the relation unless a loss at or after it was already recorded (a delete cannot
 * precede its add, so the same second counts as after): callbacks
 * may arrive out of order, and the newer fact wins.
 */
export const upsertFollow = (db: Executor, row: FollowUpsert) =>
  db.insertInto('customerFollow').values(row)
    .onConflict((oc) => oc.columns(['customerId', 'employeeId']).doUpdateSet((eb) => ({
      remark: eb.ref('excluded.remark'), description: eb.ref('excluded.description'), addedAt: eb.ref('excluded.addedAt'),
      addWay: eb.ref('excluded.addWay'), state: eb.ref('excluded.state'), remarkMobiles: eb.ref('excluded.remarkMobiles'),
      liveCodeId: sql`coalesce(excluded.live_code_id, customer_follow.live_code_id)`,
      status: sql`case when customer_follow.lost_at >= excluded.added_at then customer_follow.status else 'active' end`,
      lostAt: sql`case when customer_follow.lost_at >= excluded.added_at then customer_follow.lost_at end`,
      updatedAt: sql`now()`,
    })))
    .returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')]).executeTakeFirstOrThrow()

export const lockFollow = (db: Executor, customerId: string, employeeId: string) =>
  db.selectFrom('customerFollow').selectAll().where('customerId', '=', customerId).where('employeeId', '=', employeeId).forUpdate().executeTakeFirst()

/** A loss known before its add (out-of-order callbacks): the relation is stored as already lost. */
export const insertLostFollow = (db: Executor, row: { corpId: string; customerId: string; employeeId: string; status: FollowStatus; at: Date }) =>
  db.insertInto('customerFollow').values({ corpId: row.corpId, customerId: row.customerId, employeeId: row.employeeId, addedAt: row.at, status: row.status, lostAt: row.at })
    .onConflict((oc) => oc.columns(['customerId', 'employeeId']).doNothing()).execute()

export const setFollowLost = (db: Executor, id: string, status: FollowStatus, at: Date) =>
  db.updateTable('customerFollow').set({ status, lostAt: at, updatedAt: sql`now()` }).where('id', '=', id).execute()

export const insertCustomerTags = (db: Executor, corpId: string, customerId: string, tagIds: string[]) =>
  tagIds.length === 0 ? Promise.resolve([]) :
    db.insertInto('customerTag').values(tagIds.map((tagId) => ({ corpId, customerId, tagId })))
      .onConflict((oc) => oc.columns(['customerId', 'tagId']).doNothing()).returning('tagId').execute()

/** Tags Pond set whose mark_tag is queued: WeCom does not list them until it runs (see untagRemovedInWecom). */
export const insertTagPushes = (db: Executor, corpId: string, pairs: { customerId: string; tagId: string }[]) =>
  pairs.length === 0 ? Promise.resolve() :
    db.insertInto('customerTagPush').values(pairs.map((p) => ({ corpId, ...p })))
      .onConflict((oc) => oc.columns(['customerId', 'tagId']).doUpdateSet({ settledAt: null })).execute().then(() => undefined)

/** mark_tag answered (added, or refused for good) for the customer of `externalUserId`: WeCom's state decides from now. */
export const settleTagPushes = (db: Executor, corpId: string, externalUserId: string, wecomTagIds: string[]) =>
  wecomTagIds.length === 0 ? Promise.resolve() :
    db.updateTable('customerTagPush').set({ settledAt: sql`now()` }).where('corpId', '=', corpId).where('settledAt', 'is', null)
      .where('customerId', 'in', (eb) => eb.selectFrom('customerExternalId').select('customerId').where('corpId', '=', corpId).where('externalUserId', '=', externalUserId))
      .where('tagId', 'in', (eb) => eb.selectFrom('tag').select('id').where('corpId', '=', corpId).where('wecomTagId', 'in', wecomTagIds))
      .execute().then(() => undefined)

/**
 * Deletes the customer's WeCom-backed tags that no relation in WeCom carries (`carried`, read at `readAt`),
 * returning their names. Kept: Pond-only tags; tags whose push is queued or was answered after the read
 * (WeCom's answer predates them); rows stored after the read (by a newer re-read that ran first). The
 * delete goes through customer_tag, so its triggers keep tag_seqs and the segment bitmaps right.
 */
export const untagRemovedInWecom = (db: Executor, customerId: string, carried: string[], readAt: Date) =>
  db.deleteFrom('customerTag as ct').using('tag as t')
    .whereRef('t.id', '=', 'ct.tagId').where('ct.customerId', '=', customerId).where('t.wecomTagId', 'is not', null)
    .$if(carried.length > 0, (qb) => qb.where('t.wecomTagId', 'not in', carried))
    .where('ct.createdAt', '<', readAt)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('customerTagPush as p').select(eb.lit(1).as('one'))
      .whereRef('p.customerId', '=', 'ct.customerId').whereRef('p.tagId', '=', 'ct.tagId')
      .where((w) => w.or([w('p.settledAt', 'is', null), w('p.settledAt', '>=', readAt)])))))
    .returning('t.name').execute()

/** Answered pushes WeCom's state at `readAt` already reflects: nothing left to protect. */
export const dropSettledPushes = (db: Executor, customerId: string, readAt: Date) =>
  db.deleteFrom('customerTagPush').where('customerId', '=', customerId).where('settledAt', '<', readAt).execute()

/**
 * Event kinds the customer initiated (added us, wrote, helped a fission, opened an H5 page, redeemed):
 * each moves customer.last_active_at, which segments and auto-tag rules read as "activity". Events by
 * employees or the system (tagged, notes, profile edits, losses) do not. Migration 20261124140000 backfilled from this list.
 */
export const CUSTOMER_ACTIVITY_KINDS: readonly string[] = ['added', 'message_received', 'fission_help', 'h5_visit', 'redeemed']

type EventRow = { corpId: string; customerId: string; kind: string; employeeId: string | null; data: Record<string, unknown>; dedupeKey: string | null; occurredAt: Date }

/**
 * Timeline entries in one statement (callers bound the size), which also returns the customers whose
 * last_active_at an activity kind among the new entries moves; only those are updated, in a second statement.
 * Most adds move nothing (a new customer is stored with it), and every UPDATE of customer fires the segment
 * bitmaps' statement trigger, rows or none. A scalar subquery, so each is read by primary key whatever the
 * table's size (a join was planned over a sequential scan of every customer).
 */
export const insertEvents = async (db: Executor, rows: EventRow[]) => {
  if (rows.length === 0) return
  // unnest: a dozen array parameters whatever the batch size (a values list compiles one parameter per cell).
  const { rows: moved } = await sql<{ id: string; at: Date }>`with inserted as (
    insert into customer_event (corp_id, customer_id, kind, employee_id, data, dedupe_key, occurred_at)
    select * from unnest(${rows.map((r) => r.corpId)}::uuid[], ${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.kind)}::text[],
      ${rows.map((r) => r.employeeId)}::uuid[], ${rows.map((r) => JSON.stringify(r.data))}::jsonb[], ${rows.map((r) => r.dedupeKey)}::text[],
      ${rows.map((r) => r.occurredAt.toISOString())}::timestamptz[])
    on conflict (corp_id, dedupe_key) do nothing
    returning customer_id, occurred_at, kind)
  select id, at from (select customer_id as id, max(occurred_at) as at from inserted where kind = any(${CUSTOMER_ACTIVITY_KINDS}::text[]) group by customer_id) i
  where coalesce((select c.last_active_at from customer c where c.id = i.id) < i.at, true)`.execute(db)
  if (moved.length) await sql`update customer c set last_active_at = greatest(c.last_active_at, r.at)
    from unnest(${moved.map((r) => r.id)}::bigint[], ${moved.map((r) => r.at)}::timestamptz[]) as r(id, at)
    where c.id = r.id and c.id = any(${moved.map((r) => r.id)}::bigint[])`.execute(db)     // the = any: by primary key at any table size
}

export const insertEvent = (db: Executor, row: EventRow) => insertEvents(db, [row])

export const listEvents = (db: Executor, customerId: string, page: { before?: { at: Date; id: string }; limit: number; kinds?: string[] }) =>
  db.selectFrom('customerEvent').selectAll().where('customerId', '=', customerId)
    .$if(!!page.kinds, (qb) => qb.where('kind', 'in', page.kinds!))
    .$if(!!page.before, (qb) => qb.where((eb) => eb(eb.refTuple('occurredAt', 'id'), '<', eb.tuple(page.before!.at, page.before!.id))))
    .orderBy('occurredAt', 'desc').orderBy('id', 'desc').limit(page.limit).execute()

export const countCustomersByEmployees = (db: Executor, corpId: string, employeeIds: string[]) =>
  employeeIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customerFollow').select(['employeeId', (eb) => eb.fn.countAll<string>().as('n')])
      .where('corpId', '=', corpId).where('employeeId', 'in', employeeIds).where('status', '=', 'active')
      .groupBy('employeeId').execute()

export const listTagGroups = (db: Executor, corpId: string) =>
  db.selectFrom('tagGroup').leftJoin('tag', 'tag.groupId', 'tagGroup.id')
    .select(['tagGroup.id as groupId', 'tagGroup.name as groupName', 'tag.id as tagId', 'tag.name as tagName', 'tag.wecomTagId'])
    .where('tagGroup.corpId', '=', corpId).orderBy('tagGroup.order', 'desc').orderBy('tagGroup.name').orderBy('tag.order', 'desc').orderBy('tag.name').execute()

export const findTags = (db: Executor, corpId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('tag').selectAll().where('corpId', '=', corpId).where('id', 'in', ids).execute()

export const findTagsByWecomIds = (db: Executor, corpId: string, wecomIds: string[]) =>
  wecomIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('tag').select(['id', 'name', 'wecomTagId']).where('corpId', '=', corpId).where('wecomTagId', 'in', wecomIds).execute()

export const listWecomTags = (db: Executor, corpId: string) =>
  db.selectFrom('tag').select(['id', 'wecomTagId']).where('corpId', '=', corpId).where('wecomTagId', 'is not', null).execute()

export const upsertTagGroup = (db: Executor, row: { corpId: string; wecomGroupId: string; name: string; order: number }) =>
  db.insertInto('tagGroup').values(row)
    .onConflict((oc) => oc.columns(['corpId', 'wecomGroupId']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), order: eb.ref('excluded.order') })))
    .returning('id').executeTakeFirstOrThrow()

export const upsertTag = (db: Executor, row: { corpId: string; groupId: string; wecomTagId: string; name: string; order: number }) =>
  db.insertInto('tag').values(row)
    .onConflict((oc) => oc.columns(['corpId', 'wecomTagId']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), order: eb.ref('excluded.order'), groupId: eb.ref('excluded.groupId') })))
    .execute()
