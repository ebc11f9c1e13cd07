import { sql, type Kysely } from 'kysely'

/**
 * Follow-up notes (跟进记录) written by console users about a customer, soft-deleted so a removed note leaves
 * a trace; and the log of every customer export (who, what, masked or not, how many rows, how it ended).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_note (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      customer_id bigint not null references customer(id),
      author_user_id uuid not null references admin_user(id),
      author_employee_id uuid references employee(id),
      author_name text not null,
      kind text not null check (kind in ('call', 'meeting', 'wechat', 'other')),
      body text not null check (char_length(body) between 1 and 2000),
      next_follow_up_on date,
      updated_at timestamptz,
      deleted_at timestamptz,
      deleted_by uuid references admin_user(id),
      created_at timestamptz not null default now()
    );
    create index customer_note_customer_id_created_at_idx on customer_note (customer_id, created_at desc, id desc) where deleted_at is null;

    create table customer_export_log (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      admin_user_id uuid references admin_user(id),
      username text not null,
      source text not null check (source in ('customers', 'segment')),
      segment_id uuid,
      segment_name text,
      filter jsonb not null default '{}',
      format text not null check (format in ('csv', 'xlsx')),
      masked boolean not null,
      row_count bigint,
      status text not null check (status in ('running', 'done', 'failed')),
      error text,
      finished_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index customer_export_log_corp_id_id_idx on customer_export_log (corp_id, id desc);
  `.execute(db)
}
