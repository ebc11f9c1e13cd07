import { createCallbackCrypto } from '@pond/wecom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callbacksProcessed, contactEventXml, eventually, sealCallback, TEST_KEYS, testApp, testDatabaseUrl, type TestApp } from '../testing/test-app'

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => { await t?.close() })

const inboxCount = async () => Number((await t.app.db.selectFrom('inboxEvent').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
const post = (req: { url: string; body: string }) => t.app.http.inject({ method: 'POST', url: req.url, payload: req.body, headers: { 'content-type': 'text/xml' } })
const someEmployee = () => t.sim.world.listEmployees()[0]!.userid

async function liveCodeWithWelcome() {
  const employee = (await t.app.org.listActiveEmployees(t.app.corp.id))[0]!
  return t.app.acquisition.create({ corpId: t.app.corp.id, userId: 'x', username: 'x', role: 'super_admin', scope: { kind: 'all' } }, {
    name: '重复回调', channelGroup: '', employees: [{ employeeId: employee.id, dailyCap: null }], backupEmployeeId: null,
    skipVerify: true, tagIds: [], welcome: { text: '只发一次', attachments: [] }, remark: '',
  })
}

describe('callback endpoint: verification', () => {
  it('answers the GET echo with exactly the decrypted plaintext', async () => {
    const crypto = createCallbackCrypto({ token: TEST_KEYS.token, encodingAESKey: TEST_KEYS.encodingAESKey, receiveId: TEST_KEYS.corpId })
    const echostr = crypto.encrypt('1288432023552776189')
    const res = await t.app.http.inject({ method: 'GET', url: `/wecom/callback?msg_signature=${crypto.sign('1', '2', echostr)}&timestamp=1&nonce=2&echostr=${encodeURIComponent(echostr)}` })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('1288432023552776189')
  })

  it('rejects a GET echo with a wrong signature', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: `/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=1&nonce=2&echostr=abc` })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('wecom.callback.signature_mismatch')
  })

  it.each([
    ['a wrong signature', (r: { url: string; body: string }) => ({ ...r, url: r.url.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'a'.repeat(40)}`) }), 401, 'wecom.callback.signature_mismatch'],
    ['a tampered ciphertext', (r: { url: string; body: string }) => ({ ...r, body: r.body.replace(/<Encrypt><!\[CDATA\[(.)/, (_m, c: string) => `<Encrypt><![CDATA[${c === 'A' ? 'B' : 'A'}`) }), 401, 'wecom.callback.signature_mismatch'],
    ['malformed XML', (r: { url: string; body: string }) => ({ ...r, body: '<xml><Encrypt>' }), 400, 'wecom.callback.malformed'],
    ['an oversized body', (r: { url: string; body: string }) => ({ ...r, body: `<xml>${'x'.repeat(70 * 1024)}</xml>` }), 413, 'request.too_large'],
    ['a missing signature', (r: { url: string; body: string }) => ({ ...r, url: '/wecom/callback?timestamp=1&nonce=2' }), 400, 'request.invalid'],
  ])('rejects %s and writes nothing', async (_name, tamper, status, code) => {
    const before = await inboxCount()
    const req = tamper(sealCallback(contactEventXml({ changeType: 'add_external_contact', userid: someEmployee(), externalUserId: 'wmTAMPER', createTime: 1_700_000_000, state: '' })))
    const res = await post(req)
    expect(res.statusCode).toBe(status)
    expect(res.json().error.code).toBe(code)
    expect(await inboxCount()).toBe(before)
  })

  it('rejects a callback encrypted for another corp (receiveid)', async () => {
    const before = await inboxCount()
    const res = await post(sealCallback(contactEventXml({ changeType: 'del_follow_user', userid: 'u', externalUserId: 'wmX', createTime: 1 }), { ...TEST_KEYS, corpId: 'wwffffffffffffffff' }))
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('wecom.callback.receiveid_mismatch')
    expect(await inboxCount()).toBe(before)
  })

  it('rejects a decrypted payload that is not an event document', async () => {
    const res = await post(sealCallback('not xml at all <'))
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('wecom.callback.malformed')
  })
})

describe('callback endpoint: exactly-once processing', () => {
  it('yields one customer and one welcome when WeCom delivers the same add twice', async () => {
    const code = await liveCodeWithWelcome()
    const scan = await t.sim.world.scan({ configId: code.configId! })
    await scan.delivery
    // Replay the very event the sandbox delivered (same plaintext), twice more: WeCom retries look like this.
    const delivered = t.sim.deliveries().find((d) => d.event.externalUserId === scan.externalUserId)!
    const replay = contactEventXml({ changeType: 'add_external_contact', userid: scan.userid, externalUserId: scan.externalUserId, createTime: delivered.event.createTime, state: scan.state, welcomeCode: scan.welcomeCode })
    expect((await post(sealCallback(replay))).statusCode).toBe(200)
    expect((await post(sealCallback(replay))).statusCode).toBe(200)
    await eventually(async () => t.sim.world.customerInbox(scan.externalUserId).length > 0, 'welcome delivered')
    await callbacksProcessed(t.app, scan.externalUserId)
    const customers = await t.app.db.selectFrom('customer').select('id').where('externalUserId', '=', scan.externalUserId).execute()
    expect(customers).toHaveLength(1)
    expect(t.sim.world.customerInbox(scan.externalUserId)).toHaveLength(1)
    // The sandbox shows the welcome as soon as WeCom accepts it; Pond records 'sent' when the send job commits.
    const welcomes = () => t.app.db.selectFrom('welcomeSend').select(['status']).where('externalUserId', '=', scan.externalUserId).execute()
    await eventually(async () => (await welcomes()).every((w) => w.status !== 'pending'), 'welcome send settled')
    expect(await welcomes()).toEqual([{ status: 'sent' }])
  })

  it('keeps the newer fact when a deletion arrives before the add it follows', async () => {
    const code = await liveCodeWithWelcome()
    const scan = await t.sim.world.scan({ configId: code.configId! })
    await scan.delivery
    const addedAt = t.sim.deliveries().find((d) => d.event.externalUserId === scan.externalUserId)!.event.createTime
    // A second customer whose deletion (t+10) is processed before its add (t): crafted, as WeCom may reorder.
    const late = { userid: scan.userid, externalUserId: 'wmOUTOFORDER0000000000000000000' }
    t.sim.world.addCustomer({ externalUserId: late.externalUserId, name: '乱序客户' })
    t.sim.world.addFollow({ userid: late.userid, externalUserId: late.externalUserId, state: scan.state, createtime: addedAt })
    expect((await post(sealCallback(contactEventXml({ changeType: 'del_follow_user', ...late, createTime: addedAt + 10 }))))).toMatchObject({ statusCode: 200 })
    await eventually(() => t.app.db.selectFrom('customerFollow as f').innerJoin('customer as c', 'c.id', 'f.customerId').select('f.status')
      .where('c.externalUserId', '=', late.externalUserId).executeTakeFirst(), 'deletion processed')
    expect((await post(sealCallback(contactEventXml({ changeType: 'add_external_contact', ...late, createTime: addedAt, state: scan.state }))))).toMatchObject({ statusCode: 200 })
    const follow = await eventually(async () => t.app.db.selectFrom('customerFollow as f').innerJoin('customer as c', 'c.id', 'f.customerId')
      .select(['f.status', 'c.name']).where('c.externalUserId', '=', late.externalUserId).where('c.name', '=', '乱序客户').executeTakeFirst(), 'add processed')
    expect(follow.status).toBe('deleted_by_customer')
  })
})

describe('a worker that dies loses nothing', () => {
  it('a working process leases the callbacks it stores to its own drain, so they are due for every worker if it dies', async () => {
    const xml = contactEventXml({ changeType: 'del_follow_user', userid: someEmployee(), externalUserId: 'wmOWNLEASE0000000000000000000000', createTime: 1_700_000_200 })
    expect((await post(sealCallback(xml))).statusCode).toBe(200)
    await callbacksProcessed(t.app, 'wmOWNLEASE0000000000000000000000')
    const row = await t.app.db.selectFrom('inboxEvent').select(['receivedAt', 'nextAttemptAt']).where('payload', 'like', '%wmOWNLEASE%').executeTakeFirstOrThrow()
    // Processed by its own process without a claim: the lease it was stored with is still on the row.
    expect((row.nextAttemptAt.getTime() - row.receivedAt.getTime()) / 1000).toBeCloseTo(60, -1)
  })

  it('leaves a row claimed by a dead worker alone until its lease ends, then processes it', async () => {
    const xml = contactEventXml({ changeType: 'del_follow_user', userid: t.sim.world.listEmployees()[0]!.userid, externalUserId: 'wmLEASED000000000000000000000000', createTime: 1_700_000_100 })
    const [row] = await t.app.db.insertInto('inboxEvent').values({
      corpId: t.app.corp.id, dedupeKey: 'lease-test', event: 'change_external_contact', changeType: 'del_follow_user', payload: xml,
      nextAttemptAt: new Date(Date.now() + 300_000),           // as claimDue leaves it for the worker that died
    }).returning('id').execute()
    await t.app.inbox.drain()
    expect((await t.app.db.selectFrom('inboxEvent').select('processedAt').where('id', '=', row!.id).executeTakeFirstOrThrow()).processedAt).toBeNull()
    await t.app.db.updateTable('inboxEvent').set({ nextAttemptAt: new Date(Date.now() - 1000) }).where('id', '=', row!.id).execute()
    await t.app.inbox.drain()
    expect((await t.app.db.selectFrom('inboxEvent').select('processedAt').where('id', '=', row!.id).executeTakeFirstOrThrow()).processedAt).not.toBeNull()
  })


  it('processes callbacks stored by an API-only process once a worker starts', async () => {
    const databaseUrl = await testDatabaseUrl()
    const api = await testApp({ databaseUrl, role: 'api' })
    const code = await api.app.acquisition.create({ corpId: api.app.corp.id, userId: 'x', username: 'x', role: 'super_admin', scope: { kind: 'all' } }, {
      name: '无工作进程', channelGroup: '', employees: [{ employeeId: (await api.app.org.listActiveEmployees(api.app.corp.id))[0]!.id, dailyCap: null }],
      backupEmployeeId: null, skipVerify: true, tagIds: [], welcome: null, remark: '',
    })
    const scan = await api.sim.world.scan({ configId: code.configId! })
    expect((await scan.delivery).status).toBe('delivered')
    const pending = await api.app.db.selectFrom('inboxEvent').select(['id', 'receivedAt', 'nextAttemptAt']).where('processedAt', 'is', null).execute()
    expect(pending).toHaveLength(1)
    expect(pending[0]!.nextAttemptAt.getTime()).toBe(pending[0]!.receivedAt.getTime())    // no worker here: due for any at once
    await api.app.stop()                                    // the process goes away with work queued
    // The new process gets its own sandbox: give it the world WeCom already had.
    const worker = await testApp({ databaseUrl, role: 'worker', prepare: (sim) => {
      sim.world.addCustomer({ externalUserId: scan.externalUserId, name: '断电客户' })
      sim.world.addFollow({ userid: scan.userid, externalUserId: scan.externalUserId, state: scan.state })
    } })
    try {
      const row = await eventually(() => worker.app.db.selectFrom('customer').select(['name']).where('externalUserId', '=', scan.externalUserId).executeTakeFirst(), 'customer stored by the worker')
      expect(row.name).toBe('断电客户')
    } finally {
      await worker.close()
      await api.sim.close()
    }
  })
})
