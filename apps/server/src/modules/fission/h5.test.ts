import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, testApp, type TestApp } from '../../testing/test-app'
import { H5_LINK_PURPOSE, h5Links, maskName } from './h5-service'
import type { ActivityConfig } from './schema'
import { createFissionService, type FissionDeps } from './service'

let t: TestApp
let owner: { id: string; wecomUserId: string }
let helper: { id: string; wecomUserId: string }
beforeAll(async () => {
  t = await testApp()
  const res = await t.api('GET', '/api/org/employees?limit=50&status=1')
  ;[owner, helper] = res.json().items as { id: string; wecomUserId: string }[]
})
afterAll(async () => { await t?.close() })

const base = '/api/fission/activities'
/** The customer's side: no cookie at all, only the link's token. */
const h5 = (method: 'GET' | 'POST', activityId: string, path: string, token: string, payload?: unknown) =>
  t.app.http.inject({ method, url: `/h5/api/fission/${activityId}${path}?t=${encodeURIComponent(token)}`, payload: payload as object })

async function knownCustomer(name?: string) {
  const way = t.sim.world.addContactWay({ user: [owner.wecomUserId], state: 'h5-desk' })
  const scan = await t.sim.world.scan({ configId: way.configId, customer: name ? { name } : undefined })
  const c = await eventually(async () => (await t.api('GET', `/api/customers?q=${scan.externalUserId}`)).json().items[0] as { id: string } | undefined, 'customer stored')
  return { id: c.id, externalUserId: scan.externalUserId }
}

const hour = 3600_000
const activityBody = (over: Record<string, unknown> = {}) => ({
  name: '邀请好友领好礼', startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString(),
  rules: '邀请 2 位好友添加客户经理即可领取', scripts: { employee: '您好', customer: '帮我扫一下码吧' },
  tiers: [{ level: 1, threshold: 1, prizeName: '定制帆布袋', stock: 10 }, { level: 2, threshold: 2, prizeName: '保温杯', stock: 0 }],
  helperEmployeeIds: [helper.id],
  welcome: { counted: '助力成功！', refused: { default: '助力未成功' } },
  ...over,
})
async function running(over: Record<string, unknown> = {}) {
  const created = (await t.api('POST', base, activityBody(over))).json()
  expect((await t.api('POST', `${base}/${created.id}/schedule`)).json().status).toBe('running')
  return created as { id: string; endsAt: string }
}
async function linkOf(activityId: string, customerId: string, cookie?: string) {
  const res = await t.api('POST', `${base}/${activityId}/links`, { customerId }, cookie)
  expect(res.statusCode).toBe(200)
  const url = new URL(res.json().url as string)
  expect(url.pathname).toBe(`/h5/fission/${activityId}`)
  return url.searchParams.get('t')!
}

