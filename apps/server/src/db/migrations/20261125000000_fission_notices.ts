import { sql, type Kysely } from 'kysely'

/**
 * Employees hear of their customers' completed tiers as digests: a run reads the completions nobody has been
 * told of yet (notified_at null), which this partial index keeps cheap however many completions are behind us.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index fission_completion_unnotified_idx on fission_completion (corp_id, participant_id) where notified_at is null`.execute(db)
}
