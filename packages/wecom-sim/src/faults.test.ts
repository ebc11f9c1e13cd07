import { describe, expect, it } from 'vitest'
import { seededSims } from './testing/harness'

const setup = seededSims()

describe('faults and limits switched on while the sim runs', () => {
  it('answers an injected errcode for matching calls only, as often as asked, until cleared', async () => {
    const { sim, call } = setup()
    const clear = sim.failCalls({ api: '/externalcontact/batch/get_by_user', errcode: -1, matches: (b) => (b.userid_list as string[]).includes('lisi') })
    const once = sim.failCalls({ api: '/externalcontact/get_follow_user_list', errcode: 45009, times: 1 })
    expect(await call('externalcontact/batch/get_by_user', { userid_list: ['zhangsan', 'lisi'] })).toMatchObject({ errcode: -1 })
    expect(await call('externalcontact/batch/get_by_user', { userid_list: ['lisi'] })).toMatchObject({ errcode: -1 })
    expect(await call('externalcontact/batch/get_by_user', { userid_list: ['zhangsan'] })).toMatchObject({ errcode: 0 })
    expect(await call('externalcontact/get_follow_user_list')).toMatchObject({ errcode: 45009 })
    expect(await call('externalcontact/get_follow_user_list')).toMatchObject({ errcode: 0 })
    clear()
    once()
    expect(await call('externalcontact/batch/get_by_user', { userid_list: ['lisi'] })).toMatchObject({ errcode: 0 })
  })

  it('changes the 45009 limit and its window at run time', async () => {
    const { sim, clock, call } = setup()
    await call('externalcontact/get_follow_user_list')
    sim.setRateLimit({ perMinutePerApi: 1, windowMs: 1000 })
    clock.advance(1000 - (clock.now() % 1000))
    expect(await call('externalcontact/get_follow_user_list')).toMatchObject({ errcode: 0 })
    expect(await call('externalcontact/get_follow_user_list')).toMatchObject({ errcode: 45009 })
    clock.advance(1000)
    expect(await call('externalcontact/get_follow_user_list')).toMatchObject({ errcode: 0 })
    sim.setRateLimit({})
    expect(await call('externalcontact/get_follow_user_list')).toMatchObject({ errcode: 0 })
  })

  it('holds every API call for the set latency, so concurrent calls overlap and meet 45033', async () => {
    const { sim, call, token } = setup()
    await token()
    sim.setLatency(100)
    sim.setRateLimit({ concurrencyPerApi: 1 })
    const replies = await Promise.all([1, 2].map(() => call('externalcontact/batch/get_by_user', { userid_list: ['zhangsan'] })))
    expect(replies.map((r) => r.errcode).sort()).toEqual([0, 45033])
  })
})

describe('a second external_userid of the same person', () => {
  it('shares the unionid (given one if the customer had none) and can be followed on its own', () => {
    const { sim } = setup()
    const first = sim.world.addCustomer({ name: '王小明', gender: 1 })
    sim.world.addFollow({ userid: 'zhangsan', externalUserId: first.externalUserId })
    const second = sim.world.addSecondIdentity(first.externalUserId)
    expect(second.externalUserId).not.toBe(first.externalUserId)
    expect(second.unionid).toBeDefined()
    expect(second.unionid).toBe(sim.world.getCustomer(first.externalUserId)?.unionid)
    expect(second).toMatchObject({ name: '王小明', gender: 1 })
    sim.world.addFollow({ userid: 'lisi', externalUserId: second.externalUserId })
    expect(sim.world.followsOfCustomer(second.externalUserId).map((f) => f.userid)).toEqual(['lisi'])
  })
})
