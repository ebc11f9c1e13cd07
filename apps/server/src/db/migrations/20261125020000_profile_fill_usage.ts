import { sql, type Kysely } from 'kysely'

/**
 * externalcontact/get reads the profile fill made per corp and clock hour: the fill spends at most half of
 * WeCom's hourly quota for that API (150,000 per corp, CONTRACT §9.2), whichever process runs it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_profile_fill_usage (
      corp_id uuid not null,
      hour timestamptz not null,
      reads int not null default 0,
      created_at timestamptz not null default now(),
      primary key (corp_id, hour)
    )`.execute(db)
}
