import { afterEach, describe, expect, it } from 'vitest'
import { seedDemoBank } from '../demo-bank'
import { seedDemoCustomers } from '../demo-customers'
import { harness, type Harness } from '../testing/harness'
import type { Sim, SimOptions } from '../types'
import type { WorldSnapshot } from './snapshot'

const sims: Sim[] = []
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()))
})

function open(opts: Partial<SimOptions> = {}): Harness {
  const h = harness(opts)
  sims.push(h.sim)
  return h
}

type Call = Harness['call']
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex')

/** Through JSON, the way Pond would store it. */
const throughJson = (snapshot: WorldSnapshot) => JSON.parse(JSON.stringify(snapshot)) as WorldSnapshot

async function upload(h: Harness): Promise<string> {
  const boundary = 'snapshot-test-boundary'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="poster.png"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const res = await h.sim.app.inject({
    method: 'POST',
    url: `/cgi-bin/media/upload?access_token=${await h.token()}&type=image`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  })
  return (res.json() as { media_id: string }).media_id
}

/** Every page of batch/get_by_user for `userids`, 37 at a time so the cursor crosses employees mid-page. */
async function allPages(call: Call, userids: string[]): Promise<unknown[]> {
  const pages: unknown[] = []
  let cursor = ''
  do {
    const page = await call('externalcontact/batch/get_by_user', { userid_list: userids, cursor, limit: 37 })
    expect(page).toMatchObject({ errcode: 0 })
    pages.push(page.external_contact_list)
    cursor = page.next_cursor as string
  } while (cursor)
  return pages
}

/** 示例银行 with 300 historic customers, two API-made ways, scans, a welcome with an image and an app message. */
async function populate() {
  const h = open()
  const { world } = h.sim
  const bank = seedDemoBank(world, { seed: 7 })
  const team = bank.employees.slice(10, 14).map((e) => e.userid)
  const rr = await h.call('externalcontact/add_contact_way', { type: 2, scene: 2, user: team, state: 'spring', remark: '春季活动' })
  const solo = await h.call('externalcontact/add_contact_way', { type: 1, scene: 2, user: [team[0]], state: 'solo', is_temp: false })
  expect([rr.errcode, solo.errcode]).toEqual([0, 0])
  const rrId = rr.config_id as string
  seedDemoCustomers(world, { count: 300, seed: 3, since: new Date(Date.UTC(2025, 0, 1)), contactWays: [{ configId: rrId, state: 'spring', userids: team }] })
  const first = await world.scan({ configId: rrId, customer: { name: '韩梅梅', gender: 2 } })
  const second = await world.scan({ configId: rrId })
  await world.scan({ configId: solo.config_id as string })
  const mediaId = await upload(h)
  const image = { msgtype: 'image', image: { media_id: mediaId } }
  const welcome = await h.call('externalcontact/send_welcome_msg', { welcome_code: first.welcomeCode, text: { content: '您好' }, attachments: [image] })
  expect(welcome).toMatchObject({ errcode: 0 })
  const tag = bank.tagGroups[1]?.tags[0]?.id as string
  const marked = await h.call('externalcontact/mark_tag', { userid: first.userid, external_userid: first.externalUserId, add_tag: [tag] })
  expect(marked).toMatchObject({ errcode: 0 })
  await h.call('message/send', { touser: team[1], msgtype: 'text', agentid: 1000002, text: { content: '今日任务：回访' } })
  await world.customerDeletesEmployee(second.externalUserId, second.userid)
  return { h, team, rrId, soloId: solo.config_id as string, first, second, mediaId, tag }
}

