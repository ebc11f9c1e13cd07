import { sql, type Kysely } from 'kysely'

/**
 * One customer per person. Every external_userid Pond has seen maps to its customer (customer_external_id),
 * filled for every customer row by a statement trigger, so a second id of the same person (same unionid,
 * e.g. after an id change, CONTRACT §10) resolves to the same customer; the primary key makes a second
 * customer under a known id fail loudly. A unionid belongs to one customer: older duplicates keep theirs
 * only on the first (lowest id) customer, the others lose it until a sync finds them again.
 * Sync runs record how they went: concurrency, retries, and the failures they could not overcome
 * (status 'partial').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_external_id (
      corp_id uuid not null references corp(id),
      external_user_id text not null,
      customer_id bigint not null references customer(id),
      created_at timestamptz not null default now(),
      primary key (corp_id, external_user_id)
    );
    create index customer_external_id_customer_id_idx on customer_external_id (customer_id);
    insert into customer_external_id (corp_id, external_user_id, customer_id) select corp_id, external_user_id, id from customer;

    create function customer_external_id_track() returns trigger language plpgsql as $$
    begin
      insert into customer_external_id (corp_id, external_user_id, customer_id) select corp_id, external_user_id, id from inserted;
      return null;
    end $$;
    create trigger customer_external_id_track after insert on customer
      referencing new table as inserted for each statement execute function customer_external_id_track();

    update customer c set unionid = null
    where c.unionid is not null and exists (select 1 from customer o where o.corp_id = c.corp_id and o.unionid = c.unionid and o.id < c.id);
    drop index customer_corp_id_unionid_idx;
    create unique index customer_corp_id_unionid_key on customer (corp_id, unionid) where unionid is not null;

    alter table customer_sync_run drop constraint customer_sync_run_status_check;
    alter table customer_sync_run add constraint customer_sync_run_status_check check (status in ('queued', 'running', 'succeeded', 'partial', 'failed'));
    alter table customer_sync_run add column failures jsonb not null default '[]';
  `.execute(db)
}
