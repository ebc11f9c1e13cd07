import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../http/actor'
import { eventually, testApp, type TestApp } from '../../testing/test-app'

let t: TestApp
let staff: { id: string; wecomUserId: string }[]
beforeAll(async () => {
  t = await testApp()
  staff = ((await api('GET', '/api/org/employees?limit=50&status=1')).json().items as { id: string; wecomUserId: string }[]).slice(0, 4)
})
afterAll(async () => { await t?.close() })

const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.http.inject({ method, url, payload: payload as object, headers: { cookie: t.adminCookie } })

type Way = { configId: string; state: string; kind: string; name: string; channelGroup: string; activityId: string | null; initiator: { customerId: string; name: string } | null; members: number }
const ways = async (q = '') => (await api('GET', `/api/sandbox/contact-ways?limit=500${q ? `&q=${encodeURIComponent(q)}` : ''}`)).json() as { items: Way[]; total: number }

/** A running activity with one initiator Pond knows (they added staff[0] at a branch desk), who joined it. */
async function activityWithInitiator(name: string, initiatorName: string) {
  const desk = t.sim.world.addContactWay({ user: [staff[0]!.wecomUserId], state: 'branch-desk', remark: '网点前台' })
  const added = await t.sim.world.scan({ configId: desk.configId, customer: { name: initiatorName } })
  const customer = await eventually(async () => (await api('GET', `/api/customers?q=${added.externalUserId}`)).json().items[0] as { id: string } | undefined, 'initiator stored')
  const hour = 3600_000
  const created = await api('POST', '/api/fission/activities', {
    name, startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString(),
    rules: '邀请 1 位好友添加客户经理即可领取', scripts: { employee: '', customer: '帮我扫一下码吧' },
    tiers: [{ level: 1, threshold: 1, prizeName: '定制帆布袋', stock: 10 }], helperEmployeeIds: [staff[1]!.id, staff[2]!.id],
    welcome: { counted: '助力成功！', refused: { default: '助力未成功' } }, helpRules: { newCustomersOnly: true, churnHours: 48 },
  })
  expect(created.statusCode).toBe(201)
  expect((await api('POST', `/api/fission/activities/${created.json().id}/schedule`)).json().status).toBe('running')
  const joined = await api('POST', `/api/fission/activities/${created.json().id}/participants`, { customerId: customer.id })
  expect(joined.statusCode).toBe(200)
  return { activityId: created.json().id as string, customerId: customer.id, participant: joined.json() as { id: string; configId: string; state: string }, desk }
}

