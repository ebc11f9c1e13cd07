import { describe, expect, it } from 'vitest'
import { type Harness, seededSims } from '../testing/harness'
import type { Sim } from '../types'

const setup = seededSims()
const DAY = 86_400_000

/** n historic customers of `userid` (no callbacks), with a remark and state to check they move on transfer. */
function seedFollows(sim: Sim, userid: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const c = sim.world.addCustomer({ name: `客户${userid}${i}` })
    sim.world.addFollow({ userid, externalUserId: c.externalUserId, state: `s${i}`, remark: `备注${i}` })
    return c.externalUserId
  })
}

const onJob = (call: Harness['call'], ids: string[], handover = 'zhangsan', takeover = 'lisi', extra: object = {}) =>
  call('externalcontact/transfer_customer', { handover_userid: handover, takeover_userid: takeover, external_userid: ids, ...extra })

const result = (call: Harness['call'], handover = 'zhangsan', takeover = 'lisi', path = 'externalcontact/transfer_result') =>
  call(path, { handover_userid: handover, takeover_userid: takeover })

/** Moves the sim clock on and fetches a fresh token (tokens live 2 h). */
const later = async (h: Harness, ms: number) => {
  h.clock.advance(ms)
  await h.token()
}

const errcodes = (reply: Record<string, unknown>) => (reply.customer as { errcode: number }[]).map((c) => c.errcode)

