import { afterEach, describe, expect, it } from 'vitest'
import { AES_KEY, CALLBACK_TOKEN, CORP_ID, harness, seedSmallOrg } from './testing/harness'
import { startReceiver } from './testing/receiver'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

async function setup() {
  const receiver = await startReceiver(CALLBACK_TOKEN, AES_KEY)
  cleanups.push(() => receiver.close())
  const h = harness({ callback: { url: receiver.url, token: CALLBACK_TOKEN, encodingAESKey: AES_KEY } })
  cleanups.push(() => h.sim.close())
  seedSmallOrg(h.sim)
  const way = await h.call('externalcontact/add_contact_way', { type: 2, scene: 2, user: ['zhangsan', 'lisi'], state: 'web' })
  const http = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await h.sim.app.inject({ method, url, ...(payload ? { payload } : {}) })
    return { status: res.statusCode, body: res.json() as Record<string, unknown> }
  }
  return { ...h, receiver, http, configId: way.config_id as string }
}

describe('/sim world API', () => {
  it('scans by state over HTTP (201) and shows the customer, follows and inbox', async () => {
    const { sim, http, receiver } = await setup()
    const scan = await http('POST', '/sim/scan', { state: 'web', customer: { name: '网页客户', gender: 2 } })
    expect(scan.status).toBe(201)
    expect(scan.body).toMatchObject({ userid: 'zhangsan', state: 'web', welcomeCode: expect.any(String) })
    expect(scan.body).not.toHaveProperty('delivery')
    await sim.idle()
    expect(receiver.posts).toHaveLength(1)
    const id = scan.body.externalUserId as string
    const detail = await http('GET', `/sim/customers/${id}`)
    expect(detail.body).toMatchObject({
      customer: { externalUserId: id, name: '网页客户', gender: 2 },
      follows: [{ userid: 'zhangsan', employeeName: '张三', state: 'web', deletedByCustomer: false }],
      contacts: [{ userid: 'zhangsan' }],
    })
    expect((await http('GET', `/sim/customers/${id}/inbox`)).body).toEqual({ messages: [] })
    const deliveries = await http('GET', '/sim/deliveries?limit=5')
    expect(deliveries.body.deliveries).toEqual([expect.objectContaining({ status: 'delivered', event: expect.objectContaining({ changeType: 'add_external_contact' }) })])
  })

  it('summarises, lists and pages', async () => {
    const { http, sim, configId } = await setup()
    for (let i = 0; i < 3; i++) await sim.world.scan({ configId })
    await sim.idle()
    expect((await http('GET', '/sim/summary')).body).toMatchObject({ corpId: CORP_ID, stats: { customers: 3, follows: 3, employees: 4, contactWays: 1 } })
    expect(((await http('GET', '/sim/departments')).body.departments as unknown[]).length).toBe(2)
    const employees = (await http('GET', '/sim/employees')).body.employees as { userid: string; customerCount: number }[]
    expect(employees.find((e) => e.userid === 'zhangsan')?.customerCount).toBe(2)
    const page = await http('GET', '/sim/customers?limit=2&offset=1')
    expect(page.body).toMatchObject({ total: 3, offset: 1, limit: 2 })
    expect(page.body.items).toHaveLength(2)
  })

  it('acts as customer and employee deleting each other', async () => {
    const { http, sim, configId, receiver } = await setup()
    const a = await sim.world.scan({ configId })
    const b = await sim.world.scan({ configId })
    expect((await http('POST', `/sim/customers/${a.externalUserId}/delete-employee`, { userid: a.userid })).status).toBe(200)
    expect((await http('POST', `/sim/employees/${b.userid}/delete-customer`, { externalUserId: b.externalUserId })).status).toBe(200)
    await sim.idle()
    expect(receiver.posts).toHaveLength(4)
    expect(sim.world.followsOfCustomer(a.externalUserId)[0]?.deletedByCustomer).toBe(true)
    expect(sim.world.followsOfCustomer(b.externalUserId)).toEqual([])
  })

  it('validates input with 400/404 { error: { code, message } }', async () => {
    const { http } = await setup()
    expect(await http('POST', '/sim/scan', {})).toMatchObject({ status: 400, body: { error: { code: 'sim.request.invalid' } } })
    expect(await http('POST', '/sim/scan', { configId: 'nope' })).toMatchObject({ status: 404, body: { error: { code: 'sim.contact_way.not_found' } } })
    expect(await http('POST', '/sim/scan', { state: 'web', customer: { gender: 7 } })).toMatchObject({ status: 400 })
    expect(await http('GET', '/sim/customers?limit=0')).toMatchObject({ status: 400 })
    expect(await http('GET', '/sim/customers/wmNOPE')).toMatchObject({ status: 404, body: { error: { code: 'sim.customer.not_found' } } })
    expect(await http('POST', '/sim/customers/wmNOPE/delete-employee', {})).toMatchObject({ status: 400 })
    expect(await http('POST', '/sim/employees/zhangsan/delete-customer', { externalUserId: 'wmNOPE' })).toMatchObject({ status: 404 })
    expect(await http('GET', '/sim/employees/ghost/inbox')).toMatchObject({ status: 404 })
  })

  it('draws an SVG avatar for customers created without one', async () => {
    const { sim } = await setup()
    const c = sim.world.addCustomer({ name: '李雷' })
    const res = await sim.app.inject({ method: 'GET', url: `/sim/avatar/${c.externalUserId}.svg` })
    expect(res.headers['content-type']).toContain('image/svg+xml')
    expect(res.body).toContain('>李</text>')
  })
})
