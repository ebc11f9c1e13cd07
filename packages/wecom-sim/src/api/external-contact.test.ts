import { describe, expect, it } from 'vitest'
import { seededSims } from '../testing/harness'
import type { Sim } from '../types'

const setup = seededSims()

/** n customers following `userid`, seeded as history (no callbacks). */
function seedFollows(sim: Sim, userid: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const c = sim.world.addCustomer({ name: `客户${userid}${i}` })
    sim.world.addFollow({ userid, externalUserId: c.externalUserId, state: 'seed', createtime: 1_700_000_000 + i })
    return c.externalUserId
  })
}

describe('customer reads (CONTRACT §3.1)', () => {
  it('lists follow users, a member\'s customers and one customer\'s details', async () => {
    const { sim, call } = setup()
    const [id] = seedFollows(sim, 'zhangsan', 1) as [string]
    sim.world.addFollow({ userid: 'lisi', externalUserId: id, remark: '老客户' })
    expect(await call('externalcontact/get_follow_user_list')).toMatchObject({ follow_user: ['zhangsan', 'lisi', 'wangwu', 'newbie'] })
    expect(await call('externalcontact/list', undefined, { userid: 'zhangsan' })).toMatchObject({ errcode: 0, external_userid: [id] })
    const got = await call('externalcontact/get', undefined, { external_userid: id })
    expect(got.external_contact).toMatchObject({ external_userid: id, name: '客户zhangsan0', type: 1, avatar: `http://sim.test/sim/avatar/${id}.svg` })
    expect(got.follow_user).toEqual([
      expect.objectContaining({ userid: 'zhangsan', createtime: 1_700_000_000, state: 'seed', add_way: 1, tags: [] }),
      expect.objectContaining({ userid: 'lisi', remark: '老客户' }),
    ])
    expect(got).not.toHaveProperty('next_cursor')
    expect(id).toMatch(/^wm[A-Za-z0-9_-]{30}$/)
  })

  it('rejects missing, unknown and unrelated ids', async () => {
    const { sim, call } = setup()
    const lonely = sim.world.addCustomer({ name: '无人添加' })
    expect(await call('externalcontact/get', undefined, {})).toMatchObject({ errcode: 41035 })
    expect(await call('externalcontact/get', undefined, { external_userid: 'wmNOPE' })).toMatchObject({ errcode: 40096 })
    expect(await call('externalcontact/get', undefined, { external_userid: lonely.externalUserId })).toMatchObject({ errcode: 84061 })
    expect(await call('externalcontact/list', undefined, { userid: 'ghost' })).toMatchObject({ errcode: 40003 })
  })

  it('pages batch/get_by_user over several members without loss or repeats', async () => {
    const { sim, call } = setup()
    const expected = [...seedFollows(sim, 'zhangsan', 130), ...seedFollows(sim, 'lisi', 75)]
    const seen: string[] = []
    let cursor = ''
    let pages = 0
    do {
      const page = await call('externalcontact/batch/get_by_user', { userid_list: ['zhangsan', 'lisi', 'wangwu'], limit: 100, cursor })
      expect(page.errcode).toBe(0)
      const list = page.external_contact_list as { external_contact: { external_userid: string }; follow_info: { userid: string; tag_id: string[] } }[]
      expect(list.length).toBeLessThanOrEqual(100)
      seen.push(...list.map((item) => item.external_contact.external_userid))
      cursor = page.next_cursor as string
      pages++
    } while (cursor)
    expect(seen).toEqual(expected)
    expect(pages).toBe(3)
    const first = await call('externalcontact/batch/get_by_user', { userid_list: ['lisi'] })
    expect((first.external_contact_list as unknown[]).length).toBe(50) // default limit
  })

  it('validates batch/get_by_user limits', async () => {
    const { call } = setup()
    const many = Array.from({ length: 101 }, (_, i) => `u${i}`)
    expect(await call('externalcontact/batch/get_by_user', { userid_list: many })).toMatchObject({ errcode: 40058 })
    expect(await call('externalcontact/batch/get_by_user', { userid_list: [] })).toMatchObject({ errcode: 40058 })
    expect(await call('externalcontact/batch/get_by_user', { userid_list: ['zhangsan'], limit: 101 })).toMatchObject({ errcode: 40058 })
    expect(await call('externalcontact/batch/get_by_user', { userid_list: ['zhangsan'], cursor: 'garbage' })).toMatchObject({ errcode: 40058 })
  })

  it('updates remarks without any callback and checks lengths', async () => {
    const { sim, call } = setup()
    const [id] = seedFollows(sim, 'zhangsan', 1) as [string]
    const ok = await call('externalcontact/remark', { userid: 'zhangsan', external_userid: id, remark: '王总', description: '关注理财', remark_company: '某公司' })
    expect(ok).toMatchObject({ errcode: 0 })
    const got = await call('externalcontact/get', undefined, { external_userid: id })
    expect(got.follow_user).toEqual([expect.objectContaining({ remark: '王总', description: '关注理财', remark_corp_name: '某公司' })])
    expect(await call('externalcontact/remark', { userid: 'zhangsan', external_userid: id, remark: '长'.repeat(21) })).toMatchObject({ errcode: 40058 })
    expect(await call('externalcontact/remark', { userid: 'lisi', external_userid: id, remark: 'x' })).toMatchObject({ errcode: 84061 })
    expect(sim.deliveries()).toEqual([])
  })
})
