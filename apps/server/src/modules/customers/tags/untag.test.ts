import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../../http/actor'
import { contactEventXml, eventually, sealCallback, testApp, type TestApp } from '../../../testing/test-app'

let t: TestApp
let configId = ''
let userids: string[] = []
beforeAll(async () => {
  t = await testApp()
  const [a, b] = await t.app.org.listActiveEmployees(t.app.corp.id)
  userids = [a!.wecomUserId, b!.wecomUserId]
  configId = (await t.app.acquisition.create(systemActor(t.app.corp.id), {
    name: '标签同步渠道', channelGroup: '', employees: [{ employeeId: a!.id, dailyCap: null }], backupEmployeeId: null,
    skipVerify: true, tagIds: [], welcome: null, remark: '',
  })).configId!
})
afterAll(async () => { await t?.close() })

const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.http.inject({ method, url, ...(payload ? { payload: payload as object } : {}), headers: { cookie: t.adminCookie } })
const wecomTag = (name: string) => t.sim.world.listCorpTags().flatMap((g) => g.tags).find((x) => x.name === name)!
const pondTag = async (name: string) => (await t.app.db.selectFrom('tag').select(['id', 'wecomTagId']).where('name', '=', name).executeTakeFirstOrThrow())
const follow = (userid: string, externalUserId: string) => t.sim.world.followsOfCustomer(externalUserId).find((f) => f.userid === userid)!
const tagsOf = async (customerId: string) => ((await api('GET', `/api/customers/${customerId}`)).json().tags as { name: string }[]).map((x) => x.name).sort()
const untaggedEvents = async (customerId: string) =>
  ((await api('GET', `/api/customers/${customerId}/timeline?limit=50`)).json().items as { kind: string; data: Record<string, unknown> }[]).filter((e) => e.kind === 'untagged')
const segmentCount = async (tagId: string) => (await api('POST', '/api/segments/count', { expression: { tag: tagId } })).json().count as number

async function newCustomer() {
  const scan = await t.sim.world.scan({ configId })
  const row = await eventually(() => t.app.db.selectFrom('customer').select('id').where('externalUserId', '=', scan.externalUserId).executeTakeFirst(), 'stored')
  return { ...scan, id: row.id }
}

/** Seconds for CreateTime, one apart: the inbox drops a second callback with the same content and second as a replay. */
let clockSec = Math.floor(Date.now() / 1000)
const nextSecond = () => ++clockSec

/** An edit_external_contact callback, handled: returns once Pond recorded its 'edited' event. */
async function edited(userid: string, externalUserId: string, createTime = nextSecond()) {
  const dedupe = await t.app.db.selectFrom('customerEvent').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'edited').executeTakeFirstOrThrow()
  const req = sealCallback(contactEventXml({ changeType: 'edit_external_contact', userid, externalUserId, createTime }))
  expect((await t.app.http.inject({ method: 'POST', url: req.url, payload: req.body, headers: { 'content-type': 'text/xml' } })).statusCode).toBe(200)
  await eventually(async () => Number((await t.app.db.selectFrom('customerEvent').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'edited').executeTakeFirstOrThrow()).n) > Number(dedupe.n), 'edit handled')
}

describe('a tag removed in WeCom is removed in Pond', () => {
  it('goes when the only relation carrying it drops it: timeline says so, segments count it, an older callback changes nothing', async () => {
    const c = await newCustomer()
    const gold = await pondTag('金卡')
    follow(c.userid, c.externalUserId).tagIds.add(wecomTag('金卡').id)
    await edited(c.userid, c.externalUserId)
    expect(await tagsOf(c.id)).toContain('金卡')
    const before = await segmentCount(gold.id)

    follow(c.userid, c.externalUserId).tagIds.delete(wecomTag('金卡').id)
    await edited(c.userid, c.externalUserId)
    expect(await tagsOf(c.id)).not.toContain('金卡')
    expect((await untaggedEvents(c.id)).map((e) => e.data)).toEqual([{ tags: ['金卡'], reason: 'wecom' }])
    expect(await segmentCount(gold.id)).toBe(before - 1)
    const seqs = (await sql<{ ok: boolean }>`select not (tag_seqs @> array[(select seq from tag where id = ${gold.id}::uuid)]) ok from customer where id = ${c.id}`.execute(t.app.db)).rows[0]!
    expect(seqs.ok).toBe(true)

    // A callback from before the removal, handled late: it re-reads WeCom's current state, so nothing flips back.
    await edited(c.userid, c.externalUserId, clockSec - 600)
    expect(await tagsOf(c.id)).not.toContain('金卡')
    expect(await untaggedEvents(c.id)).toHaveLength(1)
    expect(await segmentCount(gold.id)).toBe(before - 1)
  })

  it('stays while another relation still carries it', async () => {
    const c = await newCustomer()
    const other = userids.find((u) => u !== c.userid)!
    t.sim.world.addFollow({ userid: other, externalUserId: c.externalUserId, state: c.state })
    const vip = wecomTag('金卡').id
    follow(c.userid, c.externalUserId).tagIds.add(vip)
    follow(other, c.externalUserId).tagIds.add(vip)
    await edited(c.userid, c.externalUserId)
    expect(await tagsOf(c.id)).toContain('金卡')

    follow(c.userid, c.externalUserId).tagIds.delete(vip)
    await edited(c.userid, c.externalUserId)
    expect(await tagsOf(c.id)).toContain('金卡')
    expect(await untaggedEvents(c.id)).toEqual([])

    follow(other, c.externalUserId).tagIds.delete(vip)
    await edited(other, c.externalUserId)
    expect(await tagsOf(c.id)).not.toContain('金卡')
    expect(await untaggedEvents(c.id)).toHaveLength(1)
  })
})

