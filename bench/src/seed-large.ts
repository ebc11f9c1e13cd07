// seed:large — loads N customers (up to 10,000,000) with a bank-like shape for segment benchmarks:
// 300 tags with a Zipf-like skew (3–15 per customer), 2,000 account managers in a department tree whose
// branches differ in size, channels from 20 live codes, 10 % of customers with a second follower.
// Set-based SQL only (generate_series, unnest), deterministic (hashes instead of random()).
//   npm run seed:large -- --customers 1000000 [--dir <embedded data dir>] [--serve]
// Without DATABASE_URL it starts an embedded PostgreSQL in a new temp dir (or --dir) and keeps the data.
import { sql, type Kysely } from 'kysely'
import { chmod, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createDatabase, createPool, ensureDatabase, migrateToLatest, type Database } from '../../apps/server/src/db/database'
import { startEmbeddedPostgres } from '../../apps/server/src/db/embedded'
import { createSegmentBitmaps } from '../../apps/server/src/modules/customers/segments/bitmaps'
import { fmt } from './lib'

export const TAG_COUNT = 300
export const EMPLOYEE_COUNT = 2000
const CHUNK = 1_000_000
/** Branch sizes in % of employees: one large provincial branch, a long tail of small ones. */
const BRANCH_WEIGHTS = [35, 18, 12, 10, 8, 6, 4, 3, 2, 2]
const BRANCH_NAMES = ['省分行营业部', '城东分行', '城西分行', '高新分行', '江北分行', '港区分行', '临江分行', '南湖分行', '北山分行', '新区分行']
/** The most common tags by rank; the rest are 标签021…标签300. */
export const TOP_TAGS = ['借记卡', '手机银行', '理财', '代发工资', '沉默', '信用卡', '基金', '金卡', '房贷', '保险',
  '白金', '车贷', '外汇', '贵金属', '私行', '小微企业主', '养老金', '社保卡', '商户', '钻石']

/** Uniform in [0, 1) from (x, salt): deterministic and parallel-safe, unlike random(). */
const u = (x: ReturnType<typeof sql>, salt: number) => sql`((hashint8extended(${x}, ${sql.lit(salt)}) & 281474976710655)::float8 / 281474976710656.0)`

type Step = (label: string, run: () => Promise<unknown>) => Promise<void>
const timed = (log: (line: string) => void): Step => async (label, run) => {
  const t0 = performance.now()
  await run()
  log(`  ${label.padEnd(44)} ${fmt((performance.now() - t0) / 1000)} s`)
}

