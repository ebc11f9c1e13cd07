// bench/fission: a burst of helps — encrypted add_external_contact callbacks with initiators' personal
// States, hot initiators receiving hundreds at once — through the real path (callback → inbox → the
// fission batch handler storing the helpers → help, progress, prize; the paced profile reads from the WeCom
// sandbox meanwhile), timed until every help is processed. Both runs warm up first with 500 callbacks (the
// fission run's are helps to a warm-up activity of their own, processed before the burst). Compared in the same run with the bare callback
// rate (acknowledged and persisted, nothing processed): rounds of both alternate and the medians are compared,
// as this shared machine's rates move ±15–25 % from one run to the next. Fails if an invariant breaks in any
// round. Pond runs as one process (API and workers, as the demo does) or, with BENCH_FISSION_SPLIT=1, as
// `pond serve` + `pond worker` (two processes).
import { sql } from 'kysely'
import { createDatabase, createPool } from '../../apps/server/src/db/database'
import { invariantViolations } from '../../apps/server/src/modules/fission/repo'
import { benchDatabase } from './db'
import { benchCallbackCrypto, closeHttp, contactAddedXml, fmt, post, runConcurrent, saveResult, sealCallback, startChild } from './lib'

const HELPS = Number(process.env.BENCH_FISSION_HELPS ?? 20_000)
const INITIATORS = Number(process.env.BENCH_FISSION_INITIATORS ?? 1_000)
const HOT = Number(process.env.BENCH_FISSION_HOT ?? 5)
const HOT_HELPS = Number(process.env.BENCH_FISSION_HOT_HELPS ?? 300)
const STOCK = Number(process.env.BENCH_FISSION_STOCK ?? 100)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const SPLIT = process.env.BENCH_FISSION_SPLIT === '1'
const ROUNDS = Number(process.env.BENCH_FISSION_ROUNDS ?? 3)
const REPEAT_EVERY = 20          // every 20th help is the previous helper scanning again: refused, not counted
const TIER1_THRESHOLD = 3        // with STOCK prizes, so it runs out of stock
const TOP_THRESHOLD = 20         // tier 2
const WARM_UP = 500              // callbacks each run sends before it measures (JIT, connections, caches): the fission run's are helps

const crypto = benchCallbackCrypto()
const sendTo = (base: URL) => async (c: { path: string; body: string }) => {
  const status = await post(new URL(c.path, base), c.body)
  if (status !== 200) throw new Error(`callback answered ${status}`)
}

/** The bare rate: the same number of callbacks acknowledged and persisted by the API role, nothing processed. */
async function bareCallbackRate() {
  const { url: databaseUrl, cleanup } = await benchDatabase('pond_bench_fission_bare')
  const server = await startChild('callback-server.ts', [databaseUrl])
  try {
    const base = new URL(server.lines[0]!)
    const load = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => sealCallback(crypto, contactAddedXml({
      userid: 'zhangsan', externalUserId: `wm${prefix}${String(i).padStart(28, '0')}`, state: 'lcBenchState0000000000', createTime: 1_790_000_000 + i,
    }), i))
    const warm = load(WARM_UP, 'W')
    await runConcurrent(warm.length, CONCURRENCY, (i) => sendTo(base)(warm[i]!))
    const calls = load(HELPS, 'B')
    return await runConcurrent(calls.length, CONCURRENCY, (i) => sendTo(base)(calls[i]!))
  } finally {
    await server.stop()
    await cleanup()
  }
}

/** Which initiator and helper each help is: hot initiators' helps first (they arrive at once), then round-robin. */
function plan() {
  const hotHelps = Math.min(HOT * HOT_HELPS, HELPS)
  let nextHelper = 0
  const helps: { initiator: number; helper: number }[] = []
  for (let k = 0; k < HELPS; k++) {
    // New helpers take the initiators in turn (a repeat takes no turn, so no initiator is skipped).
    const n = nextHelper
    const initiator = k < hotHelps ? n % HOT : HOT + n % (INITIATORS - HOT)
    const repeat = k % REPEAT_EVERY === REPEAT_EVERY - 1
    helps.push(repeat ? helps[k - 1]! : { initiator, helper: nextHelper++ })
  }
  // Valid helps: each distinct helper once, up to the top tier per initiator (later ones find it finished).
  const perInitiator = new Map<number, number>()
  for (let k = 0; k < HELPS; k++) if (k % REPEAT_EVERY !== REPEAT_EVERY - 1) perInitiator.set(helps[k]!.initiator, (perInitiator.get(helps[k]!.initiator) ?? 0) + 1)
  const validHelps = [...perInitiator.values()].reduce((sum, n) => sum + Math.min(n, TOP_THRESHOLD), 0)
  const tier1Completers = [...perInitiator.values()].filter((n) => n >= TIER1_THRESHOLD).length
  return { helps, distinctHelpers: nextHelper, validHelps, tier1Prizes: Math.min(STOCK, tier1Completers) }
}

