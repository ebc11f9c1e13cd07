// bench/segments: count and materialise a segment on 1M and 10M customers (seed:large's bank), through
// Pond's segments service: a nested expression of five tag terms with a NOT, seen by the manager of the
// largest branch (department-subtree data scope). Baseline in the same run, rounds alternating: the same
// question written as EXISTS over customer_tag, with the same scope condition.
//   BENCH_SEGMENT_SIZES=1000000 npm run bench:segments      (default 1000000,10000000)
import type { ExpressionBuilder } from 'kysely'
import { createApp } from '../../apps/server/src/app'
import type { DB } from '../../apps/server/src/db/types'
import { systemActor, type Actor } from '../../apps/server/src/http/actor'
import { createLogger } from '../../apps/server/src/logger'
import { createSegmentsService } from '../../apps/server/src/modules/customers'
import { inScope } from '../../apps/server/src/modules/customers/repo'
import { countAudience } from '../../apps/server/src/modules/customers/segments/repo'
import { isLeaf, type TagExpr } from '../../apps/server/src/modules/customers/segments/expression'
import { connectWeCom } from '../../apps/server/src/wecom/adapter'
import { benchDatabase } from './db'
import { BENCH_KEYS } from './keys'
import { fmt, saveResult } from './lib'
import { buildBitmaps, databaseBytes, loadLarge } from './seed-large'

const SIZES = (process.env.BENCH_SEGMENT_SIZES ?? '1000000,10000000').split(',').map(Number)
/** Five tag terms, one NOT; with seed:large's skew it selects ~28 % of customers, ~9 % inside the branch. */
const EXPRESSION = '(借记卡 OR 理财) AND (手机银行 OR 信用卡) AND NOT 沉默'
/** seed:large's largest branch (省分行营业部, 35 % of account managers). */
const BRANCH = 2
const ROUNDS = 5

/** The baseline: one EXISTS over customer_tag per tag term, combined as the expression says. */
function viaJoinTable(eb: ExpressionBuilder<DB, 'customer'>, e: TagExpr): ReturnType<typeof eb.and> {
  if (isLeaf(e)) {
    return eb.and([eb.exists(eb.selectFrom('customerTag as t').select(eb.lit(1).as('one'))
      .whereRef('t.customerId', '=', 'customer.id').where('t.tagId', '=', e.tag))])
  }
  if (e.op === 'not') return eb.and([eb.not(viaJoinTable(eb, e.args[0]))])
  return e.op === 'and' ? eb.and(e.args.map((a) => viaJoinTable(eb, a))) : eb.or(e.args.map((a) => viaJoinTable(eb, a)))
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now()
  const value = await fn()
  return [performance.now() - t0, value]
}

/** A fresh database with n customers, Pond's segments service, and the two actors. */
async function prepare(n: number) {
  const { url, cleanup } = await benchDatabase(`pond_bench_segments_${n}`)
  const app = await createApp({
    databaseUrl: url, log: createLogger('warn'), role: 'api',
    wecom: (db) => connectWeCom({ ...BENCH_KEYS, corpName: '压测银行', callbackToken: BENCH_KEYS.token, apiBaseUrl: 'http://127.0.0.1:9', isSandbox: true }, db),
  })
  const corpId = app.corp.id
  console.log(`\n${n.toLocaleString()} customers: loading (seed:large)`)
  const loadSeconds = await loadLarge(app.db, corpId, n, () => {})
  const bitmapSeconds = await buildBitmaps(app.db, corpId)
  const segments = createSegmentsService({ db: app.db, org: app.org, channels: { idsOfGroup: (c, g) => app.acquisition.idsOfGroup(c, g) } })
  const admin = systemActor(corpId)
  const manager: Actor = { corpId, userId: 'bench', username: 'bench', role: 'department_manager', scope: { kind: 'employees', employeeIds: await app.org.employeeIdsInSubtree(corpId, BRANCH), departmentIds: [BRANCH] } }
  const someone = (await app.db.selectFrom('employee').select('id').where('corpId', '=', corpId).where('wecomUserId', '=', 'am00007').executeTakeFirstOrThrow()).id
  const employee: Actor = { ...manager, role: 'employee', scope: { kind: 'employees', employeeIds: [someone] } }
  const saved = await segments.create(admin, { name: '压测人群', expression: EXPRESSION, filters: {} })
  const baselineWhere = (eb: ExpressionBuilder<DB, 'customer'>) =>
    eb.and([eb('customer.corpId', '=', corpId), inScope(eb, manager.scope), viaJoinTable(eb, saved.definition.expression!)])
  return { app, corpId, cleanup, loadSeconds, bitmapSeconds, segments, admin, manager, employee, segmentId: saved.id, baselineWhere }
}
type Bench = Awaited<ReturnType<typeof prepare>>

/** Pond's count and the baseline's, alternating; both must agree. */
async function counts(b: Bench) {
  const baselineCount = async () => Number((await b.app.db.selectFrom('customer').select((eb) => eb.fn.countAll<string>().as('n')).where(b.baselineWhere).executeTakeFirstOrThrow()).n)
  const ours: number[] = [], baseline: number[] = [], admin: number[] = [], employee: number[] = []
  let audience = 0
  for (let r = 0; r < ROUNDS; r++) {
    const [ms, reply] = await timed(() => b.segments.count(b.manager, { expression: EXPRESSION, filters: {} }))
    ours.push(ms)
    audience = reply.count
    admin.push((await timed(() => b.segments.count(b.admin, { expression: EXPRESSION, filters: {} })))[0])
    employee.push((await timed(() => b.segments.count(b.employee, { expression: EXPRESSION, filters: {} })))[0])
    if (r >= 3) continue                               // the baseline takes ~30 s a round at 10M: three rounds
    const [bms, bcount] = await timed(baselineCount)
    if (bcount !== audience) throw new Error(`baseline counted ${bcount}, Pond ${audience}`)
    baseline.push(bms)
  }
  return { audience, ours, baseline, admin, employee, ...await otherCounts(b, audience) }
}

