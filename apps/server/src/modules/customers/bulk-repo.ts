import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import type { CustomerUpsert, FollowUpsert } from './repo'

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

export const bulkUpsertFollows = (db: Executor, rows: FollowUpsert[]) => sql`
  insert into customer_follow (corp_id, customer_id, employee_id, remark, description, added_at, add_way, state, live_code_id)
  select * from unnest(${rows.map((r) => r.corpId)}::uuid[], ${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.employeeId)}::uuid[],
    ${rows.map((r) => r.remark)}::text[], ${rows.map((r) => r.description)}::text[], ${rows.map((r) => r.addedAt.toISOString())}::timestamptz[],
    ${rows.map((r) => r.addWay)}::int[], ${rows.map((r) => r.state)}::text[], ${rows.map((r) => r.liveCodeId)}::uuid[])
  on conflict (customer_id, employee_id) do update set remark = excluded.remark, description = excluded.description,
    added_at = excluded.added_at, add_way = excluded.add_way, state = excluded.state,
    live_code_id = coalesce(excluded.live_code_id, customer_follow.live_code_id), status = 'active', lost_at = null, updated_at = now()`.execute(db)

export const bulkInsertCustomerTags = (db: Executor, corpId: string, rows: { customerId: string; tagId: string }[]) => sql`
  insert into customer_tag (corp_id, customer_id, tag_id)
  select ${corpId}::uuid, * from unnest(${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.tagId)}::uuid[])
  on conflict do nothing`.execute(db)

export const bulkInsertAddedEvents = (db: Executor, corpId: string, rows: { customerId: string; employeeId: string; at: Date; state: string }[]) => sql`
  insert into customer_event (corp_id, customer_id, kind, employee_id, data, dedupe_key, occurred_at)
  select ${corpId}::uuid, r.customer_id, 'added', r.employee_id, jsonb_build_object('state', r.state, 'source', 'sync'),
    'added:' || r.customer_id || ':' || r.employee_id || ':' || extract(epoch from r.at)::bigint, r.at
  from unnest(${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.employeeId)}::uuid[],
    ${rows.map((r) => r.at.toISOString())}::timestamptz[], ${rows.map((r) => r.state)}::text[]) as r(customer_id, employee_id, at, state)
  on conflict (corp_id, dedupe_key) do nothing`.execute(db)
