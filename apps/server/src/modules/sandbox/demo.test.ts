import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../http/actor'
import { eventually, testApp, type TestApp } from '../../testing/test-app'
import { seedDemo } from './demo'

let t: TestApp
beforeAll(async () => { t = await testApp({ seed: false }) })
afterAll(async () => { await t?.close() })

describe('demo bank', () => {
  it('is seeded once with live codes, customers and a running fission activity whose posters count helps', async () => {
    expect(await seedDemo(t.app, t.sim, { customers: 60 })).toBe(true)
    expect(await seedDemo(t.app, t.sim, { customers: 60 })).toBe(false)                 // once
    const actor = systemActor(t.app.corp.id)
    const [activity] = (await t.app.fission.list(actor)).items
    expect(activity).toMatchObject({ name: '邀请好友领好礼', status: 'running' })
    const initiators = (await t.app.fission.participants(actor, activity!.id, { limit: 50 })).items
    expect(initiators).toHaveLength(12)
    expect(initiators.every((p) => p.configId)).toBe(true)
    await t.sim.world.scan({ configId: initiators[0]!.configId! })                    // a friend scans the poster
    const helps = await eventually(async () => { const h = (await t.app.fission.helps(actor, activity!.id, { limit: 10 })).items; return h.length ? h : undefined }, 'help recorded')
    expect(helps[0]).toMatchObject({ participantId: initiators[0]!.id, status: 'counted' })
  })
})
