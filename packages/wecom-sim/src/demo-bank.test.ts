import { afterEach, describe, expect, it } from 'vitest'
import { seedDemoBank } from './demo-bank'
import { seedDemoCustomers } from './demo-customers'
import { harness } from './testing/harness'
import type { Sim } from './types'

const sims: Sim[] = []
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()))
})

function bank(seed: number) {
  const h = harness()
  sims.push(h.sim)
  const demo = seedDemoBank(h.sim.world, { seed })
  return { ...h, demo }
}

const ways = (userids: string[]) => [
  { configId: 'a'.repeat(32), state: 'branch_bj', userids: userids.slice(0, 3) },
  { configId: 'b'.repeat(32), state: 'wealth_fair', userids: userids.slice(3, 8) },
]

describe('seedDemoBank', () => {
  it('builds 示例银行 with departments, branches, ≥50 employees and three tag groups', () => {
    const { sim, demo } = bank(7)
    const depts = sim.world.listDepartments()
    expect(depts.find((d) => d.id === 1)?.name).toBe('示例银行')
    expect(depts.map((d) => d.name)).toEqual(expect.arrayContaining(['零售银行部', '财富管理部', '信用卡中心', '个人贷款部', '网络金融部', '北京分行', '上海分行']))
    const retail = depts.find((d) => d.name === '零售银行部')
    expect(depts.find((d) => d.name === '北京分行')?.parentId).toBe(retail?.id)
    expect(demo.employees.length).toBeGreaterThanOrEqual(50)
    expect(new Set(demo.employees.map((e) => e.userid)).size).toBe(demo.employees.length)
    for (const e of demo.employees) {
      expect(e.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/)
      expect(e.userid).toMatch(/^[a-z]+\d*$/)
      expect(e.position).not.toBe('')
    }
    expect(demo.tagGroups.map((g) => [g.name, g.tags.map((t) => t.name)])).toEqual([
      ['客户等级', ['普通', '金卡', '白金', '私行']],
      ['兴趣', ['理财', '基金', '信用卡', '贷款', '保险']],
      ['生命周期', ['新客', '活跃', '沉默']],
    ])
    expect(demo.tagGroups[0]?.tags[0]?.id).toMatch(/^et/)
  })

  it('is deterministic for a seed and differs across seeds', () => {
    const names = (seed: number) => bank(seed).demo.employees.map((e) => `${e.userid}:${e.name}:${e.position}`)
    expect(names(42)).toEqual(names(42))
    expect(names(42)).not.toEqual(names(43))
  })

  it('honours the employee and department counts', () => {
    const h = harness()
    sims.push(h.sim)
    const demo = seedDemoBank(h.sim.world, { seed: 1, departments: 10, employees: 80 })
    expect(demo.departments).toHaveLength(10)
    expect(h.sim.world.stats()).toMatchObject({ departments: 11, employees: 80, corpTagGroups: 3, corpTags: 12 })
  })
})

describe('seedDemoCustomers', () => {
  it('creates 10,000 historic customers through the given ways, without callbacks', async () => {
    const { sim, demo, call } = bank(1)
    const since = new Date(sim.world.now() - 180 * 86400_000)
    const result = seedDemoCustomers(sim.world, { count: 10_000, contactWays: ways(demo.employees.map((e) => e.userid)), seed: 3, since })
    expect(result.customers).toBe(10_000)
    expect(result.follows).toBeGreaterThan(10_000)
    expect(result.follows).toBeLessThan(12_500)
    expect(sim.world.stats()).toMatchObject({ customers: 10_000, follows: result.follows })
    expect(sim.deliveries()).toEqual([])
    const sample = result.externalUserIds[1234] as string
    const follows = sim.world.followsOfCustomer(sample)
    expect(follows.length).toBeGreaterThanOrEqual(1)
    for (const f of follows) {
      expect(['branch_bj', 'wealth_fair']).toContain(f.state)
      expect(f.tagIds.size).toBeGreaterThanOrEqual(1)
      expect(f.tagIds.size).toBeLessThanOrEqual(3)
      expect(f.createtime * 1000).toBeGreaterThanOrEqual(since.getTime())
      expect(f.createtime * 1000).toBeLessThanOrEqual(sim.world.now() + 10_000)
    }
    const got = await call('externalcontact/get', undefined, { external_userid: sample })
    expect(got).toMatchObject({ errcode: 0, external_contact: { name: sim.world.getCustomer(sample)?.name } })
  })

  it('gives the same names and ids for the same seed', () => {
    const run = (seed: number) => {
      const { sim, demo } = bank(1)
      const since = new Date(sim.world.now() - 30 * 86400_000)
      const { externalUserIds } = seedDemoCustomers(sim.world, { count: 200, contactWays: ways(demo.employees.map((e) => e.userid)), seed, since })
      return externalUserIds.map((id) => `${id}:${sim.world.getCustomer(id)?.name}`)
    }
    expect(run(9)).toEqual(run(9))
    expect(run(9)).not.toEqual(run(10))
  })

  it('gives every customer a unionid and ~60 % of relations a unique 11-digit mobile, the same for both relations of a person', () => {
    const { sim, demo } = bank(1)
    const since = new Date(sim.world.now() - 30 * 86400_000)
    const { externalUserIds } = seedDemoCustomers(sim.world, { count: 2000, contactWays: ways(demo.employees.map((e) => e.userid)), seed: 5, since })
    const follows = externalUserIds.flatMap((id) => sim.world.followsOfCustomer(id))
    const withMobile = follows.filter((f) => f.remarkMobiles.length > 0)
    expect(withMobile.length / follows.length).toBeGreaterThan(0.55)
    expect(withMobile.length / follows.length).toBeLessThan(0.65)
    for (const f of withMobile) expect(f.remarkMobiles[0]).toMatch(/^1[3-9]\d{9}$/)
    const personOf = new Map<string, string>()
    for (const f of withMobile) {
      const owner = personOf.get(f.remarkMobiles[0] as string) ?? f.externalUserId
      expect(owner).toBe(f.externalUserId)
      personOf.set(f.remarkMobiles[0] as string, f.externalUserId)
    }
    expect(new Set(externalUserIds.map((id) => sim.world.getCustomer(id)?.unionid)).size).toBe(2000)
  })

  it('rejects unknown employees', () => {
    const { sim } = bank(1)
    const since = new Date(sim.world.now() - 86400_000)
    expect(() => seedDemoCustomers(sim.world, { count: 1, contactWays: ways(['ghost']), since })).toThrow(/ghost/)
  })
})
