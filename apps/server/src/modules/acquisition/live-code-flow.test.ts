import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, testApp, type TestApp } from '../../testing/test-app'

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => { await t?.close() })

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.http.inject({ method, url, payload: payload as object, headers: { cookie: t.adminCookie } })

async function employees(n: number) {
  const res = await api('GET', '/api/org/employees?limit=50&status=1')
  return (res.json().items as { id: string; wecomUserId: string }[]).slice(0, n)
}

async function tagIds(...names: string[]) {
  const groups = (await api('GET', '/api/tags')).json().groups as { tags: { id: string; name: string }[] }[]
  return names.map((n) => groups.flatMap((g) => g.tags).find((t) => t.name === n)!.id)
}

describe('channel live code → scan → customer (over HTTP, through the sandbox)', () => {
  it('creates the contact way in WeCom, attributes the customer, tags them both sides and sends the welcome', async () => {
    const [a, b] = await employees(2)
    const [vip] = await tagIds('金卡')
    const created = await api('POST', '/api/live-codes', {
      name: '网点海报A', channelGroup: '网点海报', employees: [{ employeeId: a!.id, dailyCap: null }, { employeeId: b!.id, dailyCap: null }],
      tagIds: [vip], welcome: { text: '欢迎添加！', attachments: [{ type: 'link', title: '本周精选', url: 'https://example.com/w' }] },
    })
    expect(created.statusCode).toBe(201)
    const code = created.json()
    expect(code.state).toMatch(/^lc[A-Za-z0-9]{20}$/)
    expect(code.state.length).toBeLessThanOrEqual(30)
    const way = t.sim.world.getContactWay(code.configId)!
    expect(way.state).toBe(code.state)
    expect(way.user.sort()).toEqual([a!.wecomUserId, b!.wecomUserId].sort())

    const scan = await t.sim.world.scan({ configId: code.configId, customer: { name: '张小花' } })
    const customer = await eventually(async () => {
      const list = (await api('GET', `/api/customers?liveCodeId=${code.id}`)).json().items as { id: string; externalUserId: string }[]
      return list.find((c) => c.externalUserId === scan.externalUserId)
    }, 'customer in the list')
    const profile = (await api('GET', `/api/customers/${customer.id}`)).json()
    expect(profile.name).toBe('张小花')
    expect(profile.channel).toMatchObject({ liveCodeId: code.id, name: '网点海报A', channelGroup: '网点海报' })
    expect(profile.tags.map((x: { name: string }) => x.name)).toEqual(['金卡'])
    expect(profile.follows).toHaveLength(1)
    expect(profile.follows[0]).toMatchObject({ state: code.state, status: 'active' })

    const inbox = await eventually(async () => { const m = t.sim.world.customerInbox(scan.externalUserId); return m.length ? m : undefined }, 'welcome message')
    expect(inbox).toHaveLength(1)
    expect(inbox[0]).toMatchObject({ kind: 'welcome', text: '欢迎添加！', userid: scan.userid })
    const wecomTags = await eventually(async () => {
      const f = t.sim.world.followsOfCustomer(scan.externalUserId)[0]
      return f && f.tagIds.size ? [...f.tagIds] : undefined
    }, 'tag marked in WeCom')
    const vipWecomId = t.sim.world.listCorpTags().flatMap((g) => g.tags).find((x) => x.name === '金卡')!.id
    expect(wecomTags).toEqual([vipWecomId])

    const timeline = await eventually(async () => {
      const items = (await api('GET', `/api/customers/${customer.id}/timeline`)).json().items as { kind: string }[]
      return items.some((i) => i.kind === 'welcome_sent') ? items : undefined
    }, 'welcome in the timeline')
    expect(timeline.map((i) => i.kind).sort()).toEqual(['added', 'tagged', 'welcome_sent'])

    const stats = (await api('GET', `/api/live-codes/${code.id}/stats`)).json()
    expect(stats).toMatchObject({ addsToday: 1, addsTotal: 1, lostTotal: 0 })
  })

  it('rotates a capped employee out of the contact way and falls back to the backup', async () => {
    const [a, b, backup] = await employees(3)
    const code = (await api('POST', '/api/live-codes', {
      name: '外呼限额', employees: [{ employeeId: a!.id, dailyCap: 1 }, { employeeId: b!.id, dailyCap: 1 }], backupEmployeeId: backup!.id,
    })).json()
    await t.sim.world.scan({ configId: code.configId })
    await eventually(async () => t.sim.world.getContactWay(code.configId)!.user.length === 1, 'first employee rotated out')
    await t.sim.world.scan({ configId: code.configId })
    const users = await eventually(async () => {
      const u = t.sim.world.getContactWay(code.configId)!.user
      return u.length === 1 && u[0] === backup!.wecomUserId ? u : undefined
    }, 'backup employee took over')
    expect(users).toEqual([backup!.wecomUserId])
    const stats = (await api('GET', `/api/live-codes/${code.id}/stats`)).json()
    expect(stats.perEmployee.filter((e: { capped: boolean }) => e.capped)).toHaveLength(2)
  })

  it('stores a customer whose State matches no live code, without a welcome', async () => {
    const [a] = await employees(1)
    const way = t.sim.world.addContactWay({ user: [a!.wecomUserId], state: 'made-in-admin-console' })
    const scan = await t.sim.world.scan({ configId: way.configId })
    const found = await eventually(async () => {
      const list = (await api('GET', `/api/customers?q=${scan.externalUserId}`)).json().items as { externalUserId: string; channel: unknown }[]
      return list[0]
    }, 'customer stored')
    expect(found.channel).toBeNull()
    expect(t.sim.world.customerInbox(scan.externalUserId)).toHaveLength(0)
  })

  it('a customer of an employee who joined WeCom after the last org sync: the org is synced once and the relation stored', async () => {
    const newcomer = t.sim.world.addEmployee({ userid: 'newcomer-after-sync', name: '新入职', departments: [t.sim.world.listDepartments()[0]!.id] })
    const way = t.sim.world.addContactWay({ user: [newcomer.userid], state: 'made-in-admin-console' })
    const scan = await t.sim.world.scan({ configId: way.configId })
    const found = await eventually(async () => (await api('GET', `/api/customers?q=${scan.externalUserId}`)).json().items[0] as { id: string } | undefined, 'customer stored')
    const profile = (await api('GET', `/api/customers/${found.id}`)).json()
    expect(profile.follows.map((f: { employeeName: string }) => f.employeeName)).toEqual(['新入职'])
  })

  it('edits and deletes the contact way in WeCom with the live code', async () => {
    const [a, b] = await employees(2)
    const code = (await api('POST', '/api/live-codes', { name: '可编辑', employees: [{ employeeId: a!.id, dailyCap: null }] })).json()
    const edited = await api('PUT', `/api/live-codes/${code.id}`, { name: '已编辑', employees: [{ employeeId: b!.id, dailyCap: null }], skipVerify: false })
    expect(edited.statusCode).toBe(200)
    expect(t.sim.world.getContactWay(code.configId)!).toMatchObject({ user: [b!.wecomUserId], skipVerify: false })
    const png = await api('GET', `/api/live-codes/${code.id}/qr.png`)
    expect(png.headers['content-type']).toBe('image/png')
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG')
    expect((await api('DELETE', `/api/live-codes/${code.id}`)).statusCode).toBe(204)
    expect(t.sim.world.getContactWay(code.configId)).toBeUndefined()
    expect((await api('GET', `/api/live-codes/${code.id}`)).statusCode).toBe(404)
  })
})

