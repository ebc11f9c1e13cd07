import { XMLParser } from 'fast-xml-parser'
import { afterEach, describe, expect, it } from 'vitest'
import { AES_KEY, CALLBACK_TOKEN, CORP_ID, harness, seedSmallOrg } from './testing/harness'
import { type ReceiverBehaviour, startReceiver } from './testing/receiver'
import type { SimOptions } from './types'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

const parseXml = (xml: string) => (new XMLParser({ parseTagValue: false }).parse(xml) as { xml: Record<string, string> }).xml

async function setup(behaviour: ReceiverBehaviour = {}, opts: Partial<SimOptions> = {}) {
  const receiver = await startReceiver(CALLBACK_TOKEN, AES_KEY, behaviour)
  cleanups.push(() => receiver.close())
  const h = harness({ callback: { url: receiver.url, token: CALLBACK_TOKEN, encodingAESKey: AES_KEY }, ...opts })
  cleanups.push(() => h.sim.close())
  seedSmallOrg(h.sim)
  const way = await h.call('externalcontact/add_contact_way', { type: 2, scene: 2, user: ['zhangsan', 'lisi', 'wangwu'], state: 'spring' })
  return { ...h, receiver, configId: way.config_id as string }
}

const fast = { delivery: { retryDelayMs: 10 } }

describe('add_external_contact callback (CONTRACT §2, §7.1, §9.3)', () => {
  it('verifies the URL, then POSTs a signed, encrypted event a receiver can decrypt', async () => {
    const { sim, receiver, configId, call } = await setup()
    const scan = await sim.world.scan({ configId, customer: { name: '周小姐' } })
    const record = await scan.delivery
    expect(record).toMatchObject({ status: 'delivered', attempts: 1 })
    expect(receiver.gets).toBe(1)
    const [post] = receiver.posts
    expect(post?.signatureOk).toBe(true)
    expect(post?.receiveId).toBe(CORP_ID)
    const envelope = parseXml(post?.body ?? '')
    expect(envelope).toMatchObject({ ToUserName: CORP_ID, AgentID: '1000002' })
    expect(parseXml(post?.xml ?? '')).toMatchObject({
      ToUserName: CORP_ID, FromUserName: 'sys', MsgType: 'event', Event: 'change_external_contact',
      ChangeType: 'add_external_contact', UserID: scan.userid, ExternalUserID: scan.externalUserId,
      State: 'spring', WelcomeCode: scan.welcomeCode,
    })
    const contact = await call('externalcontact/get', undefined, { external_userid: scan.externalUserId })
    expect(contact.follow_user).toEqual([expect.objectContaining({ userid: scan.userid, add_way: 1, state: 'spring', oper_userid: scan.externalUserId })])
    expect(sim.deliveries()).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1, url: receiver.url })])
  })

  it('verifies a URL once and rotates new customers round-robin over the way members', async () => {
    const { sim, receiver, configId } = await setup()
    const userids: string[] = []
    for (let i = 0; i < 6; i++) userids.push((await sim.world.scan({ configId })).userid)
    await sim.idle()
    expect(userids).toEqual(['zhangsan', 'lisi', 'wangwu', 'zhangsan', 'lisi', 'wangwu'])
    expect(receiver.gets).toBe(1)
    expect(receiver.posts).toHaveLength(6)
  })

  it('skips members the customer already has and refuses when none is left', async () => {
    const { sim, configId } = await setup()
    const first = await sim.world.scan({ configId })
    const again = await sim.world.scan({ configId, customer: { externalUserId: first.externalUserId } })
    expect(again.userid).not.toBe(first.userid)
    await sim.world.scan({ configId, customer: { externalUserId: first.externalUserId } })
    await expect(sim.world.scan({ configId, customer: { externalUserId: first.externalUserId } })).rejects.toMatchObject({ code: 'sim.scan.no_member' })
  })

  it('retries a receiver that answers 500 twice, then 200: three attempts', async () => {
    const { sim, receiver, configId } = await setup({ post: (n) => ({ status: n <= 2 ? 500 : 200 }) }, fast)
    const record = await (await sim.world.scan({ configId })).delivery
    expect(record).toMatchObject({ status: 'delivered', attempts: 3 })
    expect(receiver.posts).toHaveLength(3)
    const nonces = receiver.posts.map((p) => p.query.get('nonce'))
    expect(new Set(nonces).size).toBe(3) // fresh nonce and signature per attempt…
    expect(new Set(receiver.posts.map((p) => p.xml)).size).toBe(1) // …over the same plaintext
    expect(receiver.posts.every((p) => p.signatureOk)).toBe(true)
  })

  it('retries a receiver slower than timeoutMs and aborts the slow request', async () => {
    const { sim, receiver, configId } = await setup({ post: (n) => ({ delayMs: n === 1 ? 600 : 0 }) }, { delivery: { timeoutMs: 200, retryDelayMs: 10 } })
    const record = await (await sim.world.scan({ configId })).delivery
    expect(record).toMatchObject({ status: 'delivered', attempts: 2 })
    expect(receiver.posts).toHaveLength(2)
  })

  it('fails after 1 + retries attempts and keeps the last error', async () => {
    const { sim, configId } = await setup({ post: () => ({ status: 503 }) }, { delivery: { retries: 2, retryDelayMs: 5 } })
    const record = await (await sim.world.scan({ configId })).delivery
    expect(record).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 503' })
  })

  it('marks deliveries failed with a clear reason when the echo check fails, and re-verifies later', async () => {
    let echoOk = false
    const { sim, receiver, configId } = await setup({ echo: (plain) => (echoOk ? plain : `"${plain}"\n`) })
    const record = await (await sim.world.scan({ configId })).delivery
    expect(record.status).toBe('failed')
    expect(record.attempts).toBe(0)
    expect(record.lastError).toMatch(/callback URL verification failed: expected the echostr plaintext/)
    expect(receiver.posts).toHaveLength(0)
    echoOk = true
    expect(await (await sim.world.scan({ configId })).delivery).toMatchObject({ status: 'delivered' })
    expect(receiver.gets).toBe(2)
  })

  it('fails without a callback and delivers after setCallback', async () => {
    const h = harness()
    cleanups.push(() => h.sim.close())
    seedSmallOrg(h.sim)
    const way = await h.call('externalcontact/add_contact_way', { type: 1, scene: 2, user: ['lisi'], state: 'later' })
    const first = await (await h.sim.world.scan({ configId: way.config_id as string })).delivery
    expect(first).toMatchObject({ status: 'failed', lastError: expect.stringContaining('no callback') })
    const receiver = await startReceiver(CALLBACK_TOKEN, AES_KEY)
    cleanups.push(() => receiver.close())
    h.sim.setCallback({ url: receiver.url, token: CALLBACK_TOKEN, encodingAESKey: AES_KEY })
    expect(await (await h.sim.world.scan({ state: 'later' })).delivery).toMatchObject({ status: 'delivered' })
  })

  it('close() aborts deliveries still retrying', async () => {
    const { sim, configId } = await setup({ post: () => ({ status: 500 }) }, { delivery: { retryDelayMs: 60_000 } })
    const scan = await sim.world.scan({ configId })
    await new Promise((r) => setTimeout(r, 50))
    await sim.close()
    expect(await scan.delivery).toMatchObject({ status: 'failed', lastError: expect.stringContaining('closed') })
  })
})

