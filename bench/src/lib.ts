import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Pool } from 'undici'

/** Runs `total` tasks with `concurrency` workers; returns each task's latency in ms and the wall time. */
export async function runConcurrent(total: number, concurrency: number, task: (i: number) => Promise<void>) {
  const latencies = new Float64Array(total)
  let next = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < total; i = next++) {
      const t0 = performance.now()
      await task(i)
      latencies[i] = performance.now() - t0
    }
  }))
  const seconds = (performance.now() - started) / 1000
  const sorted = [...latencies].sort((a, b) => a - b)
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
  return { seconds, perSecond: total / seconds, p50: pct(0.5), p99: pct(0.99) }
}

const pools = new Map<string, Pool>()

/** A keep-alive HTTP POST through undici (much lighter than node:http), so the sender costs the server little CPU. */
export async function post(url: URL, body: string, contentType = 'text/xml'): Promise<number> {
  const pool = pools.get(url.origin) ?? pools.set(url.origin, new Pool(url.origin, { connections: 64 })).get(url.origin)!
  const res = await pool.request({ method: 'POST', path: url.pathname + url.search, body, headers: { 'content-type': contentType } })
  await res.body.dump()
  return res.statusCode
}

export const closeHttp = async () => { for (const p of pools.values()) await p.close() }

export const fmt = (n: number, digits = 1) => n.toFixed(digits)

/** Writes a benchmark's figures to bench/results/<name>.json (not committed; the README quotes them). */
export async function saveResult(name: string, result: unknown) {
  const dir = join(import.meta.dirname, '..', 'results')
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, `${name}.json`), JSON.stringify(result, null, 2))
}

/** Median of `runs` timings of `fn`, in ms. */
export async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) { const t = performance.now(); await fn(); times.push(performance.now() - t) }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}