describe('welcome attachments', () => {
  it('uploads an image attachment to WeCom and the customer receives text, image and mini-program', async () => {
    const [a] = await employees(1)
    const helper = (await api('POST', '/api/live-codes', { name: '取图用', employees: [{ employeeId: a!.id, dailyCap: null }] })).json()
    const imageUrl = helper.qrCodeUrl as string                                  // any real PNG served over HTTP
    const code = (await api('POST', '/api/live-codes', {
      name: '图文欢迎语', employees: [{ employeeId: a!.id, dailyCap: null }],
      welcome: { text: '欢迎！', attachments: [
        { type: 'image', imageUrl },
        { type: 'miniprogram', title: '手机银行', appid: 'wx1234567890abcdef', page: 'pages/index', picUrl: imageUrl },
      ] },
    })).json()
    const scan = await t.sim.world.scan({ configId: code.configId })
    const [message] = await eventually(async () => { const m = t.sim.world.customerInbox(scan.externalUserId); return m.length ? m : undefined }, 'welcome')
    expect(message).toMatchObject({ kind: 'welcome', text: '欢迎！' })
    const attachments = (message as { attachments: { msgtype: string; mediaUrl?: string; body: Record<string, unknown> }[] }).attachments
    expect(attachments.map((x) => x.msgtype)).toEqual(['image', 'miniprogram'])
    expect(attachments[0]!.mediaUrl).toMatch(/^\/sim\/media\//)
    const served = await fetch(new URL(attachments[0]!.mediaUrl!, imageUrl))      // the sandbox serves what Pond uploaded
    expect((await served.arrayBuffer()).byteLength).toBeGreaterThan(100)
    expect(attachments[1]!.body).toMatchObject({ title: '手机银行', appid: 'wx1234567890abcdef', page: 'pages/index' })
  })
})

describe('full sync from WeCom', () => {
  it('imports historic customers, attributes them to live codes by state and counts them in the code\'s statistics', async () => {
    const [a, b] = await employees(2)
    const code = (await api('POST', '/api/live-codes', { name: '历史渠道', employees: [{ employeeId: a!.id, dailyCap: null }, { employeeId: b!.id, dailyCap: null }] })).json()
    const { seedDemoCustomers } = await import('@pond/wecom-sim')
    const seeded = seedDemoCustomers(t.sim.world, { count: 40, seed: 5, since: new Date(Date.now() - 30 * 86_400_000),
      contactWays: [{ configId: code.configId, state: code.state, userids: [a!.wecomUserId, b!.wecomUserId] }] })
    await t.app.customersSync.importCustomers(t.app.corp.id, t.app.wecom)
    await t.app.customersSync.importCustomers(t.app.corp.id, t.app.wecom)       // a re-sync converges: no duplicates
    const count = (await api('GET', `/api/customers/count?liveCodeId=${code.id}`)).json().count
    expect(count).toBe(seeded.customers)
    const stats = (await api('GET', `/api/live-codes/${code.id}/stats`)).json()
    expect(stats.addsTotal).toBe(seeded.follows)
  })
})