async function fissionBurst() {
  const { helps, distinctHelpers, validHelps, tier1Prizes } = plan()
  const { url: databaseUrl, cleanup } = await benchDatabase('pond_bench_fission')
  const setupStarted = performance.now()
  const wecom = await startChild('fission-server.ts', [databaseUrl, String(INITIATORS), String(distinctHelpers), String(STOCK), String(TIER1_THRESHOLD), String(TOP_THRESHOLD), String(WARM_UP)], 2)
  const setupSeconds = (performance.now() - setupStarted) / 1000
  const worker = SPLIT ? await startChild('callback-server.ts', [databaseUrl, 'worker', wecom.lines[0]!]) : undefined
  const server = await startChild('callback-server.ts', [databaseUrl, SPLIT ? 'api' : 'all', wecom.lines[0]!]).catch(async (err: unknown) => { await worker?.stop(); await wecom.stop(); throw err })
  const pool = createPool(databaseUrl, 4)
  const db = createDatabase(pool)
  try {
    const base = new URL(server.lines[0]!)
    const setup = JSON.parse(wecom.lines[1]!) as {
      activityId: string; states: string[]; helpers: { externalUserId: string; userid: string }[]
      warm: { states: string[]; helpers: { externalUserId: string; userid: string }[] }
    }
    // Processed = the handler's transaction committed (help recorded, progress and prize updated, inbox row marked).
    const drained = async () => {
      const until = Date.now() + 15 * 60_000
      for (;;) {
        const { rows: [r] } = await sql<{ open: number; failing: number }>`select count(*) filter (where processed_at is null)::int as open,
          count(*) filter (where processed_at is null and last_error is not null)::int as failing from inbox_event`.execute(db)
        if (r!.open === 0) return
        if (Date.now() > until) throw new Error(`${r!.open} callbacks still unprocessed (${r!.failing} failing) after 15 minutes`)
        await new Promise((res) => setTimeout(res, 200))
      }
    }
    // Each help's CreateTime is distinct (it finds the send time again) and inside the activity's window.
    const firstCreateTime = Math.floor(Date.now() / 1000) - HELPS
    const warm = setup.warm.helpers.map((h, i) => sealCallback(crypto, contactAddedXml({
      ...h, state: setup.warm.states[i % setup.warm.states.length]!, createTime: firstCreateTime - WARM_UP + i,
    }), HELPS + i))
    await runConcurrent(warm.length, CONCURRENCY, (i) => sendTo(base)(warm[i]!))
    await drained()
    const calls = helps.map((h, k) => sealCallback(crypto, contactAddedXml({
      ...setup.helpers[h.helper]!, state: setup.states[h.initiator]!, createTime: firstCreateTime + k,
    }), k))
    const before = await sql<{ n: number }>`select count(*)::int as n from inbox_event`.execute(db)
    const sentAt = new Float64Array(HELPS)
    const started = Date.now()
    const acks = await runConcurrent(HELPS, CONCURRENCY, async (k) => { sentAt[k] = Date.now(); await sendTo(base)(calls[k]!) })
    await drained()
    const { rows } = await sql<{ createTime: string; processedAt: Date }>`select substring(payload from '<CreateTime>(\\d+)</CreateTime>') as create_time, processed_at
      from inbox_event order by id offset ${before.rows[0]!.n}`.execute(db)
    const latencies = rows.map((r) => r.processedAt.getTime() - sentAt[Number(r.createTime) - firstCreateTime]!).sort((a, b) => a - b)
    if (latencies.length !== HELPS || latencies.some((l) => Number.isNaN(l))) throw new Error(`found ${latencies.length} of ${HELPS} helps in the inbox`)
    const lastProcessed = Math.max(...rows.map((r) => r.processedAt.getTime()))
    const seconds = (lastProcessed - started) / 1000
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!

    const violations = await invariantViolations(db, setup.activityId)
    const { rows: [check] } = await sql<{ counted: number; distinctCounted: number; refused: number; doublePrizes: number; reserved: number; outOfStock: number; stockLeft: number }>`select
      (select count(*)::int from fission_help where activity_id = ${setup.activityId} and status = 'counted') as counted,
      (select count(distinct helper_external_user_id)::int from fission_help where activity_id = ${setup.activityId} and status = 'counted') as distinct_counted,
      (select count(*)::int from fission_help where activity_id = ${setup.activityId} and status <> 'counted') as refused,
      (select count(*)::int from (select 1 from fission_completion where activity_id = ${setup.activityId} group by participant_id, level having count(*) > 1) d) as double_prizes,
      (select count(*)::int from fission_completion where activity_id = ${setup.activityId} and level = 1 and status = 'reserved') as reserved,
      (select count(*)::int from fission_completion where activity_id = ${setup.activityId} and level = 1 and status = 'out_of_stock') as out_of_stock,
      (select min(stock_left)::int from fission_tier where activity_id = ${setup.activityId}) as stock_left`.execute(db)
    const { rows: refusals } = await sql<{ reason: string; n: number }>`select coalesce(reason, status::text) as reason, count(*)::int as n
      from fission_help where activity_id = ${setup.activityId} and status <> 'counted' group by 1 order by 2 desc`.execute(db)
    const problems = [
      ...violations.counts.map((c) => `participant ${c.id}: help_count ${c.helpCount} ≠ ${c.counted} counted helps`),
      ...violations.stock.map((s) => `tier ${s.level}: stock_left ${s.stockLeft} of ${s.stockTotal} with ${s.prizes} prizes`),
      ...(check!.counted !== validHelps ? [`${check!.counted} counted helps for ${validHelps} valid ones`] : []),
      ...(check!.distinctCounted !== check!.counted ? [`a helper counted twice`] : []),
      ...(check!.doublePrizes > 0 ? [`${check!.doublePrizes} double prizes`] : []),
      ...(check!.stockLeft < 0 ? [`stock below zero`] : []),
      ...(check!.reserved !== tier1Prizes ? [`${check!.reserved} tier-1 prizes reserved, ${tier1Prizes} expected`] : []),
    ]
    return { setupSeconds, acks, seconds, perSecond: HELPS / seconds, p50: pct(0.5), p99: pct(0.99), max: latencies[latencies.length - 1]!, check: { ...check!, refusals: Object.fromEntries(refusals.map((r) => [r.reason, r.n])) }, problems }
  } finally {
    await db.destroy()
    await server.stop()
    await worker?.stop()
    await wecom.stop()
    await cleanup()
  }
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!

async function main() {
  try {
    console.log(`bench/fission  ${HELPS} helps over ${INITIATORS} initiators (${HOT} hot with ${HOT_HELPS} each, first), tier-1 stock ${STOCK}, ${CONCURRENCY} concurrent senders; Pond as ${SPLIT ? 'serve + worker' : 'one process'}; ${ROUNDS} rounds of each, alternating`)
    const rounds: { bare: Awaited<ReturnType<typeof bareCallbackRate>>; fission: Awaited<ReturnType<typeof fissionBurst>> }[] = []
    for (let r = 1; r <= ROUNDS; r++) {
      const bare = await bareCallbackRate()
      const fission = await fissionBurst()
      rounds.push({ bare, fission })
      console.log(`  round ${r}: bare ${fmt(bare.perSecond, 0)}/s (p99 ${fmt(bare.p99, 1)} ms); fission ${fmt(fission.perSecond, 0)}/s processed in ${fmt(fission.seconds, 1)} s, ` +
        `send → processed p50 ${fmt(fission.p50, 0)} / p99 ${fmt(fission.p99, 0)} ms; invariants ${fission.problems.length === 0 ? 'hold' : fission.problems.join('; ')}`)
    }
    const bare = median(rounds.map((r) => r.bare.perSecond))
    const processed = median(rounds.map((r) => r.fission.perSecond))
    const ratio = processed / bare
    const problems = rounds.flatMap((r) => r.fission.problems)
    const last = rounds.at(-1)!.fission
    const result = {
      benchmark: 'fission', pond: SPLIT ? 'serve + worker' : 'one process', helps: HELPS, initiators: INITIATORS, hot: { initiators: HOT, helpsEach: HOT_HELPS }, tier1Stock: STOCK, concurrency: CONCURRENCY,
      rounds: rounds.map(({ bare: b, fission: f }) => ({
        bare: { perSecond: Math.round(b.perSecond), p99Ms: +fmt(b.p99, 2) },
        fission: {
          processedPerSecond: Math.round(f.perSecond), seconds: +fmt(f.seconds, 1), acknowledgedPerSecond: Math.round(f.acks.perSecond),
          sendToProcessedMs: { p50: Math.round(f.p50), p99: Math.round(f.p99), max: Math.round(f.max) }, setupSeconds: +fmt(f.setupSeconds, 1),
        },
      })),
      median: { barePerSecond: Math.round(bare), processedPerSecond: Math.round(processed) },
      outcome: last.check, invariantProblems: problems,
      ratio: +fmt(ratio, 3), target: { ratio: 0.5 }, met: ratio >= 0.5 && problems.length === 0,
    }
    console.log(`  bare callbacks   ${fmt(bare, 0)}/s acknowledged and persisted (nothing processed), median of ${ROUNDS}`)
    console.log(`  fission helps    ${fmt(processed, 0)}/s processed, median of ${ROUNDS}`)
    console.log(`  outcome          ${last.check.counted} counted, ${last.check.refused} refused ${JSON.stringify(last.check.refusals)}; tier 1: ${last.check.reserved} prizes, ${last.check.outOfStock} out of stock`)
    console.log(`  invariants       ${problems.length === 0 ? 'hold in every round' : problems.join('; ')}`)
    console.log(`  ratio processed/bare = ${fmt(ratio, 3)}  (target ≥ 0.5) → ${ratio >= 0.5 ? 'met' : 'NOT met'}`)
    await saveResult('fission', result)
    if (problems.length > 0) process.exitCode = 1
  } finally {
    await closeHttp()
  }
}

await main()
