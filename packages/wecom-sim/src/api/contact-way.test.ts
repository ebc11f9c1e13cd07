import { describe, expect, it } from 'vitest'
import { seededSims } from '../testing/harness'

const setup = seededSims()

describe('add_contact_way validation (CONTRACT §3.3)', () => {
  it.each([
    [{ scene: 2, user: ['zhangsan'] }, 41037],
    [{ type: 1, user: ['zhangsan'] }, 41038],
    [{ type: 3, scene: 2, user: ['zhangsan'] }, 41039],
    [{ type: 1, scene: 5, user: ['zhangsan'] }, 41040],
    [{ type: 1, scene: 2, user: ['zhangsan'], state: 'x'.repeat(31) }, 40058],
    [{ type: 1, scene: 2, user: ['zhangsan'], remark: '备'.repeat(31) }, 40058],
    [{ type: 1, scene: 2, user: ['zhangsan', 'lisi'] }, 40058],
    [{ type: 2, scene: 2 }, 40058],
    [{ type: 1, scene: 2, user: ['ghost'] }, 40003],
    [{ type: 1, scene: 2, user: ['newbie'] }, 41054],
    [{ type: 2, scene: 2, party: [99] }, 60003],
    [{ type: 1, scene: 2, user: ['zhangsan'], style: -1 }, 41042],
  ])('%j → %i', async (body, errcode) => {
    const { call } = setup()
    expect(await call('externalcontact/add_contact_way', body)).toMatchObject({ errcode })
  })

  it('accepts a state of exactly 30 chars and returns config_id and qr_code', async () => {
    const { call } = setup()
    const res = await call('externalcontact/add_contact_way', { type: 1, scene: 2, user: ['zhangsan'], state: 's'.repeat(30) })
    expect(res).toMatchObject({ errcode: 0, errmsg: 'ok' })
    expect(res.config_id).toMatch(/^[0-9a-f]{32}$/)
    expect(res.qr_code).toBe(`http://sim.test/sim/qr/${res.config_id as string}.png`)
    const button = await call('externalcontact/add_contact_way', { type: 1, scene: 1, user: ['zhangsan'] })
    expect(button).not.toHaveProperty('qr_code') // qr_code only for scene 2
  })

  it('counts members of expanded departments toward the 100 limit (41041)', async () => {
    const { sim, call } = setup()
    sim.world.addDepartment({ id: 3, name: '北京分行', parentId: 2 })
    for (let i = 0; i < 98; i++) sim.world.addEmployee({ userid: `bj${i}`, name: `员工${i}`, departments: [3] })
    // department 2's subtree holds zhangsan, lisi, wangwu, newbie and the 98 → 102 members
    expect(await call('externalcontact/add_contact_way', { type: 2, scene: 2, party: [2] })).toMatchObject({ errcode: 41041 })
    expect(await call('externalcontact/add_contact_way', { type: 2, scene: 2, party: [3], user: ['zhangsan', 'bj1'] })).toMatchObject({ errcode: 0 })
  })

  it('stops at the API quota (41045)', async () => {
    const { call } = setup({ limits: { contactWayQuota: 2 } })
    const body = { type: 1, scene: 2, user: ['zhangsan'] }
    expect(await call('externalcontact/add_contact_way', body)).toMatchObject({ errcode: 0 })
    expect(await call('externalcontact/add_contact_way', body)).toMatchObject({ errcode: 0 })
    expect(await call('externalcontact/add_contact_way', body)).toMatchObject({ errcode: 41045 })
  })
})

describe('get / update / del / list contact ways', () => {
  it('reads back what was created and applies updates that replace user and party', async () => {
    const { call } = setup()
    const created = await call('externalcontact/add_contact_way', {
      type: 2, scene: 2, user: ['zhangsan', 'LISI'], remark: '北京开户活动', state: 'bj_open', skip_verify: false,
    })
    const configId = created.config_id as string
    const got = await call('externalcontact/get_contact_way', { config_id: configId })
    expect(got.contact_way).toMatchObject({
      config_id: configId, type: 2, scene: 2, remark: '北京开户活动', skip_verify: false, state: 'bj_open',
      user: ['zhangsan', 'lisi'], party: [], is_temp: false, qr_code: `http://sim.test/sim/qr/${configId}.png`,
    })
    expect(await call('externalcontact/update_contact_way', { config_id: configId, user: ['wangwu'], party: [2], state: 'bj2' })).toMatchObject({ errcode: 0 })
    const after = await call('externalcontact/get_contact_way', { config_id: configId })
    expect(after.contact_way).toMatchObject({ user: ['wangwu'], party: [2], state: 'bj2', remark: '北京开户活动' })
    expect(await call('externalcontact/update_contact_way', { config_id: configId, user: ['newbie'] })).toMatchObject({ errcode: 41054 })
    expect(await call('externalcontact/del_contact_way', { config_id: configId })).toMatchObject({ errcode: 0 })
    expect(await call('externalcontact/get_contact_way', { config_id: configId })).toMatchObject({ errcode: 41044 })
    expect(await call('externalcontact/del_contact_way', { config_id: configId })).toMatchObject({ errcode: 41044 })
    expect(await call('externalcontact/del_contact_way', {})).toMatchObject({ errcode: 41043 })
  })

  it('lists ways by creation time with an opaque cursor', async () => {
    const { call, clock } = setup()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      ids.push((await call('externalcontact/add_contact_way', { type: 1, scene: 2, user: ['zhangsan'], state: `s${i}` })).config_id as string)
      clock.advance(1000)
    }
    const seen: string[] = []
    let cursor = ''
    do {
      const page = await call('externalcontact/list_contact_way', { limit: 2, cursor })
      seen.push(...(page.contact_way as { config_id: string }[]).map((w) => w.config_id))
      cursor = page.next_cursor as string
    } while (cursor)
    expect(seen).toEqual(ids)
    const now = Math.floor(clock.now() / 1000)
    const recent = await call('externalcontact/list_contact_way', { start_time: now - 2, end_time: now })
    expect((recent.contact_way as unknown[]).length).toBe(2)
    expect(await call('externalcontact/list_contact_way', { limit: 1001 })).toMatchObject({ errcode: 40058 })
  })

  it('serves the qr_code as a PNG and the scan page it points to', async () => {
    const { sim, call } = setup()
    const { config_id: configId } = await call('externalcontact/add_contact_way', { type: 1, scene: 2, user: ['zhangsan'], state: 'qr' })
    const png = await sim.app.inject({ method: 'GET', url: `/sim/qr/${configId as string}.png` })
    expect(png.statusCode).toBe(200)
    expect(png.headers['content-type']).toBe('image/png')
    expect(png.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const page = await sim.app.inject({ method: 'GET', url: `/sim/scan/${configId as string}` })
    expect(page.body).toContain('扫码添加')
    expect(page.body).toContain('张三')
    expect((await sim.app.inject({ method: 'GET', url: '/sim/qr/ffff.png' })).statusCode).toBe(404)
  })
})
