import { XMLParser } from 'fast-xml-parser'
import { afterEach, describe, expect, it } from 'vitest'
import { AES_KEY, CALLBACK_TOKEN, type Harness, harness, seedSmallOrg } from '../testing/harness'
import { startReceiver } from '../testing/receiver'
import type { SimOptions } from '../types'
import type { WorldSnapshot } from './snapshot'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

const DAY = 86_400_000
const parseXml = (xml: string) => (new XMLParser({ parseTagValue: false }).parse(xml) as { xml: Record<string, string> }).xml

/** A seeded sim whose callbacks go to a test receiver with its own decrypt; zhangsan has two customers. */
async function setup(opts: Partial<SimOptions> = {}) {
  const receiver = await startReceiver(CALLBACK_TOKEN, AES_KEY)
  cleanups.push(() => receiver.close())
  const h = open({ callback: { url: receiver.url, token: CALLBACK_TOKEN, encodingAESKey: AES_KEY }, ...opts })
  const ids = ['韩梅梅', '李雷'].map((name) => {
    const c = h.sim.world.addCustomer({ name })
    h.sim.world.addFollow({ userid: 'zhangsan', externalUserId: c.externalUserId, remark: name, state: 'spring' })
    return c.externalUserId
  })
  const transfer = (list: string[], path = 'externalcontact/transfer_customer') =>
    h.call(path, { handover_userid: 'zhangsan', takeover_userid: 'lisi', external_userid: list })
  const events = async () => {
    await h.sim.idle()
    expect(receiver.posts.every((p) => p.signatureOk)).toBe(true)
    return receiver.posts.map((p): Record<string, string | undefined> => ({ ...parseXml(p.xml), raw: p.xml }))
  }
  return { ...h, receiver, ids, transfer, events }
}

function open(opts: Partial<SimOptions> = {}): Harness {
  const h = harness(opts)
  cleanups.push(() => h.sim.close())
  if (!opts.snapshot) seedSmallOrg(h.sim)
  return h
}

const throughJson = (snapshot: WorldSnapshot) => JSON.parse(JSON.stringify(snapshot)) as WorldSnapshot

describe('transfer callbacks (CONTRACT §7.1)', () => {
  it('a refusal ends the transfer with status 3 and a transfer_fail customer_refused to the takeover', async () => {
    const { sim, ids, transfer, events, call } = await setup()
    const [a] = ids as [string]
    expect(await transfer([a])).toMatchObject({ customer: [{ errcode: 0 }] })
    const refused = sim.world.refuseTransfer(a)
    expect(refused).toMatchObject({ externalUserId: a, userid: 'lisi' })
    expect(await refused.delivery).toMatchObject({ status: 'delivered' })
    const [event] = await events()
    expect(event).toMatchObject({
      Event: 'change_external_contact', ChangeType: 'transfer_fail', FailReason: 'customer_refused',
      UserID: 'lisi', ExternalUserID: a,
    })
    expect(event?.raw).toMatch(/<ChangeType><!\[CDATA\[transfer_fail\]\]><\/ChangeType><FailReason><!\[CDATA\[customer_refused\]\]><\/FailReason><UserID>/)
    expect(await call('externalcontact/transfer_result', { handover_userid: 'zhangsan', takeover_userid: 'lisi' }))
      .toMatchObject({ customer: [{ external_userid: a, status: 3 }] })
    expect(sim.world.followsOfCustomer(a).map((f) => f.userid)).toEqual(['zhangsan']) // nothing moved
    expect(sim.world.pendingTransfers()).toEqual([])
  })

  it('completion adds the takeover (add_external_contact) and removes the handover (del_external_contact DELETE_BY_TRANSFER)', async () => {
    const { sim, clock, ids, transfer, events } = await setup()
    const [a, b] = ids as [string, string]
    sim.world.addFollow({ userid: 'lisi', externalUserId: b }) // already a friend of the takeover: no add event
    await transfer([a, b])
    clock.advance(DAY - 1)
    expect(sim.world.completeDueTransfers()).toEqual([])
    expect(sim.world.pendingTransfers()).toHaveLength(2)
    clock.advance(1)
    expect(sim.world.completeDueTransfers().map((t) => [t.externalUserId, t.status])).toEqual([[a, 1], [b, 1]])
    expect(sim.world.contactsOfCustomer(a).map((e) => e.userid)).toEqual(['lisi'])
    expect(sim.world.followsOfCustomer(a)[0]).toMatchObject({ userid: 'lisi', remark: '韩梅梅', state: 'spring', addWay: 202 })
    const got = (await events()).map((e) => ({
      ChangeType: e.ChangeType, UserID: e.UserID, ExternalUserID: e.ExternalUserID, Source: e.Source, WelcomeCode: e.WelcomeCode,
    }))
    expect(got).toEqual([
      { ChangeType: 'add_external_contact', UserID: 'lisi', ExternalUserID: a, Source: undefined, WelcomeCode: undefined },
      { ChangeType: 'del_external_contact', UserID: 'zhangsan', ExternalUserID: a, Source: 'DELETE_BY_TRANSFER', WelcomeCode: undefined },
      { ChangeType: 'del_external_contact', UserID: 'zhangsan', ExternalUserID: b, Source: 'DELETE_BY_TRANSFER', WelcomeCode: undefined },
    ])
    expect(sim.world.completeDueTransfers()).toEqual([]) // settled once
  })

  it('a takeover that reached its customer limit gets transfer_fail customer_limit_exceed', async () => {
    const { sim, clock, ids, transfer, events } = await setup({ limits: { customersPerEmployee: 1 } })
    const [a, b] = ids as [string, string]
    expect(await transfer([a, b])).toMatchObject({ customer: [{ errcode: 0 }, { errcode: 0 }] })
    clock.advance(DAY)
    expect(sim.world.completeDueTransfers().map((t) => t.status)).toEqual([1, 4])
    const fails = (await events()).filter((e) => e.ChangeType === 'transfer_fail')
    expect(fails).toEqual([expect.objectContaining({ FailReason: 'customer_limit_exceed', UserID: 'lisi', ExternalUserID: b })])
    expect(sim.world.followsOfCustomer(b).map((f) => f.userid)).toEqual(['zhangsan'])
  })
})

