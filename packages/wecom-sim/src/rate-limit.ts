import { wecomError } from './errors'
import type { Clock } from './types'

export interface RateLimitOptions {
  perMinutePerApi?: number
  concurrencyPerApi?: number
  /** Length of the 45009 window; WeCom's is a minute (CONTRACT §9.2), tests shorten it. */
  windowMs?: number
}

/** Per-API minute counters (45009) and in-flight counters (45033), both off unless configured (CONTRACT §9.3). */
export class RateLimiter {
  private readonly minute = new Map<string, { window: number; count: number }>()
  private readonly inFlight = new Map<string, number>()

  constructor(
    private opts: RateLimitOptions,
    private readonly clock: Clock,
  ) {}

  /** Replaces the limits while the sim runs; calls in flight keep counting. */
  configure(opts: RateLimitOptions): void {
    this.opts = opts
    this.minute.clear()
  }

  /** Admits one call of `api` or throws; every admitted call must be matched by leave(). */
  enter(api: string): void {
    const { perMinutePerApi: perMinute, concurrencyPerApi: concurrency } = this.opts
    if (perMinute !== undefined) {
      const window = Math.floor(this.clock.now() / (this.opts.windowMs ?? 60_000))
      const counter = this.minute.get(api)
      const current = counter && counter.window === window ? counter : { window, count: 0 }
      if (current.count >= perMinute) throw wecomError(45009)
      current.count++
      this.minute.set(api, current)
    }
    const running = this.inFlight.get(api) ?? 0
    if (concurrency !== undefined && running >= concurrency) throw wecomError(45033)
    this.inFlight.set(api, running + 1)
  }

  leave(api: string): void {
    const running = (this.inFlight.get(api) ?? 1) - 1
    if (running > 0) this.inFlight.set(api, running)
    else this.inFlight.delete(api)
  }
}
