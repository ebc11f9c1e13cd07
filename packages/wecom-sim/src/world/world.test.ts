import { describe, expect, it } from 'vitest'
import { seededSims } from '../testing/harness'

const setup = seededSims()

describe('World scripting API', () => {
  it('makes console-style contact ways that the API can read and scans can use', async () => {
    const { sim, call } = setup()
    const way = sim.world.addContactWay({ user: ['zhangsan'], state: 'console' })
    expect(way).toMatchObject({ type: 1, scene: 2, skipVerify: true, state: 'console', user: ['zhangsan'] })
    expect(sim.world.getContactWay(way.configId)).toBe(way)
    const read = await call('externalcontact/get_contact_way', { config_id: way.configId })
    expect(read.contact_way).toMatchObject({ config_id: way.configId, state: 'console' })
    expect(() => sim.world.addContactWay({ user: ['newbie'] })).toThrow(expect.objectContaining({ errcode: 41054 }))
    const scan = await sim.world.scan({ state: 'console', at: Date.UTC(2025, 5, 1) })
    expect(sim.world.followsOfCustomer(scan.externalUserId)[0]).toMatchObject({ createtime: Date.UTC(2025, 5, 1) / 1000 })
    expect(sim.world.getContactWay('0'.repeat(32))).toBeUndefined()
  })

  it('lists the ways a customer can scan now, newest first, without used temporary ones', async () => {
    const { sim } = setup()
    const first = sim.world.addContactWay({ user: ['zhangsan'], state: 'a' })
    const temp = sim.world.addContactWay({ user: ['lisi'], state: 'b', isTemp: true })
    const last = sim.world.addContactWay({ party: [2], state: 'c' })
    expect(sim.world.scannableContactWays().map((w) => w.configId)).toEqual([last.configId, temp.configId, first.configId])
    await sim.world.scan({ configId: temp.configId })
    expect(sim.world.scannableContactWays().map((w) => w.configId)).toEqual([last.configId, first.configId])
  })

  it('rotates over party members too and stops at members who cannot serve', async () => {
    const { sim } = setup()
    const way = sim.world.addContactWay({ party: [2] }) // zhangsan, lisi, wangwu; newbie is not activated
    const picked: string[] = []
    for (let i = 0; i < 4; i++) picked.push((await sim.world.scan({ configId: way.configId })).userid)
    expect(picked).toEqual(['zhangsan', 'lisi', 'wangwu', 'zhangsan'])
  })

  it('lists corp tags and counts everything in stats()', () => {
    const { sim } = setup()
    sim.world.addCorpTagGroup({ name: '兴趣', tags: ['理财', '基金'] })
    sim.world.addCorpTagGroup({ name: '兴趣', tags: ['基金', '保险'] }) // merges into the existing group
    expect(sim.world.listCorpTags()).toEqual([expect.objectContaining({ name: '兴趣', tags: [
      expect.objectContaining({ name: '理财' }), expect.objectContaining({ name: '基金' }), expect.objectContaining({ name: '保险' }),
    ] })])
    const c = sim.world.addCustomer({ name: '韩梅梅', gender: 2, unionid: 'oUnion1' })
    sim.world.addFollow({ userid: 'LiSi', externalUserId: c.externalUserId })
    expect(sim.world.contactsOfCustomer(c.externalUserId).map((e) => e.userid)).toEqual(['lisi'])
    expect(sim.world.stats()).toMatchObject({ departments: 2, employees: 4, customers: 1, follows: 1, corpTagGroups: 1, corpTags: 3 })
    expect(() => sim.world.addFollow({ userid: 'ghost', externalUserId: c.externalUserId })).toThrow(/ghost/)
    expect(() => sim.world.addEmployee({ userid: 'bad id', name: 'x', departments: [1] })).toThrow(/invalid userid/)
  })
})