describe('externalcontact/transfer_customer (在职继承, CONTRACT §6)', () => {
  it('starts transfers and answers per-customer errcodes', async () => {
    const h = setup()
    const { sim, call, clock } = h
    const [a, b] = seedFollows(sim, 'zhangsan', 2) as [string, string]
    const [other] = seedFollows(sim, 'lisi', 1) as [string]
    const ghost = `wm${'x'.repeat(30)}`
    const reply = await onJob(call, [a, other, ghost, a], 'zhangsan', 'lisi', { transfer_success_msg: '您好，我是接替的理财经理' })
    expect(reply).toEqual({ errcode: 0, errmsg: 'ok', customer: [
      { external_userid: a, errcode: 0 },
      { external_userid: other, errcode: 84061 }, // not a customer of the handover
      { external_userid: ghost, errcode: 40096 },
      { external_userid: a, errcode: 40100 }, // already waiting
    ] })
    const due = Math.floor((clock.now() + DAY) / 1000)
    expect(await result(call)).toMatchObject({ customer: [{ external_userid: a, status: 2, takeover_time: due }], next_cursor: '' })
    expect(sim.world.pendingTransfers()).toEqual([expect.objectContaining({
      kind: 'onjob', handoverUserid: 'zhangsan', takeoverUserid: 'lisi', externalUserId: a, status: 2, transferSuccessMsg: '您好，我是接替的理财经理',
    })])
    expect(await onJob(call, [a], 'wangwu', 'lisi')).toMatchObject({ customer: [{ errcode: 84061 }] })
    expect(await onJob(call, [b], 'zhangsan', 'wangwu')).toMatchObject({ customer: [{ errcode: 0 }] })
    expect(sim.deliveries()).toEqual([]) // API calls produce no callbacks
  })

  it('rejects bad requests as a whole', async () => {
    const { sim, call } = setup()
    const [a] = seedFollows(sim, 'zhangsan', 1) as [string]
    sim.world.addEmployee({ userid: 'nocontact', name: '无权限', departments: [2], customerContact: false })
    sim.world.addEmployee({ userid: 'gone', name: '已离职', departments: [2], status: 5 })
    const many = Array.from({ length: 101 }, () => a)
    expect(await onJob(call, many)).toMatchObject({ errcode: 40058 })
    expect(await onJob(call, [])).toMatchObject({ errcode: 41035 })
    expect(await onJob(call, [a], 'ghost')).toMatchObject({ errcode: 40003 })
    expect(await onJob(call, [a], 'zhangsan', 'ghost')).toMatchObject({ errcode: 40003 })
    expect(await onJob(call, [a], 'newbie')).toMatchObject({ errcode: 41054 }) // not activated
    expect(await onJob(call, [a], 'zhangsan', 'newbie')).toMatchObject({ errcode: 41054 })
    expect(await onJob(call, [a], 'zhangsan', 'nocontact')).toMatchObject({ errcode: 41054 })
    expect(await onJob(call, [a], 'gone')).toMatchObject({ errcode: 40003 })
    expect(await onJob(call, [a], 'zhangsan', 'gone')).toMatchObject({ errcode: 40003 })
    expect(await onJob(call, [a], 'zhangsan', 'ZhangSan')).toMatchObject({ errcode: 40058 })
    expect(await onJob(call, [a], 'zhangsan', 'lisi', { transfer_success_msg: '长'.repeat(201) })).toMatchObject({ errcode: 40058 })
    expect(await call('externalcontact/transfer_result', { handover_userid: 'zhangsan', takeover_userid: 'lisi', cursor: 'garbage' }))
      .toMatchObject({ errcode: 40058 })
    expect(await call('externalcontact/transfer_customer', undefined, { handover_userid: 'zhangsan' })).toMatchObject({ errcode: 40058 }) // GET
    expect(sim.world.pendingTransfers()).toEqual([])
  })

  it('waits 24 h of the sim clock, then moves the relation with its remark, tags and state', async () => {
    const h = setup()
    const { sim, call, clock } = h
    const [a] = seedFollows(sim, 'zhangsan', 1) as [string]
    const tag = sim.world.addCorpTagGroup({ name: '等级', tags: ['VIP'] }).tags[0]?.id as string
    expect(await call('externalcontact/mark_tag', { userid: 'zhangsan', external_userid: a, add_tag: [tag] })).toMatchObject({ errcode: 0 })
    const started = clock.now()
    await onJob(call, [a])
    await later(h, DAY - 1000)
    expect(await result(call)).toMatchObject({ customer: [{ status: 2 }] })
    expect(await call('externalcontact/list', undefined, { userid: 'zhangsan' })).toMatchObject({ external_userid: [a] })
    await later(h, 1000)
    const doneAt = Math.floor((started + DAY) / 1000)
    expect(await result(call)).toMatchObject({ customer: [{ external_userid: a, status: 1, takeover_time: doneAt }] })
    expect(await call('externalcontact/list', undefined, { userid: 'zhangsan' })).toMatchObject({ external_userid: [] })
    const got = await call('externalcontact/get', undefined, { external_userid: a })
    expect(got.follow_user).toEqual([expect.objectContaining({
      userid: 'lisi', remark: '备注0', state: 's0', add_way: 202, createtime: doneAt, tags: [expect.objectContaining({ tag_id: tag })],
    })])
    expect(sim.world.pendingTransfers()).toEqual([])
  })

  it('allows 2 on-job transfers of a customer per 90 days (40128, UNCONFIRMED code)', async () => {
    const h = setup()
    const { sim, call } = h
    const [a] = seedFollows(sim, 'zhangsan', 1) as [string]
    expect(errcodes(await onJob(call, [a], 'zhangsan', 'lisi'))).toEqual([0])
    await later(h, DAY)
    expect(errcodes(await onJob(call, [a], 'lisi', 'wangwu'))).toEqual([0])
    await later(h, DAY)
    expect(errcodes(await onJob(call, [a], 'wangwu', 'zhangsan'))).toEqual([40128])
    await later(h, 88 * DAY) // the first transfer started 90 days ago now
    expect(errcodes(await onJob(call, [a], 'wangwu', 'zhangsan'))).toEqual([0])
  })

  it('refused transfers do not count and free the customer for another try', async () => {
    const { sim, call } = setup()
    const [a] = seedFollows(sim, 'zhangsan', 1) as [string]
    for (let i = 0; i < 3; i++) {
      expect(errcodes(await onJob(call, [a]))).toEqual([0])
      sim.world.refuseTransfer(a)
    }
    expect(await result(call)).toMatchObject({ customer: [{ external_userid: a, status: 3 }] })
    expect((await result(call)).customer).toHaveLength(1) // the latest record per customer
    expect(() => sim.world.refuseTransfer(a)).toThrow(expect.objectContaining({ code: 'sim.waiting_transfer.not_found' }))
  })

  it('takeover at its customer limit: 40099 at start, status 4 when it fills up meanwhile', async () => {
    const h = setup({ limits: { customersPerEmployee: 2 } })
    const { sim, call } = h
    const [a, b, c] = seedFollows(sim, 'zhangsan', 3) as [string, string, string]
    seedFollows(sim, 'lisi', 1)
    expect(errcodes(await onJob(call, [a, b]))).toEqual([0, 0]) // lisi has 1 of 2
    await later(h, DAY)
    expect(await result(call)).toMatchObject({ customer: [{ external_userid: a, status: 1 }, { external_userid: b, status: 4 }] })
    expect(errcodes(await onJob(call, [c]))).toEqual([40099])
    expect(await call('externalcontact/list', undefined, { userid: 'zhangsan' })).toMatchObject({ external_userid: [b, c] })
  })
})