describe('world snapshot (round trip through JSON)', () => {
  it('restores customers, follows, tags, ways and inboxes exactly', async () => {
    const { h, team, rrId, soloId, first, second, tag } = await populate()
    const before = h.sim.world
    const snapshot = h.sim.snapshot()
    expect(snapshot.version).toBe(1)
    const restored = open({ snapshot: throughJson(snapshot) })
    const after = restored.sim.world

    expect(after.stats()).toEqual(before.stats())
    expect(after.stats()).toMatchObject({ customers: 303, contactWays: 2, welcomeMessages: 1, appMessages: 1, media: 1 })
    expect(after.listDepartments()).toEqual(before.listDepartments())
    expect(after.listEmployees()).toEqual(before.listEmployees())
    expect(after.listCustomers(0, 1000)).toEqual(before.listCustomers(0, 1000))
    for (const customer of before.listCustomers(0, 1000)) {
      expect(after.followsOfCustomer(customer.externalUserId)).toEqual(before.followsOfCustomer(customer.externalUserId))
    }
    expect(after.customers.findFollow(first.userid, first.externalUserId)?.tagIds).toEqual(new Set([tag]))
    expect(after.customers.findFollow(second.userid, second.externalUserId)?.deletedByCustomer).toBe(true)
    expect(after.contactsOfCustomer(second.externalUserId)).toEqual([])
    expect(after.listCorpTags()).toEqual(before.listCorpTags())
    expect(after.customerInbox(first.externalUserId)).toEqual(before.customerInbox(first.externalUserId))
    expect(after.customerInbox(first.externalUserId)[0]).toMatchObject({ text: '您好' })
    expect(after.employeeInbox(team[1] as string)).toEqual(before.employeeInbox(team[1] as string))
    expect(after.employeeInbox(team[1] as string)).toHaveLength(1)

    for (const configId of [rrId, soloId]) {
      const read = await restored.call('externalcontact/get_contact_way', { config_id: configId })
      expect(read).toEqual(await h.call('externalcontact/get_contact_way', { config_id: configId }))
    }
    const range = { start_time: Math.floor(Date.UTC(2025, 0, 1) / 1000), limit: 1 }
    const listed = await restored.call('externalcontact/list_contact_way', range)
    expect(listed).toEqual(await h.call('externalcontact/list_contact_way', range))
    const next = { ...range, cursor: listed.next_cursor }
    expect(await restored.call('externalcontact/list_contact_way', next)).toEqual(await h.call('externalcontact/list_contact_way', next))
    // the used welcome code is still used
    const again = { welcome_code: first.welcomeCode, text: { content: 'again' } }
    expect(await restored.call('externalcontact/send_welcome_msg', again)).toMatchObject({ errcode: 41051 })
  })

  it('pages batch/get_by_user identically', async () => {
    const { h, team } = await populate()
    const restored = open({ snapshot: throughJson(h.sim.snapshot()) })
    const pages = await allPages(h.call, team)
    expect(pages.length).toBeGreaterThan(5)
    expect(await allPages(restored.call, team)).toEqual(pages)
    // a cursor handed out before the restart keeps working after it
    const page = await h.call('externalcontact/batch/get_by_user', { userid_list: team, limit: 50 })
    const cursor = page.next_cursor as string
    const body = { userid_list: team, limit: 50, cursor }
    expect(await restored.call('externalcontact/batch/get_by_user', body)).toEqual(await h.call('externalcontact/batch/get_by_user', body))
  })

  it('continues the round-robin of a restored way where it left off', async () => {
    const { h, team, rrId } = await populate() // two scans so far: team[0], team[1]
    const restored = open({ snapshot: throughJson(h.sim.snapshot()) })
    const picks = async (sim: Sim) => {
      const out: string[] = []
      for (let i = 0; i < 5; i++) out.push((await sim.world.scan({ configId: rrId })).userid)
      return out
    }
    const expected = [team[2], team[3], team[0], team[1], team[2]]
    expect(await picks(restored.sim)).toEqual(expected)
    expect(await picks(h.sim)).toEqual(expected)
    expect((await restored.sim.world.scan({ state: 'spring' })).configId).toBe(rrId)
  })

  it('still serves uploaded media, on /sim/media and media/get', async () => {
    const { h, first, mediaId } = await populate()
    const restored = open({ snapshot: throughJson(h.sim.snapshot()) })
    const [message] = restored.sim.world.customerInbox(first.externalUserId)
    const mediaUrl = message?.kind === 'welcome' ? message.attachments[0]?.mediaUrl : undefined
    expect(mediaUrl).toBe(`/sim/media/${mediaId}`)
    const served = await restored.sim.app.inject({ method: 'GET', url: mediaUrl as string })
    expect(served.headers['content-type']).toBe('image/png')
    expect(served.rawPayload).toEqual(PNG)
    const viaApi = await restored.sim.app.inject({ method: 'GET', url: `/cgi-bin/media/get?access_token=${await restored.token()}&media_id=${mediaId}` })
    expect(viaApi.headers['content-disposition']).toContain('poster.png')
    expect(viaApi.rawPayload).toEqual(PNG)
  })

  it('is plain JSON and detached from the live world in both directions', async () => {
    const { h, first, rrId } = await populate()
    const snapshot = h.sim.snapshot()
    expect(throughJson(snapshot)).toEqual(snapshot)
    expect(JSON.stringify(snapshot)).not.toMatch(/"type":"Buffer"/)
    const json = JSON.stringify(snapshot)
    h.sim.world.addCustomer({ name: '李雷' })
    expect(JSON.stringify(snapshot)).toBe(json)
    const parsed = throughJson(snapshot)
    const a = open({ snapshot: parsed })
    const b = open({ snapshot: parsed })
    await a.sim.world.scan({ configId: rrId })
    a.sim.world.addCustomer({ name: '王芳' })
    a.sim.world.customers.findFollow(first.userid, first.externalUserId)?.tagIds.clear()
    const fresh = open({ snapshot }).sim.world.stats()
    expect(b.sim.world.stats()).toEqual(fresh)
    expect(a.sim.world.stats()).not.toEqual(fresh)
    expect(b.sim.world.customers.findFollow(first.userid, first.externalUserId)?.tagIds.size).toBeGreaterThan(0)
    expect(JSON.stringify(parsed)).toBe(json)
  })
})