/**
 * Two more figures: the SQL path (intarray GIN + the scope's EXISTS, what Pond counted with before the
 * bitmaps and still uses for filters without keys), and a count right after a tag change, which has one
 * dirty chunk to rebuild first.
 */
async function otherCounts(b: Bench, audience: number) {
  const sqlPath: number[] = [], afterChange: number[] = []
  const audienceOf = { corpId: b.corpId, scope: b.manager.scope, tagQuery: await tagQueryOf(b) }
  for (let r = 0; r < 3; r++) {
    const [ms, n] = await timed(() => countAudience(b.app.db, audienceOf))
    if (n !== audience) throw new Error(`SQL path counted ${n}, bitmaps ${audience}`)
    sqlPath.push(ms)
  }
  const tag = await b.app.db.selectFrom('tag').select('id').where('corpId', '=', b.corpId).where('name', '=', '标签300').executeTakeFirstOrThrow()
  for (let r = 0; r < 3; r++) {
    await b.app.db.insertInto('customerTag').values({ corpId: b.corpId, customerId: String(1000 + r), tagId: tag.id }).onConflict((oc) => oc.doNothing()).execute()
    afterChange.push((await timed(() => b.segments.count(b.manager, { expression: EXPRESSION, filters: {} })))[0])
  }
  return { sqlPath, afterChange }
}

const tagQueryOf = async (b: Bench) => {
  const rows = await b.app.db.selectFrom('tag').select(['name', 'seq']).where('corpId', '=', b.corpId).execute()
  const seq = new Map(rows.map((r) => [r.name, r.seq]))
  return EXPRESSION.replace(/NOT /g, '!').replace(/AND/g, '&').replace(/OR/g, '|').replace(/[^\s()&|!]+/gu, (name) => String(seq.get(name)))
}

/** Pond's materialisation (replace semantics, so rounds 2+ also delete the previous members), then the baseline's once. */
async function materialisations(b: Bench, audience: number) {
  const ours: number[] = []
  for (let r = 0; r < 3; r++) {
    const [ms, reply] = await timed(() => b.segments.materialize(b.manager, b.segmentId))
    if (reply.count !== audience) throw new Error(`materialised ${reply.count}, counted ${audience}`)
    ours.push(ms)
  }
  const [baseline] = await timed(() => b.app.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('segmentMember').where('segmentId', '=', b.segmentId).execute()
    await tx.insertInto('segmentMember').columns(['corpId', 'segmentId', 'customerId']).expression(tx.selectFrom('customer')
      .select((eb) => [eb.val(b.corpId).as('corpId'), eb.val(b.segmentId).as('segmentId'), 'customer.id']).where(b.baselineWhere)).execute()
  }))
  return { ours, baseline }
}

async function benchSize(n: number) {
  const b = await prepare(n)
  try {
    const bytes = await databaseBytes(b.app.db)
    const c = await counts(b)
    const m = await materialisations(b, c.audience)
    const row = {
      customers: n, loadSeconds: +fmt(b.loadSeconds), databaseGiB: +fmt(bytes / 2 ** 30, 2), mibPerMillion: +fmt(bytes / 2 ** 20 / (n / 1e6), 0),
      audience: c.audience, countMs: +fmt(median(c.ours), 1), baselineCountMs: +fmt(median(c.baseline), 1), countRatio: +fmt(median(c.baseline) / median(c.ours), 1),
      materialiseMs: +fmt(median(m.ours), 0), baselineMaterialiseMs: +fmt(m.baseline, 0), materialiseRatio: +fmt(m.baseline / median(m.ours), 1),
      bitmapBuildSeconds: +fmt(b.bitmapSeconds), sqlPathCountMs: +fmt(median(c.sqlPath), 1), countAfterChangeMs: +fmt(median(c.afterChange), 1),
      adminCountMs: +fmt(median(c.admin), 1), employeeCountMs: +fmt(median(c.employee), 1),
      rounds: { countMs: c.ours.map((x) => +fmt(x, 1)), baselineCountMs: c.baseline.map((x) => +fmt(x, 1)), materialiseMs: m.ours.map((x) => +fmt(x, 0)) },
    }
    console.log(`  bitmaps built in ${row.bitmapBuildSeconds} s; SQL path (GIN + scope EXISTS) counts in ${row.sqlPathCountMs} ms; a count right after a tag change ${row.countAfterChangeMs} ms`)
    console.log(`  loaded in ${row.loadSeconds} s; database ${row.databaseGiB} GiB = ${row.mibPerMillion} MiB per million customers`)
    console.log(`  audience: ${c.audience.toLocaleString()} customers (${EXPRESSION}, manager of branch ${BRANCH})`)
    console.log(`  count        Pond ${row.countMs} ms  vs  EXISTS over customer_tag ${row.baselineCountMs} ms  → ${row.countRatio}× faster`)
    console.log(`  materialise  Pond ${row.materialiseMs} ms  vs  baseline ${row.baselineMaterialiseMs} ms  → ${row.materialiseRatio}× faster`)
    console.log(`  the same count with the whole corp in scope (admin): ${row.adminCountMs} ms; as one account manager: ${row.employeeCountMs} ms`)
    return row
  } finally {
    await b.app.stop()
    await b.cleanup()
  }
}

const results = []
for (const n of SIZES) results.push(await benchSize(n))
await saveResult('segments', { benchmark: 'segments', expression: EXPRESSION, scope: `department ${BRANCH} subtree`, sizes: results })
