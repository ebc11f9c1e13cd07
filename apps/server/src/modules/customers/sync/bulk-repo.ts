import { sql } from 'kysely'
import type { Executor } from '../../../db/database'
import type { CustomerUpsert, FollowUpsert } from '../repo'

// Bulk writes for full syncs: one statement per table per page, through unnest arrays.

export const bulkUpsertCustomers = async (db: Executor, rows: CustomerUpsert[]) => (await sql<{ id: string; externalUserId: string }>`
  insert into customer (corp_id, external_user_id, name, avatar, gender, type, unionid, corp_name, channel_live_code_id, first_added_at)
  select * from unnest(${rows.map((r) => r.corpId)}::uuid[], ${rows.map((r) => r.externalUserId)}::text[], ${rows.map((r) => r.name)}::text[],
    ${rows.map((r) => r.avatar)}::text[], ${rows.map((r) => r.gender)}::smallint[], ${rows.map((r) => r.type)}::smallint[],
    ${rows.map((r) => r.unionid)}::text[], ${rows.map((r) => r.corpName)}::text[], ${rows.map((r) => r.channelLiveCodeId)}::uuid[],
    ${rows.map((r) => r.firstAddedAt.toISOString())}::timestamptz[])
  on conflict (corp_id, external_user_id) do update set name = excluded.name, avatar = excluded.avatar, gender = excluded.gender,
    type = excluded.type, unionid = excluded.unionid, corp_name = excluded.corp_name,
    channel_live_code_id = coalesce(customer.channel_live_code_id, excluded.channel_live_code_id),
    first_added_at = least(customer.first_added_at, excluded.first_added_at), updated_at = now()
  returning id, external_user_id`.execute(db)).rows

/**
 * WeCom still lists a relation the customer deleted (it is one-way, CONTRACT §3.1): a sync keeps a recorded
 * loss unless WeCom's add time is newer (a re-add). Returns how many relations were new to Pond.
 */
export const bulkUpsertFollows = async (db: Executor, rows: FollowUpsert[]) => (await sql<{ inserted: boolean }>`
  insert into customer_follow (corp_id, customer_id, employee_id, remark, description, added_at, add_way, state, live_code_id)
  select * from unnest(${rows.map((r) => r.corpId)}::uuid[], ${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.employeeId)}::uuid[],
    ${rows.map((r) => r.remark)}::text[], ${rows.map((r) => r.description)}::text[], ${rows.map((r) => r.addedAt.toISOString())}::timestamptz[],
    ${rows.map((r) => r.addWay)}::int[], ${rows.map((r) => r.state)}::text[], ${rows.map((r) => r.liveCodeId)}::uuid[])
  on conflict (customer_id, employee_id) do update set remark = excluded.remark, description = excluded.description,
    added_at = excluded.added_at, add_way = excluded.add_way, state = excluded.state,
    live_code_id = coalesce(excluded.live_code_id, customer_follow.live_code_id),
    status = case when customer_follow.lost_at >= excluded.added_at then customer_follow.status else 'active' end,
    lost_at = case when customer_follow.lost_at >= excluded.added_at then customer_follow.lost_at end, updated_at = now()
  returning (xmax = 0) as inserted`.execute(db)).rows.filter((r) => r.inserted).length

/** Returns how many tag links were new. */
export const bulkInsertCustomerTags = async (db: Executor, corpId: string, rows: { customerId: string; tagId: string }[]) => Number((await sql`
  insert into customer_tag (corp_id, customer_id, tag_id)
  select ${corpId}::uuid, * from unnest(${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.tagId)}::uuid[])
  on conflict do nothing`.execute(db)).numAffectedRows ?? 0)

/** Active relations of these employees, to find those WeCom no longer lists. */
export const activeFollowsOf = async (db: Executor, corpId: string, employeeIds: string[]) => (await sql<{ employeeId: string; externalUserId: string }>`
  select f.employee_id, c.external_user_id from customer_follow f join customer c on c.id = f.customer_id
  where f.corp_id = ${corpId} and f.status = 'active' and f.employee_id = any(${employeeIds}::uuid[])`.execute(db)).rows

export const bulkInsertAddedEvents = (db: Executor, corpId: string, rows: { customerId: string; employeeId: string; at: Date; state: string }[]) => sql`
  insert into customer_event (corp_id, customer_id, kind, employee_id, data, dedupe_key, occurred_at)
  select ${corpId}::uuid, r.customer_id, 'added', r.employee_id, jsonb_build_object('state', r.state, 'source', 'sync'),
    'added:' || r.customer_id || ':' || r.employee_id || ':' || extract(epoch from r.at)::bigint, r.at
  from unnest(${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.employeeId)}::uuid[],
    ${rows.map((r) => r.at.toISOString())}::timestamptz[], ${rows.map((r) => r.state)}::text[]) as r(customer_id, employee_id, at, state)
  on conflict (corp_id, dedupe_key) do nothing`.execute(db)