/** Org, tags and live codes: small tables, one statement each. Branch b (1..10) is department b+1; its sub-branches 100b+1..100b+10. */
async function loadReferenceData(db: Kysely<any>, corpId: string) {
  await sql`insert into department (corp_id, id, name, parent_id) values (${corpId}::uuid, 1, '示例银行', 0) on conflict do nothing`.execute(db)
  await sql`insert into department (corp_id, id, name, parent_id)
    select ${corpId}::uuid, b + 1, (${BRANCH_NAMES}::text[])[b], 1 from generate_series(1, 10) b
    union all select ${corpId}::uuid, 100 * b + k, (${BRANCH_NAMES}::text[])[b] || '第' || k || '支行', b + 1 from generate_series(1, 10) b, generate_series(1, 10) k
    on conflict do nothing`.execute(db)
  // Employee i belongs to the branch whose cumulative weight first exceeds i; sub-branches round-robin.
  await sql`insert into employee (corp_id, wecom_user_id, name, department_ids, main_department_id)
    select ${corpId}::uuid, 'am' || lpad(i::text, 5, '0'), '客户经理' || i, array[d], d
    from generate_series(0, ${sql.lit(EMPLOYEE_COUNT - 1)}) i,
      lateral (select 100 * min(b) + 1 + i % 10 as d from generate_series(1, 10) b
        where (select sum(w) from unnest(${BRANCH_WEIGHTS}::int[]) with ordinality x(w, o) where o <= b) * ${sql.lit(EMPLOYEE_COUNT / 100)} > i) x
    on conflict do nothing`.execute(db)
  await sql`insert into tag_group (corp_id, wecom_group_id, name, "order")
    select ${corpId}::uuid, 'lg' || g, '标签组' || g, 100 - g from generate_series(1, 15) g on conflict do nothing`.execute(db)
  // Inserted in rank order, so tag.seq follows rank; wecom_tag_id 'lt<rank>' names the rank for the benchmark.
  await sql`insert into tag (corp_id, group_id, wecom_tag_id, name)
    select ${corpId}::uuid, (select id from tag_group where corp_id = ${corpId}::uuid and wecom_group_id = 'lg' || (1 + (r - 1) % 15)),
      'lt' || r, coalesce((${TOP_TAGS}::text[])[r], '标签' || lpad(r::text, 3, '0'))
    from generate_series(1, ${sql.lit(TAG_COUNT)}) r order by r on conflict do nothing`.execute(db)
  await sql`insert into live_code (corp_id, name, channel_group, state)
    select ${corpId}::uuid, '渠道' || k, (array['网点海报', '外呼', '公众号', '手机银行', '地推'])[1 + k % 5], 'lclarge' || k
    from generate_series(1, 20) k on conflict do nothing`.execute(db)
}

/** Tag rank (1..300) of draw j for customer i, log-uniform: P(rank r) ∝ 1/r (rank 1 on ~55 % of customers, rank 300 on ~0.3 %). */
const draw = (j: ReturnType<typeof sql>) => sql`t.seqs[floor(exp(${u(sql`i * 32 + ${j}`, 3)} * ln(${sql.lit(TAG_COUNT + 1)})))::int]`

/**
 * Customers numbered from..to, each with k = 3..15 tag draws (skewed low), duplicates merged. The few
 * left with fewer than 3 distinct tags take the lowest ranks of 12 more draws.
 */
const insertCustomers = (db: Kysely<any>, corpId: string, from: number, to: number, total: number) => sql`
  insert into customer (corp_id, external_user_id, name, gender, first_added_at, channel_live_code_id, tag_seqs)
  select ${corpId}::uuid, 'wmlarge' || lpad(i::text, 10, '0'), '客户' || i, (i % 3)::smallint,
    now() - interval '1095 days' * (1 - i::float8 / ${sql.lit(total)}) - interval '1 second' * (i % 86400),
    case when ${u(sql`i`, 2)} < 0.7 then lc.ids[1 + i % array_length(lc.ids, 1)] end,
    case when cardinality(d.seqs) >= 3 then d.seqs
      else (select subarray(uniq(sort(d.seqs || array_agg(${draw(sql`j`)}))), 1, 3) from generate_series(16, 27) j) end
  from generate_series(${from}::bigint, ${to}::bigint) i,
    (select array_agg(seq order by substr(wecom_tag_id, 3)::int) as seqs from tag where corp_id = ${corpId}::uuid and wecom_tag_id like 'lt%') t,
    (select array_agg(id order by state) as ids from live_code where corp_id = ${corpId}::uuid and state like 'lclarge%') lc,
    lateral (select uniq(sort(array_agg(${draw(sql`j`)}))) as seqs from generate_series(1, 3 + floor(power(${u(sql`i`, 4)}, 2) * 13)::int) j) d`.execute(db)

const externalId = (i: number) => `wmlarge${String(i).padStart(10, '0')}`
/** Our ids of customers numbered from..to (identity values; not assumed contiguous with earlier rows). */
async function idRange(db: Kysely<any>, corpId: string, from: number, to: number) {
  const { rows } = await sql<{ lo: string; hi: string }>`select min(id) as lo, max(id) as hi from customer
    where corp_id = ${corpId}::uuid and external_user_id between ${externalId(from)} and ${externalId(to)}`.execute(db)
  return [rows[0]!.lo, rows[0]!.hi] as const
}

