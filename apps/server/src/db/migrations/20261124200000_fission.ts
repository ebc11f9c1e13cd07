import { sql, type Kysely } from 'kysely'

/**
 * Fission activities (issue 4). An initiator's personal WeCom contact way carries State `fi:<12 chars>`;
 * a helper's add through it is a help. Counts, tier completions and stock reservations change in the
 * transaction that stores the add, so a crash never separates them (docs/decisions.md D-entry "Fission").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table fission_activity (
      id uuid primary key default gen_random_uuid(),
      corp_id uuid not null references corp(id),
      name text not null,
      status text not null default 'draft' check (status in ('draft', 'scheduled', 'running', 'ended', 'archived')),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      config jsonb not null,
      helper_employee_ids uuid[] not null,
      created_by uuid,
      ways_cleaned_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_at > starts_at)
    );
    create index fission_activity_corp_idx on fission_activity (corp_id, created_at desc, id desc);
    create index fission_activity_due_idx on fission_activity (status) where status in ('scheduled', 'running', 'ended');

    create table fission_tier (
      corp_id uuid not null references corp(id),
      activity_id uuid not null references fission_activity(id) on delete cascade,
      level integer not null check (level between 1 and 5),
      threshold integer not null check (threshold > 0),
      prize_name text not null,
      stock_total integer not null check (stock_total >= 0),
      stock_left integer not null check (stock_left >= 0),
      completion_tag_id uuid,
      created_at timestamptz not null default now(),
      primary key (activity_id, level)
    );

    create table fission_participant (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      activity_id uuid not null references fission_activity(id) on delete cascade,
      customer_id bigint not null,
      external_user_id text not null,
      employee_id uuid,
      state text not null,
      config_id text,
      qr_code_url text,
      way_deleted_at timestamptz,
      help_count integer not null default 0 check (help_count >= 0),
      invited_by_participant_id bigint references fission_participant(id),
      joined_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      unique (activity_id, customer_id),
      unique (corp_id, state)
    );

    create table fission_help (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      activity_id uuid not null references fission_activity(id) on delete cascade,
      participant_id bigint not null references fission_participant(id) on delete cascade,
      helper_customer_id bigint not null,
      helper_external_user_id text not null,
      employee_id uuid not null,
      -- The helper was new to the corp at this add (funnel: new customers, whatever the help's outcome).
      new_customer boolean not null,
      status text not null check (status in ('counted', 'refused', 'held', 'revoked', 'voided')),
      reason text,
      added_at timestamptz not null,
      revoked_at timestamptz,
      welcome_code text,
      welcome_status text,
      dedupe_key text not null,
      created_at timestamptz not null default now(),
      unique (corp_id, dedupe_key)
    );
    -- One help per helper per activity; refusals are records, not helps.
    create unique index fission_help_one_per_helper on fission_help (activity_id, helper_customer_id) where status <> 'refused';
    create index fission_help_participant_idx on fission_help (participant_id, added_at);
    create index fission_help_helper_idx on fission_help (corp_id, helper_customer_id, employee_id) where status in ('counted', 'held');

    create table fission_completion (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      activity_id uuid not null references fission_activity(id) on delete cascade,
      participant_id bigint not null references fission_participant(id) on delete cascade,
      level integer not null,
      status text not null check (status in ('reserved', 'out_of_stock', 'redeemed')),
      redemption_code text,
      redemption jsonb,
      redeemed_by uuid,
      redeemed_at timestamptz,
      notified_at timestamptz,
      completed_at timestamptz not null,
      created_at timestamptz not null default now(),
      unique (participant_id, level),
      unique (corp_id, redemption_code)
    );

    create table fission_stock_ledger (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      activity_id uuid not null references fission_activity(id) on delete cascade,
      level integer not null,
      delta integer not null,
      stock_left integer not null,
      reason text not null check (reason in ('initial', 'reserved', 'top_up')),
      completion_id bigint references fission_completion(id),
      actor_user_id uuid,
      created_at timestamptz not null default now()
    );
    create index fission_stock_ledger_activity_idx on fission_stock_ledger (activity_id, id);

    create table fission_audit (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      activity_id uuid not null references fission_activity(id) on delete cascade,
      actor_user_id uuid,
      action text not null,
      data jsonb not null default '{}',
      created_at timestamptz not null default now()
    );
    create index fission_audit_activity_idx on fission_audit (activity_id, id);

    create table fission_blacklist (
      corp_id uuid not null references corp(id),
      customer_id bigint not null,
      reason text not null,
      appeal_note text not null default '',
      created_by uuid,
      created_at timestamptz not null default now(),
      primary key (corp_id, customer_id)
    );
  `.execute(db)
}
