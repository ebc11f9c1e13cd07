import { sql, type Kysely } from 'kysely'

/** Transfers (在职继承 / 离职继承): each customer handed from one employee to another, and where it stands. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_transfer (
      id bigint generated always as identity primary key,
      corp_id uuid not null references corp(id),
      kind text not null check (kind in ('on_job', 'resigned')),
      customer_id bigint not null references customer(id),
      handover_employee_id uuid not null references employee(id),
      takeover_employee_id uuid not null references employee(id),
      status text not null check (status in ('waiting', 'done', 'refused', 'takeover_full', 'failed')),
      errcode integer,
      requested_by uuid references admin_user(id),
      requested_at timestamptz not null,
      completed_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index customer_transfer_corp_id_id_idx on customer_transfer (corp_id, id desc);
    create index customer_transfer_waiting_idx on customer_transfer (corp_id, handover_employee_id, takeover_employee_id) where status = 'waiting';
    create index customer_transfer_customer_id_requested_at_idx on customer_transfer (customer_id, requested_at);

    -- A relation handed over in a transfer ends without being a loss.
    alter table customer_follow drop constraint customer_follow_status_check;
    alter table customer_follow add constraint customer_follow_status_check
      check (status in ('active', 'deleted_by_customer', 'deleted_by_employee', 'transferred'));
  `.execute(db)
}
