import { afterEach, describe, expect, it } from 'vitest'
import { seedDemoBank } from '../demo-bank'
import { seedDemoCustomers } from '../demo-customers'
import { createSim } from '../server'
import { AGENT_ID, CORP_ID, harness, SECRET } from '../testing/harness'
import type { Sim } from '../types'
import type { WorldSnapshot } from './snapshot'

const sims: Sim[] = []
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()))
})

const base = { corpId: CORP_ID, agentId: AGENT_ID, secret: SECRET }

function seeded(): Sim {
  const { sim } = harness()
  sims.push(sim)
  seedDemoBank(sim.world, { seed: 1, employees: 14 })
  return sim
}

describe('world snapshot checks', () => {
  it('rejects an unknown version with a clear error', () => {
    const snapshot = seeded().snapshot()
    const future = { ...snapshot, version: 2 } as unknown as WorldSnapshot
    expect(() => createSim({ ...base, snapshot: future })).toThrow('unsupported world snapshot version 2: this sim reads version 1 only')
    expect(() => createSim({ ...base, snapshot: future })).toThrow(expect.objectContaining({ code: 'sim.snapshot.version' }))
    const { version: _dropped, ...unversioned } = snapshot
    expect(() => createSim({ ...base, snapshot: unversioned as WorldSnapshot })).toThrow(/unsupported world snapshot version none/)
    expect(() => createSim({ ...base, snapshot: { ...snapshot, version: '1' } as unknown as WorldSnapshot })).toThrow(/version "1"/)
  })

  it("rejects another corp's snapshot and malformed ones", () => {
    const snapshot = seeded().snapshot()
    expect(() => createSim({ ...base, corpId: 'ww0000000000000000', snapshot })).toThrow(/of corp ww1436e0e65a779aee/)
    const broken = (patch: object) => ({ ...snapshot, ...patch }) as unknown as WorldSnapshot
    expect(() => createSim({ ...base, snapshot: broken({ customers: undefined }) })).toThrow('invalid world snapshot: customers is missing')
    expect(() => createSim({ ...base, snapshot: broken({ tags: { groups: [] } }) })).toThrow(/tags\.tags must be an array/)
    expect(() => createSim({ ...base, snapshot: broken({ media: {} }) })).toThrow(/media must be an array/)
    const noRoot = { ...snapshot.org, departments: snapshot.org.departments.filter((d) => d.id !== 1) }
    expect(() => createSim({ ...base, snapshot: broken({ org: noRoot }) })).toThrow(/root department/)
  })

  it('round-trips 20,000 customers', async () => {
    const sim = seeded()
    const team = sim.world.listEmployees().slice(0, 6).map((e) => e.userid)
    const way = sim.world.addContactWay({ user: team, state: 'bulk' })
    const since = new Date(Date.UTC(2024, 0, 1))
    seedDemoCustomers(sim.world, { count: 20_000, seed: 9, since, contactWays: [{ configId: way.configId, state: 'bulk', userids: team }] })
    await sim.world.scan({ configId: way.configId })
    const json = JSON.stringify(sim.snapshot())
    const restored = createSim({ ...base, publicBaseUrl: 'http://sim.test', snapshot: JSON.parse(json) as WorldSnapshot })
    sims.push(restored)
    expect(restored.world.stats()).toEqual(sim.world.stats())
    expect(restored.world.stats().customers).toBe(20_001)
    const all = sim.world.listCustomers(0, 30_000)
    expect(restored.world.listCustomers(0, 30_000)).toEqual(all)
    for (const customer of all.filter((_, i) => i % 997 === 0)) {
      expect(restored.world.followsOfCustomer(customer.externalUserId)).toEqual(sim.world.followsOfCustomer(customer.externalUserId))
    }
    const userid = team[3] as string
    expect(restored.world.customers.followsOfUserAfter(userid, 30_000, 100)).toEqual(sim.world.customers.followsOfUserAfter(userid, 30_000, 100))
    expect((await restored.world.scan({ configId: way.configId })).userid).toBe(team[1])
    expect(JSON.stringify(restored.snapshot()).length).toBeGreaterThan(json.length)
  })
})
