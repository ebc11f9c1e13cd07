import { sql, type Kysely } from 'kysely'

/**
 * A burst of adds (a fission poster's scans) is recorded from the callbacks alone; the customer's WeCom detail
 * (name, avatar, unionid, the relation's remark) is read afterwards by a paced job, so help decisions never
 * wait on externalcontact/get's quota (10,000 a minute per corp, CONTRACT §9.2). `profile_pending` marks the
 * customers that job still has to read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table customer add column profile_pending boolean not null default false;
    create index customer_profile_pending_idx on customer (corp_id, id) where profile_pending;
  `.execute(db)
}
