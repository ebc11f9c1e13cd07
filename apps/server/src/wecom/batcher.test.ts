import { describe, expect, it } from 'vitest'
import { createBatcher } from './batcher'

describe('createBatcher', () => {
  it('gives every caller its own result and shares flushes under load', async () => {
    const batches: number[][] = []
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const add = createBatcher(async (items: number[]) => {
      batches.push(items)
      if (batches.length === 1) await gate                // hold the first flush so the rest queue up
      return items.map((i) => i * 10)
    }, { maxBatch: 3, maxInFlight: 1 })
    const results = [1, 2, 3, 4, 5, 6, 7].map(add)
    release()
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50, 60, 70])
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6, 7]])
  })

  it('rejects exactly the callers of a failed batch', async () => {
    const add = createBatcher(async (items: number[]) => {
      if (items.includes(2)) throw new Error('boom')
      return items
    }, { maxBatch: 1, maxInFlight: 1 })
    const [a, b] = await Promise.allSettled([add(1), add(2)])
    expect(a).toEqual({ status: 'fulfilled', value: 1 })
    expect(b).toMatchObject({ status: 'rejected' })
  })
})
