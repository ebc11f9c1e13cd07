import { describe, expect, it } from 'vitest'
import { createPacer, PacedCallFailed } from './pace'

const refusal = (errcode: number) => Object.assign(new Error(`errcode ${errcode}`), { errcode, errmsg: `errcode ${errcode}` })
const tick = () => new Promise((r) => setTimeout(r, 1))

/** A WeCom that allows `allowed` calls in flight and answers 45033 beyond. */
function wecomAllowing(allowed: number) {
  let inFlight = 0
  let peak = 0
  return {
    get peak() { return peak },
    async call() {
      if (inFlight >= allowed) throw refusal(45033)
      inFlight++
      peak = Math.max(peak, inFlight)
      await tick()
      inFlight--
      return 'ok'
    },
  }
}

describe('createPacer', () => {
  it('grows from its start, halves on 45033 and completes every call without exceeding WeCom\'s limit for long', async () => {
    const wecom = wecomAllowing(2)
    const pacer = createPacer({ maxConcurrency: 6, initial: 6, attempts: 20, baseDelayMs: 1 })
    const results = await Promise.all(Array.from({ length: 60 }, () => pacer.run(() => wecom.call())))
    expect(results).toHaveLength(60)
    expect(pacer.stats.retries45033).toBeGreaterThan(0)
    expect(pacer.stats.concurrencyEnd).toBeLessThanOrEqual(4)
    expect(wecom.peak).toBe(2)
  })

  it('slow-starts up to the pool size when WeCom never pushes back', async () => {
    const wecom = wecomAllowing(100)
    const pacer = createPacer({ maxConcurrency: 6, initial: 1, attempts: 3, baseDelayMs: 1 })
    await Promise.all(Array.from({ length: 40 }, () => pacer.run(() => wecom.call())))
    expect(pacer.stats).toMatchObject({ retries: 0, concurrencyPeak: 6, concurrencyEnd: 6 })
    expect(wecom.peak).toBe(6)
  })

  it('gives up after its attempts with the refusal, and does not retry other errors', async () => {
    const pacer = createPacer({ maxConcurrency: 2, initial: 2, attempts: 3, baseDelayMs: 1 })
    let calls = 0
    const busy = await pacer.run(async () => { calls++; throw refusal(-1) }).catch((e: unknown) => e)
    expect(busy).toBeInstanceOf(PacedCallFailed)
    expect(busy).toMatchObject({ refusal: { errcode: -1 }, attempts: 3 })
    expect(calls).toBe(3)
    const denied = await pacer.run(async () => { calls++; throw refusal(48002) }).catch((e: unknown) => e)
    expect(denied).toMatchObject({ refusal: { errcode: 48002 }, attempts: 1 })
    expect(pacer.stats).toMatchObject({ retriesBusy: 2, retries: 2 })
  })

  it('holds every call back after a 45009, not only the refused one', async () => {
    const pacer = createPacer({ maxConcurrency: 4, initial: 4, attempts: 3, baseDelayMs: 10 })
    let refusedAt = 0
    const refused = pacer.run(async () => {
      if (!refusedAt) { refusedAt = Date.now(); throw refusal(45009) }
      return 'ok'
    })
    await tick()
    let otherAt = 0
    await pacer.run(async () => { otherAt = Date.now() })
    await refused
    expect(pacer.stats.retries45009).toBe(1)
    expect(otherAt - refusedAt).toBeGreaterThanOrEqual(45)                // the pause is 10× the base back-off, at least half of it
  })
})
