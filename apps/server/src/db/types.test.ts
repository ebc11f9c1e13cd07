import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createDatabase, createPool } from './database'
import { testDatabaseUrl } from '../testing/test-app'
import type { DB } from './types'

type Snake<S extends string> = S extends `${infer H}${infer R}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<R>}` : S

// The DB interface in types.ts, in SQL names: the compiler checks every table and column named here
// exists in the interface; the test checks the migrated database has exactly these.
const DECLARED: { [T in keyof DB as Snake<T & string>]: Snake<keyof DB[T] & string>[] } = {
  corp: ['id', 'wecom_corp_id', 'name', 'is_sandbox', 'created_at'],
  department: ['corp_id', 'id', 'name', 'parent_id', 'order', 'created_at', 'updated_at'],
  employee: ['id', 'corp_id', 'wecom_user_id', 'name', 'position', 'status', 'department_ids', 'main_department_id', 'created_at', 'updated_at'],
  admin_user: ['id', 'corp_id', 'username', 'display_name', 'password_hash', 'role', 'employee_id', 'created_at', 'disabled_at'],
  admin_session: ['id', 'corp_id', 'admin_user_id', 'expires_at', 'created_at'],
  wecom_token: ['key', 'corp_id', 'token', 'expires_at', 'created_at'],
  inbox_event: ['id', 'corp_id', 'dedupe_key', 'event', 'change_type', 'payload', 'received_at', 'processed_at', 'next_attempt_at', 'attempts', 'last_error', 'created_at'],
  tag_group: ['id', 'corp_id', 'wecom_group_id', 'name', 'order', 'created_at'],
  tag: ['id', 'corp_id', 'group_id', 'wecom_tag_id', 'name', 'order', 'created_at', 'seq'],
  customer: ['id', 'corp_id', 'external_user_id', 'name', 'avatar', 'gender', 'type', 'unionid', 'corp_name', 'channel_live_code_id', 'first_added_at', 'created_at', 'updated_at', 'tag_seqs',
    'bank_customer_no', 'phone', 'attributes', 'verified', 'verified_at', 'last_active_at', 'profile_pending'],
  customer_follow: ['id', 'corp_id', 'customer_id', 'employee_id', 'remark', 'description', 'added_at', 'add_way', 'state', 'live_code_id', 'status', 'lost_at', 'created_at', 'updated_at', 'remark_mobiles'],
  customer_tag: ['corp_id', 'customer_id', 'tag_id', 'created_at'],
  customer_tag_push: ['corp_id', 'customer_id', 'tag_id', 'created_at', 'settled_at'],
  customer_loss: ['id', 'corp_id', 'customer_id', 'employee_id', 'kind', 'lost_at', 'notified_at', 'created_at'],
  customer_loss_alert: ['corp_id', 'mode', 'recipient_employee_ids', 'created_at', 'updated_at'],
  customer_sync_run: ['id', 'corp_id', 'kind', 'status', 'stats', 'error', 'started_at', 'finished_at', 'created_at', 'failures'],
  customer_external_id: ['corp_id', 'external_user_id', 'customer_id', 'created_at'],
  customer_profile_fill_usage: ['corp_id', 'hour', 'reads', 'created_at'],
  customer_transfer: ['id', 'corp_id', 'kind', 'customer_id', 'handover_employee_id', 'takeover_employee_id', 'status', 'errcode', 'requested_by', 'requested_at', 'completed_at', 'created_at'],
  customer_event: ['id', 'corp_id', 'customer_id', 'kind', 'employee_id', 'data', 'dedupe_key', 'occurred_at', 'created_at'],
  live_code: ['id', 'corp_id', 'name', 'channel_group', 'state', 'config_id', 'qr_code_url', 'backup_employee_id', 'active_employee_ids', 'skip_verify', 'tag_ids', 'welcome', 'remark', 'deleted_at', 'created_at', 'updated_at'],
  live_code_employee: ['corp_id', 'live_code_id', 'employee_id', 'daily_cap', 'position', 'created_at'],
  live_code_add: ['corp_id', 'live_code_id', 'employee_id', 'external_user_id', 'added_day', 'added_at', 'lost_at', 'created_at'],
  welcome_send: ['id', 'corp_id', 'welcome_code', 'live_code_id', 'employee_id', 'external_user_id', 'message', 'status', 'error', 'received_at', 'sent_at', 'created_at'],
  segment: ['id', 'corp_id', 'name', 'definition', 'created_by', 'created_at', 'updated_at', 'materialized_at', 'member_count'],
  segment_member: ['corp_id', 'segment_id', 'customer_id', 'created_at'],
  segment_bitmap: ['corp_id', 'key', 'chunk', 'bits', 'created_at'],
  segment_bitmap_dirty: ['id', 'corp_id', 'chunk', 'created_at'],
  customer_tag_rule: ['id', 'corp_id', 'name', 'segment_id', 'add_tag_ids', 'remove_unmatched', 'enabled', 'created_by', 'created_at', 'updated_at'],
  customer_tag_job: ['id', 'corp_id', 'kind', 'segment_id', 'segment_name', 'rule_id', 'add_tag_ids', 'remove_tag_ids', 'remove_unmatched', 'scope', 'requested_by',
    'status', 'phase', 'cursor', 'total', 'processed', 'added', 'already', 'removed', 'marks_queued', 'failed', 'error', 'started_at', 'finished_at', 'created_at', 'updated_at'],
  customer_tag_job_failure: ['corp_id', 'job_id', 'customer_id', 'userid', 'errcode', 'message', 'created_at'],
  customer_mark_pace: ['corp_id', 'next_at', 'created_at'],
  customer_field: ['id', 'corp_id', 'name', 'type', 'options', 'multiple', 'position', 'archived_at', 'created_at', 'updated_at'],
  customer_import: ['id', 'corp_id', 'filename', 'status', 'headers', 'match_by', 'mapping', 'mode', 'row_count', 'error_count', 'updated_count', 'created_by', 'created_by_name', 'created_at', 'applied_at'],
  customer_import_row: ['corp_id', 'import_id', 'row_no', 'cells', 'customer_id', 'changes', 'errors', 'created_at'],
  customer_note: ['id', 'corp_id', 'customer_id', 'author_user_id', 'author_employee_id', 'author_name', 'kind', 'body', 'next_follow_up_on', 'updated_at', 'deleted_at', 'deleted_by', 'created_at'],
  customer_export_log: ['id', 'corp_id', 'admin_user_id', 'username', 'source', 'segment_id', 'segment_name', 'filter', 'format', 'masked', 'row_count', 'status', 'error', 'finished_at', 'created_at'],
  fission_activity: ['id', 'corp_id', 'name', 'status', 'starts_at', 'ends_at', 'config', 'helper_employee_ids', 'created_by', 'ways_cleaned_at', 'created_at', 'updated_at'],
  fission_tier: ['corp_id', 'activity_id', 'level', 'threshold', 'prize_name', 'stock_total', 'stock_left', 'completion_tag_id', 'created_at', 'unit_price_fen'],
  fission_participant: ['id', 'corp_id', 'activity_id', 'customer_id', 'external_user_id', 'employee_id', 'state', 'config_id', 'qr_code_url', 'way_deleted_at', 'help_count',
    'invited_by_participant_id', 'joined_at', 'created_at'],
  fission_help: ['id', 'corp_id', 'activity_id', 'participant_id', 'helper_customer_id', 'helper_external_user_id', 'employee_id', 'new_customer', 'status', 'reason', 'added_at', 'revoked_at',
    'welcome_code', 'welcome_status', 'dedupe_key', 'created_at'],
  fission_completion: ['id', 'corp_id', 'activity_id', 'participant_id', 'level', 'status', 'redemption_code', 'redemption', 'redeemed_by', 'redeemed_at', 'notified_at', 'completed_at', 'created_at',
    'fulfilled_at', 'fulfilled_by', 'fulfilment_note'],
  fission_stock_ledger: ['id', 'corp_id', 'activity_id', 'level', 'delta', 'stock_left', 'reason', 'completion_id', 'actor_user_id', 'created_at'],
  fission_audit: ['id', 'corp_id', 'activity_id', 'actor_user_id', 'action', 'data', 'created_at'],
  fission_blacklist: ['corp_id', 'customer_id', 'reason', 'appeal_note', 'created_by', 'created_at'],
}

describe('database schema', () => {
  it('has exactly the tables and columns the types declare, each with corp_id and created_at', async () => {
    const url = await testDatabaseUrl()
    const db = createDatabase(createPool(url, 1))
    const rows = (await sql<{ tableName: string; columnName: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name not like 'kysely_%' order by table_name, ordinal_position`.execute(db)).rows
    await db.destroy()
    const actual: Record<string, string[]> = {}
    for (const r of rows) (actual[r.tableName] ??= []).push(r.columnName)
    expect(actual).toEqual(DECLARED)
    for (const [table, cols] of Object.entries(actual)) {
      if (table === 'corp') continue
      expect([table, cols.includes('corp_id'), cols.includes('created_at')]).toEqual([table, true, true])
    }
  })
})
