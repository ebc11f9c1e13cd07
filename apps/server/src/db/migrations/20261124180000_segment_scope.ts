import { sql, type Kysely } from 'kysely'

/**
 * Segment bitmaps: for each corp, key and chunk of 65,536 customer ids (id >> 16), a `bit varying` with
 * one bit per id, so a segment count is a few C-level `&`/`|`/`~` and `bit_count` per chunk and never
 * visits the customer heap (docs/decisions.md D-entry "Segment counts at 10M").
 * Keys: > 0 a tag seq; -d "followed (any status, as the data scope reads) by an employee of department d's
 * subtree"; 0 every customer of the corp (what NOT is taken against).
 *
 * The callback path only appends chunk numbers to segment_bitmap_dirty (plain inserts: no conflict and no
 * row lock, so concurrent writers never wait on each other); the chunks are rebuilt from the rows by a job
 * and, before every bitmap count or materialisation, synchronously. A marker becomes visible with the change
 * that made it (same transaction), so a rebuild that deletes only the markers it saw never loses one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table segment_bitmap (
      corp_id uuid not null,
      key integer not null,
      chunk integer not null,
      bits bit varying not null,
      created_at timestamptz not null default now(),
      primary key (corp_id, key, chunk)
    );
    -- Uncompressed: pglz made a chunk's rewrite 4x slower (430 vs 100-125 ms) to save ~50 MB per million customers.
    alter table segment_bitmap alter column bits set storage external;

    create table segment_bitmap_dirty (
      id bigint generated always as identity primary key,
      corp_id uuid not null,
      chunk integer not null,
      created_at timestamptz not null default now()
    );
    create index segment_bitmap_dirty_corp_id_idx on segment_bitmap_dirty (corp_id, id);

    -- Each function receives its rows as transition tables named changed_old / changed_new.
    create function segment_bitmap_customer_dirty() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into segment_bitmap_dirty (corp_id, chunk) select distinct corp_id, (id >> 16)::int from changed_new;
      elsif tg_op = 'DELETE' then
        insert into segment_bitmap_dirty (corp_id, chunk) select distinct corp_id, (id >> 16)::int from changed_old;
      else
        -- Rows whose tag_seqs or corp changed, old and new side. EXCEPT hashes both transition tables; a join
        -- of them was planned as a nested loop (20,000 tagged customers: 45 s instead of 0.7 s).
        insert into segment_bitmap_dirty (corp_id, chunk)
        select distinct corp_id, (id >> 16)::int from (
          (select corp_id, id, tag_seqs from changed_old except all select corp_id, id, tag_seqs from changed_new)
          union all
          (select corp_id, id, tag_seqs from changed_new except all select corp_id, id, tag_seqs from changed_old)) x;
      end if;
      return null;
    end $$;

    create function segment_bitmap_follow_dirty() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into segment_bitmap_dirty (corp_id, chunk) select distinct corp_id, (customer_id >> 16)::int from changed_new;
      elsif tg_op = 'DELETE' then
        insert into segment_bitmap_dirty (corp_id, chunk) select distinct corp_id, (customer_id >> 16)::int from changed_old;
      else
        -- As for customer: EXCEPT, not a join of the transition tables.
        insert into segment_bitmap_dirty (corp_id, chunk)
        select distinct corp_id, (customer_id >> 16)::int from (
          (select corp_id, id, customer_id, employee_id from changed_old except all select corp_id, id, customer_id, employee_id from changed_new)
          union all
          (select corp_id, id, customer_id, employee_id from changed_new except all select corp_id, id, customer_id, employee_id from changed_old)) x;
      end if;
      return null;
    end $$;

    -- An employee moving departments moves their customers between department keys.
    create function segment_bitmap_employee_dirty() returns trigger language plpgsql as $$
    begin
      insert into segment_bitmap_dirty (corp_id, chunk)
      select distinct f.corp_id, (f.customer_id >> 16)::int
      from changed_old o join changed_new n using (id) join customer_follow f on f.employee_id = n.id
      where o.department_ids is distinct from n.department_ids;
      return null;
    end $$;

    -- A department added, removed or moved changes ancestors for many customers: every chunk of the corp. Rare.
    create function segment_bitmap_department_dirty() returns trigger language plpgsql as $$
    declare corps uuid[];
    begin
      if tg_op = 'INSERT' then corps := array(select distinct corp_id from changed_new);
      elsif tg_op = 'DELETE' then corps := array(select distinct corp_id from changed_old);
      else corps := array(select distinct o.corp_id from changed_old o join changed_new n using (corp_id, id) where o.parent_id <> n.parent_id);
      end if;
      insert into segment_bitmap_dirty (corp_id, chunk) select corp_id, chunk from segment_bitmap where key = 0 and corp_id = any(corps);
      return null;
    end $$;
  `.execute(db)
  const triggers: [table: string, fn: string][] = [
    ['customer', 'segment_bitmap_customer_dirty'], ['customer_follow', 'segment_bitmap_follow_dirty'], ['department', 'segment_bitmap_department_dirty'],
  ]
  for (const [table, fn] of triggers) {
    await sql.raw(`
      create trigger ${table}_bitmap_insert_trg after insert on ${table}
        referencing new table as changed_new for each statement execute function ${fn}();
      create trigger ${table}_bitmap_update_trg after update on ${table}
        referencing old table as changed_old new table as changed_new for each statement execute function ${fn}();
      create trigger ${table}_bitmap_delete_trg after delete on ${table}
        referencing old table as changed_old for each statement execute function ${fn}();`).execute(db)
  }
  await sql`
    create trigger employee_bitmap_update_trg after update on employee
      referencing old table as changed_old new table as changed_new for each statement execute function segment_bitmap_employee_dirty();
    -- Every customer already loaded starts dirty; the first count or the job builds the bitmaps.
    insert into segment_bitmap_dirty (corp_id, chunk) select distinct corp_id, (id >> 16)::int from customer;
  `.execute(db)
}
