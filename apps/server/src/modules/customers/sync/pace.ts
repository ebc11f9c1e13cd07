import { setTimeout as wait } from 'node:timers/promises'
import { refusalOf, type WeComRefusal } from '../../../wecom/port'

/** How a sync paces its WeCom calls; see {@link createPacer}. */
export interface PaceOptions {
  /** Most calls in flight at once; the pacer starts at `initial` and grows towards it. */
  maxConcurrency: number
  initial: number
  /** Tries of one call before it counts as failed. */
  attempts: number
  /** Back-off of the first retry; doubles each time (with jitter). 45009 waits 10× longer: its windows are a minute (CONTRACT §9.2). */
  baseDelayMs: number
  sleep?: (ms: number) => Promise<void>
}

export const DEFAULT_PACE: PaceOptions = { maxConcurrency: 6, initial: 2, attempts: 6, baseDelayMs: 500 }

/** What pacing cost, for the run's stats. */
export interface PaceStats { calls: number; retries: number; retries45033: number; retries45009: number; retriesBusy: number; concurrencyPeak: number; concurrencyEnd: number }

/** A call that still failed after its tries; carries WeCom's refusal (or errcode 0 for a non-WeCom error). */
export class PacedCallFailed extends Error {
  constructor(readonly refusal: WeComRefusal, readonly attempts: number) {
    super(`${refusal.errcode}: ${refusal.message}`)
  }
}

const RATE_CODES = new Set([-1, 45009, 45033])
const isRateRefusal = (errcode: number) => RATE_CODES.has(errcode)
/** 45009/45033 are about the corp's calls as a whole, not one request: splitting the request cannot help. */
export const isLimitRefusal = (errcode: number) => errcode === 45009 || errcode === 45033

/**
 * Runs calls with a concurrency limit that adapts like TCP's congestion window: it starts at `initial`
 * and grows by one per success (slow start) until WeCom first answers 45033 (too many concurrent calls);
 * from then on 45033 halves it and every `limit` successes in a row add one back (AIMD), up to
 * `maxConcurrency`. 45009 (frequency) pauses every call for a growing back-off; -1 (busy) retries the one
 * call. Other errors are not retried here. WeCom publishes no concurrency number (CONTRACT §9.2), so it is
 * found out.
 */
export function createPacer(opts: PaceOptions) {
  const sleep = opts.sleep ?? wait
  const stats: PaceStats = { calls: 0, retries: 0, retries45033: 0, retries45009: 0, retriesBusy: 0, concurrencyPeak: opts.initial, concurrencyEnd: opts.initial }
  let limit = opts.initial
  let inFlight = 0
  let streak = 0
  let congested = false
  let pausedUntil = 0
  const waiting: (() => void)[] = []

  const wake = () => { while (inFlight < limit && waiting.length) { inFlight++; waiting.shift()!() } }
  const acquire = () => new Promise<void>((resolve) => { waiting.push(resolve); wake() })
  const release = () => { inFlight--; wake() }
  const delay = (attempt: number, scale = 1) => Math.round(opts.baseDelayMs * scale * 2 ** attempt * (0.5 + Math.random() / 2))

  function onSuccess() {
    if (congested && ++streak < limit) return
    streak = 0
    limit = Math.min(opts.maxConcurrency, limit + 1)
    stats.concurrencyPeak = Math.max(stats.concurrencyPeak, limit)
  }

  async function run<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (pausedUntil > Date.now()) await sleep(pausedUntil - Date.now())
      await acquire()
      stats.calls++
      try {
        const value = await fn()
        onSuccess()
        return value
      } catch (err) {
        const refusal = refusalOf(err) ?? { errcode: 0, message: err instanceof Error ? err.message : String(err) }
        if (!isRateRefusal(refusal.errcode) || attempt + 1 >= opts.attempts) throw new PacedCallFailed(refusal, attempt + 1)
        stats.retries++
        streak = 0
        if (refusal.errcode === 45033) { stats.retries45033++; congested = true; limit = Math.max(1, Math.floor(limit / 2)) }
        if (refusal.errcode === 45009) { stats.retries45009++; pausedUntil = Math.max(pausedUntil, Date.now() + delay(attempt, 10)) }
        if (refusal.errcode === -1) stats.retriesBusy++
      } finally {
        release()
        stats.concurrencyEnd = limit
      }
      await sleep(delay(attempt))
    }
  }

  return { run, stats, get limit() { return limit } }
}