describe('tags Pond set are kept until WeCom has them', () => {
  it('keeps a tag whose mark_tag has not run and a Pond-only tag; WeCom lists the tag once the push went out', async () => {
    const c = await newCustomer()
    const employee = (await t.app.org.listActiveEmployees(t.app.corp.id)).find((e) => e.wecomUserId === c.userid)!
    const pushed = await pondTag('金卡')
    const group = await t.app.db.selectFrom('tag').select('groupId').where('id', '=', pushed.id).executeTakeFirstOrThrow()
    const local = (await sql<{ id: string }>`insert into tag (corp_id, group_id, name) values (${t.app.corp.id}::uuid, ${group.groupId}::uuid, '线下沙龙') returning id`.execute(t.app.db)).rows[0]!
    await sql`insert into customer_tag (corp_id, customer_id, tag_id) values (${t.app.corp.id}::uuid, ${c.id}, ${local.id}::uuid)`.execute(t.app.db)

    const busy = t.sim.failCalls({ api: '/externalcontact/mark_tag', errcode: 45033 })
    try {
      await t.app.db.transaction().execute((tx) => t.app.customers.applyTags(tx, {
        corpId: t.app.corp.id, customerId: c.id, employeeId: employee.id, userid: c.userid, externalUserId: c.externalUserId,
        tagIds: [pushed.id], at: new Date(), reason: 'test',
      }))
      await edited(c.userid, c.externalUserId)                                   // WeCom does not list 金卡 yet
      expect(await tagsOf(c.id)).toEqual(['线下沙龙', '金卡'].sort())
      expect(await untaggedEvents(c.id)).toEqual([])
    } finally { busy() }

    await eventually(async () => follow(c.userid, c.externalUserId).tagIds.has(pushed.wecomTagId!), 'mark_tag went out')
    await eventually(() => t.app.db.selectFrom('customerTagPush').select('settledAt').where('customerId', '=', c.id).where('settledAt', 'is not', null).executeTakeFirst(), 'push settled')
    await edited(c.userid, c.externalUserId)
    expect(await tagsOf(c.id)).toEqual(['线下沙龙', '金卡'].sort())
    expect(await t.app.db.selectFrom('customerTagPush').selectAll().where('customerId', '=', c.id).execute()).toEqual([])  // answered and re-read: nothing left to protect

    // Now WeCom's removal counts; the Pond-only tag stays.
    follow(c.userid, c.externalUserId).tagIds.delete(pushed.wecomTagId!)
    await edited(c.userid, c.externalUserId)
    expect(await tagsOf(c.id)).toEqual(['线下沙龙'])
  })

  it('keeps tags a bulk tag job set until their mark_tag calls went out', async () => {
    const c = await newCustomer()
    const employee = (await t.app.org.listActiveEmployees(t.app.corp.id)).find((e) => e.wecomUserId === c.userid)!
    const silent = await pondTag('沉默')
    const segment = (await api('POST', '/api/segments', { name: '标签同步渠道的客户', filters: { followerIds: [employee.id] } })).json()
    const busy = t.sim.failCalls({ api: '/externalcontact/mark_tag', errcode: 45033 })
    try {
      const job = (await api('POST', '/api/tag-jobs', { segmentId: segment.id, addTagIds: [silent.id], removeTagIds: [] })).json()
      await eventually(async () => (await api('GET', `/api/tag-jobs/${job.id}`)).json().status === 'done', 'tag job done')
      await edited(c.userid, c.externalUserId)
      expect(await tagsOf(c.id)).toContain('沉默')
    } finally { busy() }
    await eventually(async () => follow(c.userid, c.externalUserId).tagIds.has(silent.wecomTagId!), 'mark_tag went out', 60_000)
    await edited(c.userid, c.externalUserId)
    expect(await tagsOf(c.id)).toContain('沉默')
  })
})
