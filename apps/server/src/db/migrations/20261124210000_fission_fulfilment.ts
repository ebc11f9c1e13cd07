import { sql, type Kysely } from 'kysely'

/**
 * Prize fulfilment (issue 4): after the customer claims a prize (redeemed), an employee hands it over or
 * ships it and marks it fulfilled, once, with an optional note. Fulfilled is still a prize given: stock and
 * the funnel count it with the redeemed ones. The partial index serves the "prizes to fulfil" list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table fission_completion drop constraint fission_completion_status_check;
    alter table fission_completion add constraint fission_completion_status_check
      check (status in ('reserved', 'out_of_stock', 'redeemed', 'fulfilled'));
    alter table fission_completion
      add column fulfilled_at timestamptz,
      add column fulfilled_by uuid,
      add column fulfilment_note text;
    create index fission_completion_redeemed_idx on fission_completion (activity_id, status, redeemed_at desc, id desc)
      where status in ('redeemed', 'fulfilled');
  `.execute(db)
}