describe('fission H5: personal links', () => {
  it('opens only with a valid token for this activity and purpose; refusals are 401 with stable codes and a zh message', async () => {
    const a = await running()
    const b = await running()
    const c = await knownCustomer('王小明')
    const token = await linkOf(a.id, c.id)
    const ok = await h5('GET', a.id, '', token)
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ activity: { name: '邀请好友领好礼', status: 'running', shareScript: '帮我扫一下码吧' }, customer: { name: '王小明' }, me: null, nextLevel: 1, missing: 1 })
    expect(ok.json().tiers).toEqual([{ level: 1, threshold: 1, prizeName: '定制帆布袋', outOfStock: false }, { level: 2, threshold: 2, prizeName: '保温杯', outOfStock: true }])

    const [body, sig] = token.split('.') as [string, string]
    const forged = Buffer.from(JSON.stringify([H5_LINK_PURPOSE, '1', a.id, 4_102_444_800])).toString('base64url')
    const expired = t.app.links.sign({ purpose: H5_LINK_PURPOSE, subject: c.id, scope: a.id, expiresAt: new Date(Date.now() - 1000) })
    const otherPurpose = t.app.links.sign({ purpose: 'something.else', subject: c.id, scope: a.id, expiresAt: new Date(Date.now() + hour) })
    const cases: [string, string, string][] = [
      [a.id, `${forged}.${sig}`, 'fission.h5.link_invalid'],          // another customer's id under this signature
      [a.id, `${body}.${sig.slice(0, -2)}AA`, 'fission.h5.link_invalid'],
      [a.id, 'garbage', 'fission.h5.link_invalid'],
      [a.id, expired, 'fission.h5.link_expired'],
      [a.id, otherPurpose, 'fission.h5.link_invalid'],
      [b.id, token, 'fission.h5.link_invalid'],                        // a link opens its own activity only
    ]
    for (const [activityId, tok, code] of cases) {
      for (const path of ['', '/progress', '/poster.png']) {
        const res = await h5('GET', activityId, path, tok)
        expect({ path, status: res.statusCode, code: res.json().error?.code }).toEqual({ path, status: 401, code })
      }
      expect((await h5('POST', activityId, '/join', tok)).statusCode).toBe(401)
    }
    expect((await h5('GET', a.id, '', expired)).json().error.message).toBe('链接已过期，请向客户经理重新获取活动链接')
    // No token at all: a validation error, never the console's login prompt.
    expect((await t.app.http.inject({ method: 'GET', url: `/h5/api/fission/${a.id}` })).statusCode).toBe(400)
    expect((await t.app.http.inject({ method: 'GET', url: '/h5/api/nothing' })).json().error.code).toBe('route.not_found')
  })

  it('an employee gets links for customers in their scope only', async () => {
    const a = await running()
    const staff = await t.app.org.listActiveEmployees(t.app.corp.id)
    const other = staff.find((e) => e.id !== owner.id && e.id !== helper.id)!
    await t.app.org.createUser({ corpId: t.app.corp.id, username: 'h5-am', password: 'account-manager', displayName: '客户经理', role: 'employee', employeeId: other.id })
    const cookie = await t.login('h5-am', 'account-manager')
    const c = await knownCustomer()                 // the owner's customer, not theirs
    const res = await t.api('POST', `${base}/${a.id}/links`, { customerId: c.id }, cookie)
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'fission.customer.not_found'])
    expect((await t.app.http.inject({ method: 'POST', url: `${base}/${a.id}/links`, payload: { customerId: c.id } })).statusCode).toBe(401)
  })
})

