import { sql } from 'kysely'
import type { Executor } from '../../../db/database'
import type { CustomerUpsert, FollowUpsert } from '../repo'

// Bulk writes for full syncs: one statement per table per page, through unnest arrays.

/**
 * The customers these external_userids (or else their unionids) already belong to. Lateral lookups: one index
 * probe per row whatever the table's size (a join was planned as a hash join over a sequential scan of every
 * external id — 4 ms a batch at 20,000 customers, growing with the corp).
 */
export const findCustomersOfPersons = async (db: Executor, corpId: string, rows: { externalUserId: string; unionid: string | null }[]) => (await sql<{ externalUserId: string; customerId: string }>`
  select * from (
    select r.external_user_id, coalesce(
      (select x.customer_id from customer_external_id x where x.corp_id = ${corpId} and x.external_user_id = r.external_user_id),
      (select u.id from customer u where u.corp_id = ${corpId} and u.unionid = r.unionid)) as customer_id
    from unnest(${rows.map((r) => r.externalUserId)}::text[], ${rows.map((r) => r.unionid)}::text[]) as r(external_user_id, unionid)) found
  where customer_id is not null`.execute(db)).rows

/** Row locks on the page's known customers in id order, so concurrent pages sharing customers queue instead of deadlocking. */
export const lockCustomers = (db: Executor, ids: string[]) => sql`
  select id from customer where id = any(${ids}::bigint[]) order by id for update`.execute(db)

/** A person's further external_userids, attached to their customer. */
export const attachExternalIds = (db: Executor, corpId: string, rows: { externalUserId: string; customerId: string }[]) => sql`
  insert into customer_external_id (corp_id, external_user_id, customer_id)
  select ${corpId}::uuid, * from unnest(${rows.map((r) => r.externalUserId)}::text[], ${rows.map((r) => r.customerId)}::bigint[])
  on conflict do nothing`.execute(db)

/** Known customers whose add arrived without a profile: the profile fill job reads them again (channel and first add still move). */
export const markProfilesPending = (db: Executor, rows: { id: string; channelLiveCodeId: string | null; firstAddedAt: Date }[]) => sql`
  update customer c set profile_pending = true, channel_live_code_id = coalesce(c.channel_live_code_id, r.channel_live_code_id),
    first_added_at = least(c.first_added_at, r.first_added_at), updated_at = now()
  from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.channelLiveCodeId)}::uuid[], ${rows.map((r) => r.firstAddedAt.toISOString())}::timestamptz[])
    as r(id, channel_live_code_id, first_added_at)
  where c.id = r.id`.execute(db)

/** Profiles follow WeCom (read now, so no longer pending); first channel and add time are kept; a unionid only while no other customer holds it. */
export const refreshCustomers = (db: Executor, rows: (CustomerUpsert & { id: string })[]) => sql`
  update customer c set profile_pending = false, name = r.name, avatar = r.avatar, gender = r.gender, type = r.type, corp_name = r.corp_name,
    unionid = case when r.unionid is null or exists (select 1 from customer o where o.corp_id = c.corp_id and o.unionid = r.unionid and o.id <> c.id)
      then c.unionid else r.unionid end,
    channel_live_code_id = coalesce(c.channel_live_code_id, r.channel_live_code_id), first_added_at = least(c.first_added_at, r.first_added_at), updated_at = now()
  from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.avatar)}::text[],
    ${rows.map((r) => r.gender)}::smallint[], ${rows.map((r) => r.type)}::smallint[], ${rows.map((r) => r.unionid)}::text[],
    ${rows.map((r) => r.corpName)}::text[], ${rows.map((r) => r.channelLiveCodeId)}::uuid[], ${rows.map((r) => r.firstAddedAt.toISOString())}::timestamptz[])
    as r(id, name, avatar, gender, type, unionid, corp_name, channel_live_code_id, first_added_at)
  where c.id = r.id`.execute(db)

/** New customers; those another transaction created meanwhile (same id or unionid) are left out of the result. */
export const insertCustomers = async (db: Executor, rows: CustomerUpsert[]) => (await sql<{ id: string; externalUserId: string }>`
  insert into customer (corp_id, external_user_id, name, avatar, gender, type, unionid, corp_name, channel_live_code_id, first_added_at, profile_pending, last_active_at)
  select * from unnest(${rows.map((r) => r.corpId)}::uuid[], ${rows.map((r) => r.externalUserId)}::text[], ${rows.map((r) => r.name)}::text[],
    ${rows.map((r) => r.avatar)}::text[], ${rows.map((r) => r.gender)}::smallint[], ${rows.map((r) => r.type)}::smallint[],
    ${rows.map((r) => r.unionid)}::text[], ${rows.map((r) => r.corpName)}::text[], ${rows.map((r) => r.channelLiveCodeId)}::uuid[],
    ${rows.map((r) => r.firstAddedAt.toISOString())}::timestamptz[], ${rows.map((r) => r.profilePending ?? false)}::boolean[],
    ${rows.map((r) => r.lastActiveAt?.toISOString() ?? null)}::timestamptz[])
  on conflict do nothing
  returning id, external_user_id`.execute(db)).rows

