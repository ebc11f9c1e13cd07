// bench/callbacks: encrypted add_external_contact callbacks from concurrent senders into the running
// server, against the physical limit of "store before acknowledging": the same rows inserted straight
// through a database pool at the same concurrency, in the same run. Prints ours / limit.
import pg from 'pg'
import { benchDatabase } from './db'
import { benchCallbackCrypto, closeHttp, contactAddedXml, fmt, post, runConcurrent, saveResult, sealCallback, startChild } from './lib'

const TOTAL = Number(process.env.BENCH_CALLBACKS ?? 20_000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const WARMUP = 500
const ROUNDS = 3

function sealedCallbacks(n: number, prefix: string) {
  const crypto = benchCallbackCrypto()
  return Array.from({ length: n }, (_, i) => {
    const xml = contactAddedXml({ userid: 'zhangsan', externalUserId: `wm${prefix}${String(i).padStart(28, '0')}`, state: 'lcBenchState0000000000', createTime: 1_790_000_000 + i, welcomeCode: `WELCOME${i}` })
    return { xml, ...sealCallback(crypto, xml, i) }
  })
}

async function main() {
  const { url: databaseUrl, cleanup } = await benchDatabase('pond_bench_callbacks')
  const server = await startChild('callback-server.ts', [databaseUrl])
  try {
    const warm = sealedCallbacks(WARMUP, 'W')
    const target = new URL(server.lines[0]!)
    const send = (c: { path: string; body: string }) => async () => {
      const status = await post(new URL(c.path, target), c.body)
      if (status !== 200) throw new Error(`callback answered ${status}`)
    }
    await runConcurrent(WARMUP, CONCURRENCY, (i) => send(warm[i]!)())

    const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 })
    await pool.query('create table bench_inbox (like inbox_event including all)')
    const { rows: [{ corp_id: corpId }] } = await pool.query('select corp_id from inbox_event limit 1')
    // Rounds alternate ours / limit so both see the same machine; medians of each are compared.
    const perRound = Math.ceil(TOTAL / ROUNDS)
    const oursRuns: Awaited<ReturnType<typeof runConcurrent>>[] = []
    const limitRuns: Awaited<ReturnType<typeof runConcurrent>>[] = []
    for (let r = 0; r < ROUNDS; r++) {
      const load = sealedCallbacks(perRound, `L${r}`)
      oursRuns.push(await runConcurrent(perRound, CONCURRENCY, (i) => send(load[i]!)()))
      const { rows: [{ n }] } = await pool.query(`select count(*)::int as n from inbox_event where payload like $1`, [`%wmL${r}%`])
      if (n !== perRound) throw new Error(`persisted ${n} of ${perRound} acknowledged callbacks`)
      // The limit: the same rows (same payload, same unique key) inserted directly, same concurrency.
      limitRuns.push(await runConcurrent(perRound, CONCURRENCY, async (i) => {
        await pool.query(`insert into bench_inbox (corp_id, dedupe_key, event, change_type, payload) values ($1, md5($2), 'change_external_contact', 'add_external_contact', $2)
          on conflict (corp_id, dedupe_key) do nothing`, [corpId, load[i]!.xml])
      }))
    }
    await pool.end()
    const median = (runs: typeof oursRuns) => [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)]!
    const ours = median(oursRuns)
    const limit = median(limitRuns)
    const ratio = ours.perSecond / limit.perSecond
    const result = {
      benchmark: 'callbacks', total: TOTAL, rounds: ROUNDS, concurrency: CONCURRENCY,
      roundsPerSecond: { ours: oursRuns.map((r) => Math.round(r.perSecond)), limit: limitRuns.map((r) => Math.round(r.perSecond)) },
      ours: { perSecond: Math.round(ours.perSecond), p50Ms: +fmt(ours.p50, 2), p99Ms: +fmt(ours.p99, 2) },
      limit: { perSecond: Math.round(limit.perSecond), p99Ms: +fmt(limit.p99, 2) },
      ratio: +fmt(ratio, 3),
      targets: { ratio: 0.5, p99Ms: 50, perSecond: 2000 },
      met: ratio >= 0.5 && ours.p99 < 50 && ours.perSecond >= 2000,
    }
    console.log(`bench/callbacks  ${TOTAL} callbacks in ${ROUNDS} rounds alternating with the limit, ${CONCURRENCY} concurrent senders (medians)`)
    console.log(`  ours   ${fmt(ours.perSecond, 0)} callbacks/s acknowledged and persisted, p50 ${fmt(ours.p50, 2)} ms, p99 ${fmt(ours.p99, 2)} ms`)
    console.log(`  limit  ${fmt(limit.perSecond, 0)} rows/s straight through the pool, p99 ${fmt(limit.p99, 2)} ms`)
    console.log(`  ratio ours/limit = ${fmt(ratio, 3)}  (target ≥ 0.5; p99 < 50 ms; ≥ 2000/s) → ${result.met ? 'met' : 'NOT met'}`)
    await saveResult('callbacks', result)
  } finally {
    await closeHttp()
    await server.stop()
    await cleanup()
  }
}

await main()