describe('sandbox: every contact way, scannable from the console', () => {
  it('lists live codes, initiators\' personal ways and other ways, each named by what made it; a search narrows them', async () => {
    const code = (await api('POST', '/api/live-codes', { name: '网点海报·朝阳', channelGroup: '网点海报', employees: [{ employeeId: staff[3]!.id, dailyCap: null }] })).json()
    const { activityId, customerId, participant, desk } = await activityWithInitiator('邀好友 领台历', '李雷')

    const all = await ways()
    expect(all.items.find((w) => w.configId === participant.configId)).toEqual({
      configId: participant.configId, state: participant.state, kind: 'fission', name: '邀好友 领台历', channelGroup: '',
      activityId, initiator: { customerId, name: '李雷' }, members: 2, createdAt: expect.any(String),
    })
    expect(participant.state).toMatch(/^fi:.{12}$/)
    expect(all.items.find((w) => w.configId === code.configId)).toMatchObject({ kind: 'live_code', name: '网点海报·朝阳', channelGroup: '网点海报', activityId: null, initiator: null, members: 1 })
    expect(all.items.find((w) => w.configId === desk.configId)).toMatchObject({ kind: 'other', name: '网点前台', state: 'branch-desk' })
    expect(all.items[0]!.configId).toBe(participant.configId)           // newest first
    expect(all.total).toBe(all.items.length)

    const found = await ways('李雷')
    expect(found.items.map((w) => w.configId)).toEqual([participant.configId])
    expect((await ways('台历')).items.map((w) => w.kind)).toEqual(['fission'])
    expect((await ways('no such way')).total).toBe(0)
    const limited = (await api('GET', '/api/sandbox/contact-ways?limit=1')).json()
    expect(limited).toMatchObject({ total: all.total, items: [{ configId: participant.configId }] })
  })

  it('a new customer scanning an initiator\'s way goes through WeCom\'s callback and Pond counts their help', async () => {
    const { activityId, participant } = await activityWithInitiator('助力换保温杯', '韩梅梅')
    const res = await api('POST', `/api/sandbox/contact-ways/${participant.configId}/scan`, { customerName: '陌生人甲' })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ customerName: '陌生人甲', state: participant.state })
    expect([staff[1]!.wecomUserId, staff[2]!.wecomUserId]).toContain(res.json().userid)
    const helps = await eventually(async () => {
      const items = (await api('GET', `/api/fission/activities/${activityId}/helps?limit=10`)).json().items as { status: string; helperExternalUserId: string; participantId: string }[]
      return items.length > 0 ? items : undefined
    }, 'help recorded')
    expect(helps).toEqual([expect.objectContaining({ status: 'counted', helperExternalUserId: res.json().externalUserId, participantId: participant.id })])
    const [me] = (await api('GET', `/api/fission/activities/${activityId}/participants?limit=10`)).json().items as { helpCount: number }[]
    expect(me!.helpCount).toBe(1)

    // The same person scans again as an existing customer: the other helper employee adds them, the help is refused.
    const again = await api('POST', `/api/sandbox/contact-ways/${participant.configId}/scan`, { externalUserId: res.json().externalUserId })
    expect(again.statusCode).toBe(201)
    expect(again.json().userid).not.toBe(res.json().userid)
    await eventually(async () => (await api('GET', `/api/fission/activities/${activityId}/helps?limit=10`)).json().items.length === 2, 'second help recorded')
    expect((await api('GET', `/api/fission/activities/${activityId}/participants?limit=10`)).json().items[0].helpCount).toBe(1)
    // A third time nobody on the code is left to add them: WeCom refuses, with a stable code.
    const third = await api('POST', `/api/sandbox/contact-ways/${participant.configId}/scan`, { externalUserId: res.json().externalUserId })
    expect(third.statusCode).toBe(409)
    expect(third.json().error.code).toBe('sandbox.scan.refused')
  })

  it('refuses unknown ways, unknown customers and bad input with stable codes; console users without the sandbox get 403', async () => {
    const { configId } = t.sim.world.addContactWay({ user: [staff[0]!.wecomUserId], state: 'other' })
    const cases: [string, unknown, number, string][] = [
      ['/api/sandbox/contact-ways/nope/scan', {}, 404, 'sandbox.contact_way.not_found'],
      [`/api/sandbox/contact-ways/${configId}/scan`, { externalUserId: 'wm-nobody' }, 404, 'sandbox.customer.not_found'],
      [`/api/sandbox/contact-ways/${configId}/scan`, { customerName: '' }, 400, 'request.invalid'],
      [`/api/sandbox/contact-ways/${configId}/scan`, { customerName: 'x'.repeat(31) }, 400, 'request.invalid'],
    ]
    for (const [url, body, status, code] of cases) {
      const res = await api('POST', url, body)
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, status, code])
    }
    expect((await api('GET', '/api/sandbox/contact-ways?limit=0')).json().error.code).toBe('request.invalid')

    await t.app.org.createUser({ corpId: t.app.corp.id, username: 'sb-head', password: 'branch-head-pw', displayName: '部门负责人', role: 'department_manager', employeeId: staff[0]!.id })
    const head = await t.login('sb-head', 'branch-head-pw')
    for (const [method, url] of [['GET', '/api/sandbox/contact-ways'], ['POST', `/api/sandbox/contact-ways/${configId}/scan`]] as const) {
      const res = await t.app.http.inject({ method, url, payload: method === 'POST' ? {} : undefined, headers: { cookie: head } })
      expect([url, res.statusCode]).toEqual([url, 403])
    }
  })

  it('names an initiator\'s way only for actors whose data scope holds the initiator', async () => {
    const { participant } = await activityWithInitiator('范围内外', '王芳')
    const corpId = t.app.corp.id
    const scoped = (employeeIds: string[]): Actor => ({ corpId, userId: 'u', username: 'u', role: 'department_manager', scope: { kind: 'employees', employeeIds } })
    const row = (await t.app.db.selectFrom('fissionParticipant').select('employeeId').where('id', '=', participant.id).executeTakeFirstOrThrow())
    expect(row.employeeId).toBe(staff[0]!.id)
    expect(await t.app.fissionWays(scoped([staff[0]!.id]), [participant.configId])).toMatchObject([{ configId: participant.configId, initiator: { name: '王芳' } }])
    expect(await t.app.fissionWays(scoped([staff[3]!.id]), [participant.configId])).toEqual([])
    expect(await t.app.fissionWays(scoped([]), [participant.configId])).toEqual([])
  })
})
