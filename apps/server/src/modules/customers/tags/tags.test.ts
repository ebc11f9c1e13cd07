import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, sealCallback, TEST_KEYS, testApp, type TestApp } from '../../../testing/test-app'

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => { await t?.close() })

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.http.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: { cookie: t.adminCookie } })
const wecomGroup = (name: string) => t.sim.world.listCorpTags().find((g) => g.name === name)
const tagEvent = (changeType: string, id: string, tagType: string) =>
  `<xml><ToUserName><![CDATA[${TEST_KEYS.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>` +
  `<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_tag]]></Event><Id><![CDATA[${id}]]></Id><TagType><![CDATA[${tagType}]]></TagType>` +
  `<ChangeType><![CDATA[${changeType}]]></ChangeType></xml>`
const deliver = async (xml: string) => {
  const req = sealCallback(xml)
  const res = await t.app.http.inject({ method: 'POST', url: req.url, payload: req.body, headers: { 'content-type': 'text/xml' } })
  expect(res.statusCode).toBe(200)
}
const localGroup = async (name: string) => ((await api('GET', '/api/tags')).json().groups as { id: string; name: string; tags: { id: string; name: string }[] }[]).find((g) => g.name === name)

describe('tags made in Pond are made in WeCom', () => {
  it('creates a group with tags, adds, renames and deletes them on both sides', async () => {
    const created = await api('POST', '/api/tag-groups', { name: '资产等级', tags: ['50万以上', '100万以上'] })
    expect(created.statusCode).toBe(201)
    expect(wecomGroup('资产等级')!.tags.map((x) => x.name).sort()).toEqual(['100万以上', '50万以上'])
    const group = created.json()
    const added = (await api('POST', `/api/tag-groups/${group.id}/tags`, { names: ['500万以上'] })).json()
    expect(added.tags).toHaveLength(3)
    expect(wecomGroup('资产等级')!.tags).toHaveLength(3)
    const target = added.tags.find((x: { name: string }) => x.name === '500万以上')
    await api('PATCH', `/api/tags/${target.id}`, { name: '私行客户' })
    expect(wecomGroup('资产等级')!.tags.map((x) => x.name)).toContain('私行客户')
    expect((await api('DELETE', `/api/tags/${target.id}`)).statusCode).toBe(204)
    expect(wecomGroup('资产等级')!.tags.map((x) => x.name)).not.toContain('私行客户')
    expect((await localGroup('资产等级'))!.tags).toHaveLength(2)
    expect((await api('DELETE', `/api/tag-groups/${group.id}`)).statusCode).toBe(204)
    expect(wecomGroup('资产等级')).toBeUndefined()
    expect(await localGroup('资产等级')).toBeUndefined()
  })

  it('refuses duplicates, over-long names and the 3,000-tag limit with clear errors, changing nothing', async () => {
    const group = (await api('POST', '/api/tag-groups', { name: '渠道偏好', tags: ['线上'] })).json()
    const dup = await api('POST', `/api/tag-groups/${group.id}/tags`, { names: ['线上'] })
    expect([dup.statusCode, dup.json().error.code]).toEqual([409, 'customers.tag.duplicate'])
    expect((await api('POST', '/api/tag-groups', { name: '渠道偏好', tags: ['x'] })).json().error.code).toBe('customers.tag.duplicate')
    expect((await api('POST', `/api/tag-groups/${group.id}/tags`, { names: ['长'.repeat(31)] })).statusCode).toBe(400)
    const count = async () => Number((await sql<{ n: string }>`select count(*) n from tag`.execute(t.app.db)).rows[0]!.n)
    await sql`insert into tag (corp_id, group_id, name) select ${t.app.corp.id}::uuid, ${group.id}::uuid, 'filler' || i from generate_series(1, ${3000 - await count()}) i`.execute(t.app.db)
    const over = await api('POST', `/api/tag-groups/${group.id}/tags`, { names: ['线下'] })
    expect([over.statusCode, over.json().error.code]).toEqual([422, 'customers.tag.limit_reached'])
    expect(wecomGroup('渠道偏好')!.tags.map((x) => x.name)).toEqual(['线上'])
    await sql`delete from tag where name like 'filler%'`.execute(t.app.db)
  })
})

describe('tags changed in WeCom arrive by change_external_tag', () => {
  it('adds a group created in the admin console, follows a rename and a deletion', async () => {
    const made = t.sim.world.addCorpTagGroup({ name: '活动偏好', tags: ['抽奖', '签到'] })
    await deliver(tagEvent('create', made.id, 'tag_group'))
    const local = await eventually(() => localGroup('活动偏好'), 'group synced')
    expect(local.tags.map((x) => x.name).sort()).toEqual(['抽奖', '签到'])

    const lottery = made.tags.find((x) => x.name === '抽奖')!
    await t.app.wecom.editCorpTag({ id: lottery.id, name: '幸运抽奖' })           // as another app or the console would
    await deliver(tagEvent('update', lottery.id, 'tag'))
    await eventually(async () => (await localGroup('活动偏好'))!.tags.some((x) => x.name === '幸运抽奖'), 'rename synced')

    await t.app.wecom.deleteCorpTags({ tagIds: [lottery.id] })
    await deliver(tagEvent('delete', lottery.id, 'tag'))
    await eventually(async () => (await localGroup('活动偏好'))!.tags.length === 1, 'deletion synced')

    await deliver(tagEvent('shuffle', made.id, 'tag_group'))
    await t.app.wecom.deleteCorpTags({ groupIds: [made.id] })
    await deliver(tagEvent('delete', made.id, 'tag_group'))
    await eventually(async () => (await localGroup('活动偏好')) === undefined, 'group deletion synced')
  })
})
