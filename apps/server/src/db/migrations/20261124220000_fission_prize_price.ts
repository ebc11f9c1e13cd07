import { sql, type Kysely } from 'kysely'

/**
 * A tier's prize has a unit price (fen, integer cents) so the funnel can state what the activity cost and what one
 * net new customer cost (issue 4, results). Existing tiers cost 0: their price was never entered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table fission_tier add column unit_price_fen integer not null default 0
      check (unit_price_fen between 0 and 10000000);
  `.execute(db)
}