/** customer_tag straight from each customer's tag_seqs, so both are consistent by construction. */
const insertCustomerTags = (db: Kysely<any>, corpId: string, from: string, to: string) => sql`
  insert into customer_tag (corp_id, customer_id, tag_id)
  select c.corp_id, c.id, t.id from customer c cross join unnest(c.tag_seqs) s(seq) join tag t on t.seq = s.seq
  where c.corp_id = ${corpId}::uuid and c.id between ${from} and ${to} order by c.id`.execute(db)

/** One follower each (uniform over employees, so branches differ in size like their staff); 10 % have a second, the next manager. */
const insertFollows = (db: Kysely<any>, corpId: string, from: string, to: string) => sql`
  insert into customer_follow (corp_id, customer_id, employee_id, added_at, state, live_code_id)
  select c.corp_id, c.id, e.ids[1 + (p.k + n) % ${sql.lit(EMPLOYEE_COUNT)}], c.first_added_at + interval '1 hour' * n, '', case when n = 0 then c.channel_live_code_id end
  from customer c, lateral (select floor(${u(sql`c.id`, 5)} * ${sql.lit(EMPLOYEE_COUNT)})::int as k) p,
    generate_series(0, case when ${u(sql`c.id`, 6)} < 0.1 then 1 else 0 end) n,
    (select array_agg(id order by wecom_user_id) as ids from employee where corp_id = ${corpId}::uuid and wecom_user_id like 'am%') e
  where c.corp_id = ${corpId}::uuid and c.id between ${from} and ${to} order by c.id, n`.execute(db)