describe('transfers in the world snapshot', () => {
  it('a waiting transfer survives a restart and completes there', async () => {
    const { sim, ids, transfer, call } = await setup()
    const [a, b] = ids as [string, string]
    await transfer([a])
    sim.world.refuseTransfer(a)
    await transfer([a, b])
    const snapshot = throughJson(sim.snapshot())
    expect(snapshot.transfers?.transfers).toHaveLength(3)
    const restored = open({ snapshot })
    expect(restored.sim.world.pendingTransfers()).toEqual(sim.world.pendingTransfers())
    const again = { handover_userid: 'zhangsan', takeover_userid: 'lisi', external_userid: [a] }
    expect(await restored.call('externalcontact/transfer_customer', again)).toMatchObject({ customer: [{ errcode: 40100 }] })
    const results = { handover_userid: 'zhangsan', takeover_userid: 'lisi' }
    expect(await restored.call('externalcontact/transfer_result', results)).toEqual(await call('externalcontact/transfer_result', results))
    restored.clock.advance(DAY)
    expect(restored.sim.world.completeDueTransfers().map((t) => t.externalUserId)).toEqual([a, b])
    expect(restored.sim.world.contactsOfCustomer(b).map((e) => e.userid)).toEqual(['lisi'])
    expect(restored.sim.snapshot().transfers?.seq).toBe(3)
  })

  it('loads snapshots without a transfers section and rejects a malformed one', async () => {
    const { sim, ids, transfer } = await setup()
    await transfer(ids)
    const { transfers: _transfers, ...old } = throughJson(sim.snapshot())
    const restored = open({ snapshot: old as WorldSnapshot })
    expect(restored.sim.world.pendingTransfers()).toEqual([])
    expect(restored.sim.world.stats().follows).toBe(2)
    const bad = { ...old, transfers: { transfers: 'no' } } as unknown as WorldSnapshot
    expect(() => harness({ snapshot: bad })).toThrow(expect.objectContaining({ code: 'sim.snapshot.invalid' }))
  })
})

describe('transfers through the /sim world API', () => {
  it('lists pending transfers, refuses one and lets a member leave', async () => {
    const { sim, ids, transfer, events } = await setup()
    const [a, b] = ids as [string, string]
    await transfer([a])
    const pending = await sim.app.inject({ method: 'GET', url: '/sim/transfers' })
    expect(pending.json()).toEqual({ pending: [expect.objectContaining({ externalUserId: a, takeoverUserid: 'lisi', status: 2 })] })
    const refused = await sim.app.inject({ method: 'POST', url: `/sim/customers/${a}/refuse-transfer` })
    expect(refused.json()).toEqual({ externalUserId: a, userid: 'lisi' })
    const twice = await sim.app.inject({ method: 'POST', url: `/sim/customers/${a}/refuse-transfer` })
    expect(twice.statusCode).toBe(404)
    expect((await events()).map((e) => e.FailReason)).toEqual(['customer_refused'])
    const left = await sim.app.inject({ method: 'POST', url: '/sim/employees/zhangsan/status', payload: { status: 5 } })
    expect(left.json()).toMatchObject({ userid: 'zhangsan', status: 5, dimissionTime: Math.floor(sim.world.now() / 1000), customerCount: 2 })
    const bad = await sim.app.inject({ method: 'POST', url: '/sim/employees/zhangsan/status', payload: { status: 3 } })
    expect(bad.statusCode).toBe(400)
    expect(sim.world.transfers.unassigned().map((r) => r.follow.externalUserId)).toEqual([a, b])
  })
})