describe('deletion callbacks', () => {
  it('del_follow_user keeps the one-way relation; del_external_contact removes it', async () => {
    const { sim, receiver, configId, call } = await setup()
    const a = await sim.world.scan({ configId })
    const removed = await sim.world.customerDeletesEmployee(a.externalUserId, a.userid)
    expect(await removed.delivery).toMatchObject({ status: 'delivered' })
    expect(parseXml(receiver.posts[1]?.xml ?? '')).toMatchObject({ ChangeType: 'del_follow_user', UserID: a.userid, ExternalUserID: a.externalUserId })
    expect(sim.world.contactsOfCustomer(a.externalUserId)).toEqual([])
    const list = await call('externalcontact/list', undefined, { userid: a.userid })
    expect(list.external_userid).toContain(a.externalUserId) // CONTRACT §3.1: still a relation for the member
    const gone = await sim.world.employeeDeletesCustomer(a.userid, a.externalUserId)
    expect(await gone.delivery).toMatchObject({ status: 'delivered' })
    expect(parseXml(receiver.posts[2]?.xml ?? '')).toMatchObject({ ChangeType: 'del_external_contact' })
    expect(await call('externalcontact/list', undefined, { userid: a.userid })).toMatchObject({ external_userid: [] })
    expect(await call('externalcontact/get', undefined, { external_userid: a.externalUserId })).toMatchObject({ errcode: 84061 })
  })
})
