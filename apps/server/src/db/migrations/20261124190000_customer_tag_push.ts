import { sql, type Kysely } from 'kysely'

/**
 * Tags Pond set on a customer and pushed to WeCom by mark_tag: a row from the moment the push is queued
 * (settled_at null) until the push is answered (settled_at set), so an edit callback that re-reads WeCom
 * in between does not remove a tag WeCom has not received yet (docs/decisions.md D7). A separate table,
 * not a column of customer_tag: an UPDATE of customer_tag fires its tag_seqs triggers (remove, then add)
 * and rewrites the customer row; settling a push here touches neither. It lives and dies with its
 * customer_tag row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_tag_push (
      corp_id uuid not null references corp(id),
      customer_id bigint not null,
      tag_id uuid not null,
      created_at timestamptz not null default now(),
      settled_at timestamptz,
      primary key (customer_id, tag_id),
      foreign key (customer_id, tag_id) references customer_tag (customer_id, tag_id) on delete cascade
    );
  `.execute(db)
}
