import { createCallbackCrypto } from '@pond/wecom'
import { spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Pool } from 'undici'
import { BENCH_KEYS } from './keys'

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

/**
 * Runs a bench server script in its own process (so senders do not share its event loop) and waits for the
 * first `lines` lines it prints on stdout (its URL first).
 */
export async function startChild(script: string, args: string[], lines = 1) {
  // BENCH_CHILD_NODE_FLAGS (e.g. --cpu-prof) profiles the server under test.
  const flags = process.env.BENCH_CHILD_NODE_FLAGS?.split(' ').filter(Boolean) ?? []
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', join(import.meta.dirname, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const printed: string[] = []
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => { if (printed.push(l) === lines) resolve() })
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
  })
  return { lines: printed, stop: () => new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGTERM') }) }
}

/** A callback request exactly as WeCom seals it (CONTRACT §2.3), under the bench's keys; `i` varies the timestamp and nonce. */
export function sealCallback(crypto: ReturnType<typeof createCallbackCrypto>, xml: string, i: number) {
  const encrypt = crypto.encrypt(xml)
  const ts = String(1_790_000_000 + i), nonce = String(100000 + i)
  return {
    path: `/wecom/callback?msg_signature=${crypto.sign(ts, nonce, encrypt)}&timestamp=${ts}&nonce=${nonce}`,
    body: `<xml><ToUserName><![CDATA[${BENCH_KEYS.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
  }
}

export const benchCallbackCrypto = () => createCallbackCrypto({ token: BENCH_KEYS.token, encodingAESKey: BENCH_KEYS.encodingAESKey, receiveId: BENCH_KEYS.corpId })

/** An add_external_contact event as WeCom sends it (with a WelcomeCode when the employee may greet). */
export const contactAddedXml = (e: { userid: string; externalUserId: string; state: string; createTime: number; welcomeCode?: string }) =>
  `<xml><ToUserName><![CDATA[${BENCH_KEYS.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${e.createTime}</CreateTime>` +
  `<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType>` +
  `<UserID><![CDATA[${e.userid}]]></UserID><ExternalUserID><![CDATA[${e.externalUserId}]]></ExternalUserID>` +
  `<State><![CDATA[${e.state}]]></State>${e.welcomeCode === undefined ? '' : `<WelcomeCode><![CDATA[${e.welcomeCode}]]></WelcomeCode>`}</xml>`
