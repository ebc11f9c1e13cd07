import { sql, type Kysely } from 'kysely'

/**
 * The rows a burst of callbacks writes per add no longer check `corp_id` against corp (nor a help its activity,
 * which its participant already ties it to, with the same cascade). Each check is a query and a KEY SHARE lock
 * on the one corp row that every concurrent transaction locks too: 7 of the 14 checks per fission help,
 * ~50 µs of PostgreSQL's ~400 µs (bench/fission). Corps are never deleted, and every corp_id is the service's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table inbox_event drop constraint inbox_event_corp_id_fkey;
    alter table customer drop constraint customer_corp_id_fkey;
    alter table customer_external_id drop constraint customer_external_id_corp_id_fkey;
    alter table customer_follow drop constraint customer_follow_corp_id_fkey;
    alter table customer_event drop constraint customer_event_corp_id_fkey;
    alter table fission_help drop constraint fission_help_corp_id_fkey;
    alter table fission_help drop constraint fission_help_activity_id_fkey;
  `.execute(db)
}
