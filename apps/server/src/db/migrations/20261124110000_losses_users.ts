import { sql, type Kysely } from 'kysely'

/**
 * Loss alerts (删人提醒): every lost relation, its notification, and who is told; console users can be
 * disabled; full imports and reconciliations with WeCom are recorded as runs with what they fixed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_loss (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      customer_id bigint not null references customer(id),
      employee_id uuid not null references employee(id),
      kind text not null check (kind in ('deleted_by_customer', 'deleted_by_employee')),
      lost_at timestamptz not null,
      notified_at timestamptz,
      created_at timestamptz not null default now(),
      constraint customer_loss_customer_id_employee_id_lost_at_key unique (customer_id, employee_id, lost_at)
    );
    create index customer_loss_corp_id_lost_at_id_idx on customer_loss (corp_id, lost_at desc, id desc);
    create index customer_loss_unnotified_idx on customer_loss (corp_id, lost_at) where notified_at is null;

    create table customer_loss_alert (
      corp_id uuid primary key references corp(id),
      mode text not null default 'per_event' check (mode in ('off', 'per_event', 'daily_digest')),
      recipient_employee_ids uuid[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    alter table admin_user add column disabled_at timestamptz;

    create table customer_sync_run (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      kind text not null check (kind in ('import', 'reconcile')),
      status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
      stats jsonb not null default '{}',
      error text,
      started_at timestamptz,
      finished_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index customer_sync_run_corp_id_id_idx on customer_sync_run (corp_id, id desc);
  `.execute(db)
}
