import { describe, expect, it } from 'vitest'
import { seededSims } from '../testing/harness'

const setup = seededSims()

interface Group {
  group_id: string
  group_name: string
  tag: { id: string; name: string; deleted?: boolean }[]
  deleted?: boolean
}

describe('corp tags (CONTRACT §3.2)', () => {
  it('adds a group, adds into it, edits, lists and deletes', async () => {
    const { call } = setup()
    const added = await call('externalcontact/add_corp_tag', { group_name: '客户等级', order: 5, tag: [{ name: '金卡' }, { name: '白金', order: 2 }] })
    const group = added.tag_group as Group
    expect(group.group_name).toBe('客户等级')
    expect(group.group_id).toMatch(/^et[A-Za-z0-9_-]{30}$/)
    expect(group.tag.map((t) => t.name)).toEqual(['金卡', '白金'])
    const more = await call('externalcontact/add_corp_tag', { group_id: group.group_id, tag: [{ name: '私行' }] })
    expect((more.tag_group as Group).tag.map((t) => t.name)).toEqual(['私行'])
    const [gold, platinum] = group.tag as [Group['tag'][0], Group['tag'][0]]
    expect(await call('externalcontact/edit_corp_tag', { id: gold.id, name: '金卡客户' })).toMatchObject({ errcode: 0 })
    expect(await call('externalcontact/edit_corp_tag', { id: gold.id, name: '白金' })).toMatchObject({ errcode: 40071 })
    const all = (await call('externalcontact/get_corp_tag_list', {})).tag_group as Group[]
    expect(all[0]?.tag.map((t) => t.name)).toEqual(['白金', '金卡客户', '私行']) // bigger order first
    expect(all[0]).not.toHaveProperty('deleted')
    expect(await call('externalcontact/del_corp_tag', { tag_id: [platinum.id] })).toMatchObject({ errcode: 0 })
    const byId = (await call('externalcontact/get_corp_tag_list', { tag_id: [platinum.id] })).tag_group as Group[]
    expect(byId[0]?.tag).toEqual([expect.objectContaining({ id: platinum.id, deleted: true })])
    expect(await call('externalcontact/del_corp_tag', { group_id: [group.group_id] })).toMatchObject({ errcode: 0 })
    expect(await call('externalcontact/get_corp_tag_list', {})).toMatchObject({ tag_group: [] })
    expect(await call('externalcontact/del_corp_tag', { group_id: [group.group_id] })).toMatchObject({ errcode: 40068 })
  })

  it('enforces names, duplicates and the corp tag limit', async () => {
    const { call } = setup({ limits: { corpTags: 3 } })
    expect(await call('externalcontact/add_corp_tag', { group_name: '兴趣', tag: [{ name: '理'.repeat(31) }] })).toMatchObject({ errcode: 40058 })
    expect(await call('externalcontact/add_corp_tag', { group_name: '兴'.repeat(31), tag: [{ name: '理财' }] })).toMatchObject({ errcode: 40058 })
    expect(await call('externalcontact/add_corp_tag', { group_name: '兴趣', tag: [{ name: '理财' }, { name: '理财' }] })).toMatchObject({ errcode: 40071 })
    expect(await call('externalcontact/add_corp_tag', { group_name: '兴趣', tag: [{ name: '理财' }, { name: '基金' }] })).toMatchObject({ errcode: 0 })
    expect(await call('externalcontact/add_corp_tag', { group_name: '兴趣', tag: [{ name: '基金' }] })).toMatchObject({ errcode: 40071 })
    expect(await call('externalcontact/add_corp_tag', { group_name: '兴趣', tag: [{ name: '保险' }, { name: '贷款' }] })).toMatchObject({ errcode: 40058 })
    expect(await call('externalcontact/add_corp_tag', { group_id: 'etNOPE', tag: [{ name: 'x' }] })).toMatchObject({ errcode: 40068 })
  })
})

describe('mark_tag (CONTRACT §3.2)', () => {
  it('tags a relation, reports bad tags (40068) and missing relations (84061)', async () => {
    const { sim, call } = setup()
    const group = sim.world.addCorpTagGroup({ name: '生命周期', tags: ['新客', '活跃', '沉默'] })
    const [fresh, active] = group.tags as [{ id: string; name: string }, { id: string; name: string }]
    const customer = sim.world.addCustomer({ name: '赵女士' })
    sim.world.addFollow({ userid: 'zhangsan', externalUserId: customer.externalUserId })
    const base = { userid: 'zhangsan', external_userid: customer.externalUserId }
    expect(await call('externalcontact/mark_tag', { ...base, add_tag: [fresh.id, active.id] })).toMatchObject({ errcode: 0 })
    expect(await call('externalcontact/mark_tag', { ...base, remove_tag: [fresh.id] })).toMatchObject({ errcode: 0 })
    const got = await call('externalcontact/get', undefined, { external_userid: customer.externalUserId })
    expect(got.follow_user).toEqual([expect.objectContaining({ tags: [{ group_name: '生命周期', tag_name: '活跃', tag_id: active.id, type: 1 }] })])
    expect(await call('externalcontact/mark_tag', { ...base, add_tag: ['etUNKNOWN'] })).toMatchObject({ errcode: 40068 })
    expect(await call('externalcontact/mark_tag', { ...base })).toMatchObject({ errcode: 40058 })
    expect(await call('externalcontact/mark_tag', { ...base, userid: 'lisi', add_tag: [active.id] })).toMatchObject({ errcode: 84061 })
    expect(await call('externalcontact/mark_tag', { ...base, external_userid: 'wmNOPE', add_tag: [active.id] })).toMatchObject({ errcode: 40096 })
    await call('externalcontact/del_corp_tag', { tag_id: [active.id] })
    const after = await call('externalcontact/get', undefined, { external_userid: customer.externalUserId })
    expect(after.follow_user).toEqual([expect.objectContaining({ tags: [] })])
  })
})
