import { sql, type Kysely } from 'kysely'

/**
 * Custom fields (自定义字段) and the bank's attribute imports (导入客户资料).
 * An import keeps one row per file row (raw cells, matched customer, what it will change, its errors):
 * previews of 200,000 rows are paged and filtered to errors by index, and apply reads them back in batches
 * by SQL — one jsonb report would be a single tens-of-MB value rewritten on every re-preview.
 * Also backfills customer.last_active_at from the customer-initiated events recorded so far
 * (the kinds listed here are a snapshot of CUSTOMER_ACTIVITY_KINDS in modules/customers/repo.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_field (
      id uuid primary key default gen_random_uuid(),
      corp_id uuid not null references corp(id),
      name text not null,
      type text not null check (type in ('text', 'number', 'date', 'select')),
      options text[] not null default '{}',
      multiple boolean not null default false,
      position integer not null default 0,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index customer_field_corp_id_name_key on customer_field (corp_id, name);

    create table customer_import (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      filename text not null,
      status text not null default 'previewed' check (status in ('previewed', 'applied', 'discarded')),
      headers text[] not null,
      match_by text not null check (match_by in ('phone', 'bank_customer_no')),
      mapping jsonb not null,
      mode text check (mode in ('all_or_nothing', 'valid_rows')),
      row_count integer not null,
      error_count integer not null,
      updated_count integer,
      created_by uuid references admin_user(id),
      created_by_name text not null,
      created_at timestamptz not null default now(),
      applied_at timestamptz
    );
    create index customer_import_corp_id_id_idx on customer_import (corp_id, id desc);

    create table customer_import_row (
      corp_id uuid not null references corp(id),
      import_id bigint not null references customer_import(id) on delete cascade,
      row_no integer not null,
      cells jsonb not null,
      customer_id bigint references customer(id),
      changes jsonb not null default '{}',
      errors jsonb not null default '[]',
      created_at timestamptz not null default now(),
      primary key (import_id, row_no)
    );
    create index customer_import_row_errors_idx on customer_import_row (import_id, row_no) where errors <> '[]';

    update customer c set last_active_at = e.at
    from (select customer_id, max(occurred_at) as at from customer_event
          where kind in ('added', 'message_received', 'fission_help', 'h5_visit', 'redeemed') group by customer_id) e
    where c.id = e.customer_id and (c.last_active_at is null or c.last_active_at < e.at);
  `.execute(db)
}
