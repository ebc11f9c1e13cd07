import { sql, type Kysely } from 'kysely'

/**
 * Profiles: what the bank knows about a customer beyond WeCom — its own customer number, a phone, operator
 * defined custom fields (values in `attributes`, keyed by field id), the KYC verified flag — and when the
 * customer last did something (activity, for segments and auto-tag rules). Phones WeCom knows are per
 * relation (`remark_mobiles`, set by the employee), so they live on the follow.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table customer
      add column bank_customer_no text,
      add column phone text,
      add column attributes jsonb not null default '{}',
      add column verified boolean not null default false,
      add column verified_at timestamptz,
      add column last_active_at timestamptz;
    create unique index customer_corp_id_bank_customer_no_key on customer (corp_id, bank_customer_no) where bank_customer_no is not null;
    create index customer_corp_id_phone_idx on customer (corp_id, phone) where phone is not null;
    create index customer_corp_id_unionid_idx on customer (corp_id, unionid) where unionid is not null;
    create index customer_attributes_idx on customer using gin (attributes jsonb_path_ops);

    alter table customer_follow add column remark_mobiles text[] not null default '{}';
    create index customer_follow_remark_mobiles_idx on customer_follow using gin (remark_mobiles);
  `.execute(db)
}
