// bench/customers-paging: the console's customer list on 1,000,000 customers (3 tags each, one follower),
// through Pond's own service: keyset pages at the start and deep in the list, with a tag filter and with
// an employee's data scope, against the same pages fetched by OFFSET in the same run.
import { sql } from 'kysely'
import { createApp } from '../../apps/server/src/app'
import type { Actor } from '../../apps/server/src/http/actor'
import { createLogger } from '../../apps/server/src/logger'
import { encodeCursor } from '../../apps/server/src/shared/cursor'
import { connectWeCom } from '../../apps/server/src/wecom/adapter'
import { benchDatabase } from './db'
import { BENCH_KEYS } from './keys'
import { fmt, medianMs, saveResult } from './lib'

const N = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000)
const { url, cleanup } = await benchDatabase('pond_bench_paging')
const app = await createApp({
  databaseUrl: url, log: createLogger('warn'), role: 'api',
  wecom: (db) => connectWeCom({ ...BENCH_KEYS, corpName: '压测银行', callbackToken: BENCH_KEYS.token, apiBaseUrl: 'http://127.0.0.1:9', isSandbox: true }, db),
})
const corpId = app.corp.id
try {
  const t0 = performance.now()
  await sql`insert into employee (corp_id, wecom_user_id, name, department_ids) select ${corpId}::uuid, 'emp' || i, '员工' || i, array[2 + i % 7] from generate_series(1, 500) i`.execute(app.db)
  await sql`insert into tag_group (corp_id, wecom_group_id, name) values (${corpId}::uuid, 'g1', '兴趣')`.execute(app.db)
  await sql`insert into tag (corp_id, group_id, wecom_tag_id, name) select ${corpId}::uuid, (select id from tag_group limit 1), 'et' || i, '标签' || i from generate_series(1, 200) i`.execute(app.db)
  await sql`insert into customer (corp_id, external_user_id, name, first_added_at)
    select ${corpId}::uuid, 'wm' || lpad(i::text, 30, '0'), '客户' || i, now() - (i % 730) * interval '1 day' - (i % 86400) * interval '1 second'
    from generate_series(1, ${N}) i`.execute(app.db)
  await sql`insert into customer_follow (corp_id, customer_id, employee_id, added_at)
    select c.corp_id, c.id, e.ids[1 + c.id % 500], c.first_added_at from customer c, (select array_agg(id order by id) ids from employee) e`.execute(app.db)
  // Three tags each, skewed: low tag numbers are common, high ones rare.
  await sql`insert into customer_tag (corp_id, customer_id, tag_id)
    select c.corp_id, c.id, t.ids[1 + k] from customer c, (select array_agg(id order by wecom_tag_id) ids from tag) t,
      lateral (select distinct (floor(power(((c.id * p) % 997) / 997.0, 2) * 200))::int as k from unnest(array[7, 13, 31]) p) ks
    on conflict do nothing`.execute(app.db)
  await sql`analyze`.execute(app.db)
  const loadSeconds = (performance.now() - t0) / 1000

  const admin: Actor = { corpId, userId: 'bench', username: 'bench', role: 'super_admin', scope: { kind: 'all' } }
  const someone = (await app.db.selectFrom('employee').select('id').where('wecomUserId', '=', 'emp7').executeTakeFirstOrThrow()).id
  const employee: Actor = { ...admin, role: 'employee', scope: { kind: 'employees', employeeIds: [someone] } }
  // A common tag (about one customer in ten): deep pages of it are where OFFSET hurts.
  const tagId = (await sql<{ tagId: string }>`select tag_id from customer_tag group by tag_id order by abs(count(*) - ${N / 10}) limit 1`.execute(app.db)).rows[0]!.tagId
  const deep = Math.floor(N / 2)
  const rowAt = async (offset: number, where = sql`true`) => (await sql<{ id: string; firstAddedAt: Date }>`
    select id, first_added_at from customer where ${where} order by first_added_at desc, id desc offset ${offset} limit 1`.execute(app.db)).rows[0]!
  const offsetPage = (offset: number, where = sql`true`) => sql`select * from customer where ${where} order by first_added_at desc, id desc offset ${offset} limit 20`.execute(app.db)

  const deepRow = await rowAt(deep)
  const tagWhere = sql`exists (select 1 from customer_tag t where t.customer_id = customer.id and t.tag_id = ${tagId}::uuid)`
  const tagDeep = Math.floor(Number((await sql<{ n: string }>`select count(*) n from customer_tag where tag_id = ${tagId}::uuid`.execute(app.db)).rows[0]!.n) / 2)
  const tagRow = await rowAt(tagDeep, tagWhere)
  const cases = {
    firstPage: await medianMs(9, () => app.customers.list(admin, { limit: 20 })),
    deepKeyset: await medianMs(9, () => app.customers.list(admin, { limit: 20, cursor: encodeCursor(deepRow.firstAddedAt, deepRow.id) })),
    deepOffset: await medianMs(5, () => offsetPage(deep)),
    tagFirstPage: await medianMs(9, () => app.customers.list(admin, { limit: 20, tagId })),
    tagDeepKeyset: await medianMs(9, () => app.customers.list(admin, { limit: 20, tagId, cursor: encodeCursor(tagRow.firstAddedAt, tagRow.id) })),
    tagDeepOffset: await medianMs(5, () => offsetPage(tagDeep, tagWhere)),
    employeeScopeFirstPage: await medianMs(9, () => app.customers.list(employee, { limit: 20 })),
  }
  const result = { benchmark: 'customers-paging', customers: N, loadSeconds: +fmt(loadSeconds), medianMs: Object.fromEntries(Object.entries(cases).map(([k, v]) => [k, +fmt(v, 2)])),
    deepRatio: +fmt(cases.deepOffset / cases.deepKeyset, 1), tagDeepRatio: +fmt(cases.tagDeepOffset / cases.tagDeepKeyset, 1) }
  console.log(`bench/customers-paging  ${N.toLocaleString()} customers (loaded in ${fmt(loadSeconds)} s), median ms of a 20-row page through the service`)
  for (const [k, v] of Object.entries(cases)) console.log(`  ${k.padEnd(24)} ${fmt(v, 2)} ms`)
  console.log(`  deep page (row ${deep.toLocaleString()}): keyset ${fmt(cases.deepKeyset, 2)} ms vs OFFSET ${fmt(cases.deepOffset, 2)} ms → ${result.deepRatio}× faster`)
  console.log(`  deep page with a tag filter: keyset ${fmt(cases.tagDeepKeyset, 2)} ms vs OFFSET ${fmt(cases.tagDeepOffset, 2)} ms → ${result.tagDeepRatio}× faster`)
  await saveResult('customers-paging', result)
} finally {
  await app.stop()
  await cleanup()
}
