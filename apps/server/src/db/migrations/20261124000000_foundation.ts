import { sql, type Kysely } from 'kysely'

/** Foundation: org, WeCom adapter (tokens, callback inbox), customers, tags, live codes, welcome outbox. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists pgcrypto;
    create extension if not exists pg_trgm;

    create table corp (
      id uuid primary key default gen_random_uuid(),
      wecom_corp_id text not null unique,
      name text not null,
      is_sandbox boolean not null default false,
      created_at timestamptz not null default now()
    );

    create table department (
      corp_id uuid not null references corp(id),
      id integer not null,
      name text not null,
      parent_id integer not null,
      "order" bigint not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (corp_id, id)
    );

    create table employee (
      id uuid primary key default gen_random_uuid(),
      corp_id uuid not null references corp(id),
      wecom_user_id text not null,
      name text not null,
      position text not null default '',
      status smallint not null default 1,
      department_ids integer[] not null default '{}',
      main_department_id integer,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint employee_corp_id_wecom_user_id_key unique (corp_id, wecom_user_id)
    );
    create index employee_department_ids_idx on employee using gin (department_ids);

    create table admin_user (
      id uuid primary key default gen_random_uuid(),
      corp_id uuid not null references corp(id),
      username text not null,
      display_name text not null,
      password_hash text not null,
      role text not null check (role in ('super_admin', 'operator', 'department_manager', 'employee')),
      employee_id uuid references employee(id),
      created_at timestamptz not null default now(),
      constraint admin_user_corp_id_username_key unique (corp_id, username)
    );

    create table admin_session (
      id text primary key,
      corp_id uuid not null references corp(id),
      admin_user_id uuid not null references admin_user(id) on delete cascade,
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    );

    create table wecom_token (
      key text primary key,
      corp_id uuid references corp(id),
      token text not null,
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    );

    create table inbox_event (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      dedupe_key text not null,
      event text not null,
      change_type text not null default '',
      payload text not null,
      received_at timestamptz not null default now(),
      processed_at timestamptz,
      next_attempt_at timestamptz not null default now(),
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null default now(),
      constraint inbox_event_corp_id_dedupe_key_key unique (corp_id, dedupe_key)
    );
    create index inbox_event_pending_idx on inbox_event (next_attempt_at, id) where processed_at is null;

    create table tag_group (
      id uuid primary key default gen_random_uuid(),
      corp_id uuid not null references corp(id),
      wecom_group_id text,
      name text not null,
      "order" bigint not null default 0,
      created_at timestamptz not null default now(),
      constraint tag_group_corp_id_wecom_group_id_key unique (corp_id, wecom_group_id)
    );

    create table tag (
      id uuid primary key default gen_random_uuid(),
      corp_id uuid not null references corp(id),
      group_id uuid not null references tag_group(id) on delete cascade,
      wecom_tag_id text,
      name text not null,
      "order" bigint not null default 0,
      created_at timestamptz not null default now(),
      constraint tag_corp_id_wecom_tag_id_key unique (corp_id, wecom_tag_id)
    );

    create table customer (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      external_user_id text not null,
      name text not null default '',
      avatar text not null default '',
      gender smallint not null default 0,
      type smallint not null default 1,
      unionid text,
      corp_name text not null default '',
      channel_live_code_id uuid,
      first_added_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint customer_corp_id_external_user_id_key unique (corp_id, external_user_id)
    );
    create index customer_corp_id_first_added_at_id_idx on customer (corp_id, first_added_at desc, id desc);
    create index customer_corp_id_channel_live_code_id_idx on customer (corp_id, channel_live_code_id, first_added_at desc, id desc);
    create index customer_name_trgm_idx on customer using gin (name gin_trgm_ops);

    create table customer_follow (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      customer_id bigint not null references customer(id),
      employee_id uuid not null references employee(id),
      remark text not null default '',
      description text not null default '',
      added_at timestamptz not null,
      add_way integer not null default 0,
      state text not null default '',
      live_code_id uuid,
      status text not null default 'active' check (status in ('active', 'deleted_by_customer', 'deleted_by_employee')),
      lost_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint customer_follow_customer_id_employee_id_key unique (customer_id, employee_id)
    );
    create index customer_follow_employee_id_customer_id_idx on customer_follow (employee_id, customer_id);

    create table customer_tag (
      corp_id uuid not null references corp(id),
      customer_id bigint not null references customer(id),
      tag_id uuid not null references tag(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (customer_id, tag_id)
    );
    create index customer_tag_tag_id_customer_id_idx on customer_tag (tag_id, customer_id);

    create table customer_event (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      customer_id bigint not null references customer(id),
      kind text not null,
      employee_id uuid,
      data jsonb not null default '{}',
      dedupe_key text,
      occurred_at timestamptz not null,
      created_at timestamptz not null default now(),
      constraint customer_event_corp_id_dedupe_key_key unique (corp_id, dedupe_key)
    );
    create index customer_event_customer_id_occurred_at_idx on customer_event (customer_id, occurred_at desc, id desc);

    create table live_code (
      id uuid primary key default gen_random_uuid(),
      corp_id uuid not null references corp(id),
      name text not null,
      channel_group text not null default '',
      state text not null,
      config_id text,
      qr_code_url text,
      backup_employee_id uuid references employee(id),
      active_employee_ids uuid[] not null default '{}',
      skip_verify boolean not null default true,
      tag_ids uuid[] not null default '{}',
      welcome jsonb,
      remark text not null default '',
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint live_code_corp_id_state_key unique (corp_id, state)
    );

    create table live_code_employee (
      corp_id uuid not null references corp(id),
      live_code_id uuid not null references live_code(id) on delete cascade,
      employee_id uuid not null references employee(id),
      daily_cap integer check (daily_cap is null or daily_cap > 0),
      position integer not null,
      created_at timestamptz not null default now(),
      primary key (live_code_id, employee_id)
    );

    create table live_code_add (
      corp_id uuid not null references corp(id),
      live_code_id uuid not null references live_code(id) on delete cascade,
      employee_id uuid not null references employee(id),
      external_user_id text not null,
      added_day date not null,
      added_at timestamptz not null,
      lost_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (live_code_id, employee_id, external_user_id)
    );
    create index live_code_add_live_code_id_added_day_idx on live_code_add (live_code_id, added_day);

    create table welcome_send (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      welcome_code text not null,
      live_code_id uuid references live_code(id) on delete set null,
      employee_id uuid not null references employee(id),
      external_user_id text not null,
      message jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'expired', 'failed')),
      error text,
      received_at timestamptz not null,
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      constraint welcome_send_corp_id_welcome_code_key unique (corp_id, welcome_code)
    );
  `.execute(db)
}
