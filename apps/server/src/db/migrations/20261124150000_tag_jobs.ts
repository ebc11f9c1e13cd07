import { sql, type Kysely } from 'kysely'

/**
 * Bulk tagging (批量打标签) as resumable jobs, auto-tag rules (自动打标签规则) whose runs are such jobs, the
 * WeCom failures a job's mark_tag calls ended with, and one pacing row per corp that spreads mark_tag
 * calls in time (a token bucket: WeCom allows 150,000 calls an hour per corp and API, CONTRACT §9.2).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_tag_rule (
      id uuid primary key default gen_random_uuid(),
      corp_id uuid not null references corp(id),
      name text not null,
      -- The rule's condition; a deleted segment leaves the rule without one (its runs fail until re-pointed).
      segment_id uuid references segment(id) on delete set null,
      add_tag_ids uuid[] not null,
      remove_unmatched boolean not null default false,
      enabled boolean not null default true,
      created_by uuid references admin_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint customer_tag_rule_corp_id_name_key unique (corp_id, name)
    );

    create table customer_tag_job (
      id uuid primary key default gen_random_uuid(),
      corp_id uuid not null references corp(id),
      kind text not null check (kind in ('bulk', 'rule')),
      segment_id uuid references segment(id) on delete set null,
      segment_name text not null,
      rule_id uuid references customer_tag_rule(id) on delete set null,
      add_tag_ids uuid[] not null,
      remove_tag_ids uuid[] not null default '{}',
      remove_unmatched boolean not null default false,
      -- The requester's data scope when the job was made: the job acts within it, however long it runs.
      scope jsonb not null,
      requested_by uuid references admin_user(id),
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
      -- 'members' tags the segment's members; 'prune' (rules only) untags those who no longer match.
      phase text not null default 'members' check (phase in ('members', 'prune')),
      cursor bigint,
      total integer,
      processed integer not null default 0,
      added integer not null default 0,
      already integer not null default 0,
      removed integer not null default 0,
      marks_queued integer not null default 0,
      failed integer not null default 0,
      error text,
      started_at timestamptz,
      finished_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index customer_tag_job_corp_id_created_at_idx on customer_tag_job (corp_id, created_at desc, id desc);
    create index customer_tag_job_rule_id_created_at_idx on customer_tag_job (rule_id, created_at desc) where rule_id is not null;

    create table customer_tag_job_failure (
      corp_id uuid not null references corp(id),
      job_id uuid not null references customer_tag_job(id) on delete cascade,
      customer_id bigint not null references customer(id),
      userid text not null,
      errcode integer not null,
      message text not null,
      created_at timestamptz not null default now(),
      primary key (job_id, customer_id, userid)
    );

    create table customer_mark_pace (
      corp_id uuid primary key references corp(id),
      next_at timestamptz not null,
      created_at timestamptz not null default now()
    );
  `.execute(db)
}