/**
 * WeCom still lists a relation the customer deleted (it is one-way, CONTRACT §3.1): a sync keeps a recorded
 * loss unless WeCom's add time is newer (a re-add). Remark mobiles travel as JSON texts (unnest would
 * flatten a text[][]). Returns each relation, whether it was new to Pond, and its loss when one recorded
 * at or after the add stands (out-of-order callbacks).
 */
export const bulkUpsertFollows = async (db: Executor, rows: FollowUpsert[]) => (await sql<{ customerId: string; employeeId: string; lostAt: Date | null; inserted: boolean }>`
  insert into customer_follow (corp_id, customer_id, employee_id, remark, description, added_at, add_way, state, live_code_id, remark_mobiles)
  select r.corp_id, r.customer_id, r.employee_id, r.remark, r.description, r.added_at, r.add_way, r.state, r.live_code_id,
    array(select jsonb_array_elements_text(r.mobiles::jsonb))
  from unnest(${rows.map((r) => r.corpId)}::uuid[], ${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.employeeId)}::uuid[],
    ${rows.map((r) => r.remark)}::text[], ${rows.map((r) => r.description)}::text[], ${rows.map((r) => r.addedAt.toISOString())}::timestamptz[],
    ${rows.map((r) => r.addWay)}::int[], ${rows.map((r) => r.state)}::text[], ${rows.map((r) => r.liveCodeId)}::uuid[],
    ${rows.map((r) => JSON.stringify(r.remarkMobiles))}::text[])
    as r(corp_id, customer_id, employee_id, remark, description, added_at, add_way, state, live_code_id, mobiles)
  on conflict (customer_id, employee_id) do update set remark = excluded.remark, description = excluded.description,
    added_at = excluded.added_at, add_way = excluded.add_way, state = excluded.state, remark_mobiles = excluded.remark_mobiles,
    live_code_id = coalesce(excluded.live_code_id, customer_follow.live_code_id),
    status = case when customer_follow.lost_at >= excluded.added_at then customer_follow.status else 'active' end,
    lost_at = case when customer_follow.lost_at >= excluded.added_at then customer_follow.lost_at end, updated_at = now()
  returning customer_id, employee_id, lost_at, (xmax = 0) as inserted`.execute(db)).rows

/** Returns how many tag links were new. */
export const bulkInsertCustomerTags = async (db: Executor, corpId: string, rows: { customerId: string; tagId: string }[]) => Number((await sql`
  insert into customer_tag (corp_id, customer_id, tag_id)
  select ${corpId}::uuid, * from unnest(${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.tagId)}::uuid[])
  on conflict do nothing`.execute(db)).numAffectedRows ?? 0)

/** Active relations of these employees, to find those WeCom no longer lists. */
export const activeFollowsOf = async (db: Executor, corpId: string, employeeIds: string[]) => (await sql<{ employeeId: string; customerId: string; externalUserId: string }>`
  select f.employee_id, f.customer_id, c.external_user_id from customer_follow f join customer c on c.id = f.customer_id
  where f.corp_id = ${corpId} and f.status = 'active' and f.employee_id = any(${employeeIds}::uuid[])`.execute(db)).rows

export const bulkInsertAddedEvents = (db: Executor, corpId: string, rows: { customerId: string; employeeId: string; at: Date; state: string }[]) => sql`
  insert into customer_event (corp_id, customer_id, kind, employee_id, data, dedupe_key, occurred_at)
  select ${corpId}::uuid, r.customer_id, 'added', r.employee_id, jsonb_build_object('state', r.state, 'source', 'sync'),
    'added:' || r.customer_id || ':' || r.employee_id || ':' || extract(epoch from r.at)::bigint, r.at
  from unnest(${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.employeeId)}::uuid[],
    ${rows.map((r) => r.at.toISOString())}::timestamptz[], ${rows.map((r) => r.state)}::text[]) as r(customer_id, employee_id, at, state)
  on conflict (corp_id, dedupe_key) do nothing`.execute(db)

/** The profile fill's externalcontact/get reads per corp in this clock hour. */
export const fillReadsThisHour = async (db: Executor, corpIds: string[]) =>
  new Map((await db.selectFrom('customerProfileFillUsage').select(['corpId', 'reads']).where('corpId', 'in', corpIds)
    .where('hour', '=', sql<Date>`date_trunc('hour', now())`).execute()).map((r) => [r.corpId, r.reads]))

/** Counts a round's reads (one corp id per read) against this clock hour. */
export const addFillReads = async (db: Executor, corpIdPerRead: string[]) => {
  const perCorp = new Map<string, number>()
  for (const c of corpIdPerRead) perCorp.set(c, (perCorp.get(c) ?? 0) + 1)
  if (perCorp.size === 0) return
  await sql`insert into customer_profile_fill_usage (corp_id, hour, reads)
    select c, date_trunc('hour', now()), n from unnest(${[...perCorp.keys()]}::uuid[], ${[...perCorp.values()]}::int[]) as u(c, n)
    on conflict (corp_id, hour) do update set reads = customer_profile_fill_usage.reads + excluded.reads`.execute(db)
}