/** Secondary indexes are dropped for the load and rebuilt once (sorted builds beat N random inserts). */
async function withoutSecondaryIndexes(db: Kysely<any>, step: Step, load: () => Promise<void>) {
  const indexes = (await sql<{ name: string; def: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indrelid
    where c.relname in ('customer', 'customer_tag', 'customer_follow') and c.relnamespace = 'public'::regnamespace
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`.execute(db)).rows
  for (const ix of indexes) await sql`drop index ${sql.id(ix.name)}`.execute(db)
  try {
    await load()
  } finally {
    for (const ix of indexes) await step(`index ${ix.name}`, () => sql.raw(ix.def).execute(db))
  }
}

/** Loads `n` customers into the corp; returns seconds taken. FK and sync triggers are off (data is consistent by construction). */
export async function loadLarge(db: Database, corpId: string, n: number, log: (line: string) => void = console.log): Promise<number> {
  const t0 = performance.now()
  const step = timed(log)
  await db.connection().execute(async (conn) => {
    await sql`set maintenance_work_mem = '1GB'; set synchronous_commit = off; set work_mem = '256MB'`.execute(conn)
    await disableTriggers(conn, log)
    try {
      await step('org, tags, live codes', () => loadReferenceData(conn, corpId))
      // A second run appends: numbering continues after the customers loaded before.
      const before = Number((await sql<{ n: string }>`select count(*) as n from customer where corp_id = ${corpId}::uuid and external_user_id like 'wmlarge%'`.execute(conn)).rows[0]!.n)
      await withoutSecondaryIndexes(conn, step, async () => {
        for (let from = before + 1; from <= before + n; from += CHUNK) {
          const to = Math.min(before + n, from + CHUNK - 1)
          await step(`customers ${from.toLocaleString()}–${to.toLocaleString()}`, () => insertCustomers(conn, corpId, from, to, before + n))
          const ids = await idRange(conn, corpId, from, to)
          await step('  their tags (customer_tag)', () => insertCustomerTags(conn, corpId, ...ids))
          await step('  their followers (customer_follow)', () => insertFollows(conn, corpId, ...ids))
        }
      })
    } finally {
      await enableTriggers(conn)
    }
    await step('vacuum analyze', () => sql`vacuum analyze customer, customer_tag, customer_follow, tag, employee`.execute(conn))
  })
  return (performance.now() - t0) / 1000
}

/** Segment bitmaps for every chunk: the load bypassed the triggers that mark chunks, so all are marked, then built as the job builds them. */
export async function buildBitmaps(db: Database, corpId: string): Promise<number> {
  const t0 = performance.now()
  await sql`insert into segment_bitmap_dirty (corp_id, chunk) select distinct corp_id, (id >> 16)::int from customer where corp_id = ${corpId}::uuid`.execute(db)
  await createSegmentBitmaps(db).flush(corpId)
  return (performance.now() - t0) / 1000
}

// session_replication_role = replica skips FK checks and user triggers but needs a superuser; an owner can still disable the sync triggers.
async function disableTriggers(conn: Kysely<any>, log: (line: string) => void) {
  try {
    await sql`set session_replication_role = replica`.execute(conn)
  } catch {
    log('  (not a superuser: foreign keys are checked row by row, which is slower)')
    await sql`alter table customer_tag disable trigger user`.execute(conn)
  }
}
async function enableTriggers(conn: Kysely<any>) {
  const { rows } = await sql<{ role: string }>`select current_setting('session_replication_role') as role`.execute(conn)
  if (rows[0]!.role === 'replica') await sql`set session_replication_role = origin`.execute(conn)
  else await sql`alter table customer_tag enable trigger user`.execute(conn)
}

export const databaseBytes = async (db: Database) =>
  Number((await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(db)).rows[0]!.n)

async function main() {
  const { values } = parseArgs({ options: { customers: { type: 'string', default: '1000000' }, dir: { type: 'string' }, serve: { type: 'boolean', default: false } } })
  const n = Number(values.customers)
  if (!Number.isInteger(n) || n < 1 || n > 10_000_000) throw new Error('--customers must be an integer from 1 to 10,000,000')
  let url = process.env.DATABASE_URL
  let stop = async () => {}
  if (!url) {
    const dir = values.dir ? resolve(values.dir) : await mkdtemp(join(tmpdir(), 'pond-large-'))
    await chmod(dir, 0o755)                     // as root, PostgreSQL runs as `postgres` and must reach its data dir
    const embedded = await startEmbeddedPostgres({ dir: join(dir, 'pg'), persistent: true })
    url = await ensureDatabase(embedded.url, 'pond')
    stop = embedded.stop
    console.log(`embedded PostgreSQL: ${url}  (data kept in ${join(dir, 'pg')}; reuse it with --dir ${dir})`)
  }
  const db = createDatabase(createPool(url, 2))
  try {
    await migrateToLatest(db)
    const corp = await sql<{ id: string }>`insert into corp (wecom_corp_id, name) values ('wwlargebank0000001', '示例银行（大数据）')
      on conflict (wecom_corp_id) do update set name = excluded.name returning id`.execute(db)
    console.log(`loading ${n.toLocaleString()} customers`)
    const seconds = await loadLarge(db, corp.rows[0]!.id, n)
    console.log(`  segment bitmaps                              ${fmt(await buildBitmaps(db, corp.rows[0]!.id))} s`)
    const bytes = await databaseBytes(db)
    const customers = Number((await sql<{ n: string }>`select count(*) as n from customer`.execute(db)).rows[0]!.n)
    console.log(`loaded ${n.toLocaleString()} customers in ${fmt(seconds)} s; database ${fmt(bytes / 2 ** 30, 2)} GiB = ${fmt(bytes / 2 ** 20 / (customers / 1e6), 0)} MiB per million customers`)
    if (values.serve) {
      console.log(`serving ${url} — Ctrl-C to stop`)
      await new Promise((r) => process.once('SIGINT', r))
    }
  } finally {
    await db.destroy()
    await stop()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