describe('离职继承: get_unassigned_list and resigned/transfer_customer (CONTRACT §6)', () => {
  it('lists customers of members who left, transfers them and completes after 24 h without a handover callback', async () => {
    const h = setup()
    const { sim, call, clock } = h
    const ids = seedFollows(sim, 'zhangsan', 3)
    const resigned = (list: string[], handover = 'zhangsan') => call('externalcontact/resigned/transfer_customer',
      { handover_userid: handover, takeover_userid: 'lisi', external_userid: list })
    expect(await resigned(ids)).toMatchObject({ errcode: 40097 }) // still on the job
    expect(await call('externalcontact/get_unassigned_list', {})).toMatchObject({ info: [], is_last: true, next_cursor: '' })
    sim.world.setEmployeeStatus('zhangsan', 5)
    const left = Math.floor(clock.now() / 1000)
    const first = await call('externalcontact/get_unassigned_list', { page_size: 2 })
    expect(first).toMatchObject({ errcode: 0, is_last: false, info: ids.slice(0, 2).map((id) => ({
      handover_userid: 'zhangsan', external_userid: id, dimission_time: left,
    })) })
    const second = await call('externalcontact/get_unassigned_list', { page_size: 2, cursor: first.next_cursor })
    expect(second).toMatchObject({ is_last: true, next_cursor: '', info: [{ external_userid: ids[2] }] })
    expect(await call('externalcontact/get_unassigned_list', { page_size: 2, page_id: 1 })).toMatchObject({ info: [{ external_userid: ids[2] }] })
    expect(await call('externalcontact/get_unassigned_list', { page_size: 1001 })).toMatchObject({ errcode: 40058 })
    expect(await call('externalcontact/transfer_customer', { handover_userid: 'zhangsan', takeover_userid: 'lisi', external_userid: ids }))
      .toMatchObject({ errcode: 40003 }) // on-job transfer of a member who left

    expect(errcodes(await resigned(ids.slice(0, 2)))).toEqual([0, 0])
    expect(await call('externalcontact/get_unassigned_list', {})).toMatchObject({ info: [{ external_userid: ids[2] }], is_last: true })
    expect(await result(call, 'zhangsan', 'lisi', 'externalcontact/resigned/transfer_result')).toMatchObject({
      customer: [{ external_userid: ids[0], status: 2 }, { external_userid: ids[1], status: 2 }],
    })
    expect(await result(call)).toMatchObject({ customer: [] }) // on-job results are a separate list
    await later(h, DAY)
    expect(await result(call, 'zhangsan', 'lisi', 'externalcontact/resigned/transfer_result')).toMatchObject({
      customer: [{ status: 1 }, { status: 1 }],
    })
    expect(await call('externalcontact/list', undefined, { userid: 'lisi' })).toMatchObject({ external_userid: ids.slice(0, 2) })
    expect(sim.world.followsOfCustomer(ids[0] as string).map((f) => [f.userid, f.addWay])).toEqual([['lisi', 202]])
    await sim.idle()
    expect(sim.deliveries().map((d) => [d.event.changeType, d.event.userid])).toEqual([
      ['add_external_contact', 'lisi'], ['add_external_contact', 'lisi'],
    ])
    sim.world.setEmployeeStatus('zhangsan', 1) // rehired: off the list, dimission time cleared
    expect(await call('externalcontact/get_unassigned_list', {})).toMatchObject({ info: [] })
    expect(sim.world.org.findEmployee('zhangsan')).not.toHaveProperty('dimissionTime')
  })
})