describe('fission H5: the initiator', () => {
  it('joins idempotently, gets a poster rendered once, sees a sandbox help within its progress, and redeems exactly once', async () => {
    const a = await running()
    const c = await knownCustomer('李雷')
    const token = await linkOf(a.id, c.id)
    const poster0 = await h5('GET', a.id, '/poster.png', token)
    expect([poster0.statusCode, poster0.json().error.code]).toEqual([409, 'fission.h5.not_joined'])

    const first = await h5('POST', a.id, '/join', token)
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ status: 'running', me: { helpCount: 0, posterReady: true, helpers: [], completions: [] }, missing: 1 })
    expect((await h5('POST', a.id, '/join', token)).json().me.joinedAt).toBe(first.json().me.joinedAt)
    const participants = (await t.api('GET', `${base}/${a.id}/participants`)).json().items as { customerId: string; configId: string }[]
    expect(participants.map((p) => p.customerId)).toEqual([c.id])

    const poster = await h5('GET', a.id, '/poster.png', token)
    expect(poster.statusCode).toBe(200)
    expect(poster.headers['content-type']).toBe('image/png')
    expect(poster.headers['x-poster-cache']).toBe('miss')
    expect(poster.rawPayload.subarray(1, 4).toString()).toBe('PNG')
    const again = await h5('GET', a.id, '/poster.png', token)
    expect(again.headers['x-poster-cache']).toBe('hit')
    expect(Buffer.compare(again.rawPayload, poster.rawPayload)).toBe(0)

    // A friend scans the initiator's personal contact way in the sandbox: the help shows in the progress.
    await t.sim.world.scan({ configId: participants[0]!.configId, customer: { name: '韩梅梅' } })
    const progress = await eventually(async () => {
      const p = (await h5('GET', a.id, '/progress', token)).json()
      return p.me.helpCount === 1 ? p : undefined
    }, 'help visible')
    expect(progress).toMatchObject({ currentLevel: 1, nextLevel: 2, missing: 1, outOfStock: false })
    // The help counts from the callback alone; the helper's name arrives with the profile read that follows.
    const named = await eventually(async () => {
      const helpers = (await h5('GET', a.id, '/progress', token)).json().me.helpers as { name: string }[]
      return helpers[0]?.name === maskName('韩梅梅') ? helpers : undefined
    }, 'helper profile read')
    expect(named).toHaveLength(1)
    expect(progress.me.completions).toMatchObject([{ level: 1, status: 'reserved' }])
    const completionId = progress.me.completions[0].id as string

    const bad = await h5('POST', a.id, '/redemptions', token, { completionId, address: { name: '', phone: '138', address: 'x' } })
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'request.invalid'])
    const address = { name: '李雷', phone: '13800000000', address: '上海市浦东新区世纪大道 1 号' }
    const attempts = await Promise.all([1, 2, 3].map(() => h5('POST', a.id, '/redemptions', token, { completionId, address })))
    expect(attempts.map((r) => r.statusCode).sort()).toEqual([200, 409, 409])
    expect(attempts.find((r) => r.statusCode === 409)!.json().error.code).toBe('fission.redemption.already_redeemed')
    expect((await h5('GET', a.id, '/progress', token)).json().me.completions).toMatchObject([{ id: completionId, status: 'redeemed' }])

    // Another customer's link cannot redeem this completion.
    const other = await knownCustomer()
    const otherToken = await linkOf(a.id, other.id)
    const stolen = await h5('POST', a.id, '/redemptions', otherToken, { completionId })
    expect([stolen.statusCode, stolen.json().error.code]).toEqual([404, 'fission.redemption.not_found'])
    expect(await t.app.fission.invariantViolations(a.id)).toEqual({ counts: [], stock: [] })
  })

  it('pre-registers in warm-up without a poster; ended activities cannot be joined; blacklisted customers are refused', async () => {
    const warm = (await t.api('POST', base, activityBody({ startsAt: new Date(Date.now() + hour).toISOString() }))).json()
    expect((await t.api('POST', `${base}/${warm.id}/schedule`)).json().status).toBe('scheduled')
    const c = await knownCustomer()
    const token = await linkOf(warm.id, c.id)
    expect((await h5('POST', warm.id, '/join', token)).json()).toMatchObject({ status: 'scheduled', me: { posterReady: false } })
    expect((await h5('GET', warm.id, '/poster.png', token)).json().error.code).toBe('fission.h5.poster_unavailable')

    const ended = await running()
    const endedToken = await linkOf(ended.id, c.id)
    await t.api('POST', `${base}/${ended.id}/end`)
    const late = await h5('POST', ended.id, '/join', endedToken)
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'fission.activity.not_joinable'])
    expect((await h5('GET', ended.id, '', endedToken)).json().activity.status).toBe('ended')

    const open = await running()
    const banned = await knownCustomer()
    await t.api('POST', '/api/fission/blacklist', { customerId: banned.id, reason: '刷单' })
    const refused = await h5('POST', open.id, '/join', await linkOf(open.id, banned.id))
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'fission.h5.blacklisted'])
  })
})

describe('fission H5: chain fission', () => {
  it('the helper\'s welcome carries their own link, which opens the activity as them; too long a text goes without it', async () => {
    const a = await running()
    const helperCustomer = await knownCustomer('韩梅梅')
    // The welcome composer only needs the link maker; the app under test has no PUBLIC_BASE_URL, so build one with it.
    const linkFor = h5Links(t.app.links, 'https://pond.example.com/')
    const withLinks = createFissionService({ inviteLink: (x, id) => linkFor(x, id).url } as FissionDeps)
    const config = (await t.api('GET', `${base}/${a.id}`)).json() as ActivityConfig
    const help = { status: 'refused' as const, reason: 'not_new_customer', activityId: a.id, endsAt: new Date(a.endsAt), helperCustomerId: helperCustomer.id }
    const text = withLinks.welcomeText(config, help)
    expect(text.startsWith('助力未成功\n\n发起你自己的助力')).toBe(true)
    const url = new URL(/https:\/\/\S+/.exec(text)![0])
    expect([url.origin, url.pathname]).toEqual(['https://pond.example.com', `/h5/fission/${a.id}`])
    const joined = await h5('POST', a.id, '/join', url.searchParams.get('t')!)
    expect(joined.json().me).toMatchObject({ helpCount: 0 })
    const long = { ...config, welcome: { ...config.welcome, counted: '谢'.repeat(1300) } }
    expect(withLinks.welcomeText(long, { ...help, status: 'counted', reason: null })).toBe('谢'.repeat(1300))
    expect(t.app.fission.welcomeText(config, help)).toBe('助力未成功')       // no public address: no link
  })
})

describe('fission H5: names', () => {
  it('masks helpers\' names', () => {
    expect([maskName('韩梅梅'), maskName('A'), maskName('Alexander'), maskName('')]).toEqual(['韩**', 'A', 'A****', '*'])
  })
})
