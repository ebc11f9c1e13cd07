import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../../../testing/test-app'

let t: TestApp
const tag: Record<string, string> = {}
const someUuid = '00000000-0000-4000-8000-000000000000'

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.http.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { cookie: t.adminCookie } })
const memberCount = async (segmentId: string) =>
  Number((await t.app.db.selectFrom('segmentMember').select((eb) => eb.fn.countAll<string>().as('n')).where('segmentId', '=', segmentId).executeTakeFirstOrThrow()).n)

beforeAll(async () => {
  t = await testApp()
  const corpId = t.app.corp.id
  const groups = await t.app.db.insertInto('tagGroup').values([{ corpId, name: '接口测试' }, { corpId, name: '接口测试二' }]).returning('id').execute()
  const rows = await t.app.db.insertInto('tag').values([
    { corpId, groupId: groups[0]!.id, name: 'api金卡' }, { corpId, groupId: groups[0]!.id, name: 'api理财' },
    { corpId, groupId: groups[0]!.id, name: 'api重名' }, { corpId, groupId: groups[1]!.id, name: 'api重名' },
  ]).returning(['id', 'name']).execute()
  for (const r of rows) tag[r.name] = r.id
  const customers = await t.app.db.insertInto('customer').values([0, 1, 2].map((i) => ({ corpId, externalUserId: `wmapi${i}`, firstAddedAt: new Date() }))).returning('id').execute()
  await t.app.db.insertInto('customerTag').values(customers.map((c) => ({ corpId, customerId: c.id, tagId: tag['api金卡']! }))).execute()
})
afterAll(async () => { await t?.close() })

describe('invalid expressions are refused with where and why', () => {
  const nested = (depth: number): unknown => depth === 0 ? { tag: tag['api金卡'] } : { op: 'not', args: [nested(depth - 1)] }
  // Payloads are built when each case runs: the tags exist only after beforeAll.
  const cases: [string, () => unknown, number, string, unknown][] = [
    ['a syntax error, with its position', () => ({ expression: 'api金卡 AND (api理财 OR' }), 400, 'customers.segment.invalid_expression', { position: 19, expected: ['tag', '(', 'NOT'], found: 'end' }],
    ['an empty text', () => ({ expression: '' }), 400, 'customers.segment.invalid_expression', { position: 0, expected: ['tag', '(', 'NOT'], found: 'end' }],
    ['an empty group', () => ({ expression: { op: 'and', args: [] } }), 400, 'request.invalid', undefined],
    ['NOT with two arguments', () => ({ expression: { op: 'not', args: [{ tag: someUuid }, { tag: someUuid }] } }), 400, 'request.invalid', undefined],
    ['an unknown tag id', () => ({ expression: { op: 'or', args: [{ tag: tag['api金卡'] }, { tag: someUuid }] } }), 422, 'customers.segment.unknown_tag', { tagIds: [someUuid] }],
    ['an unknown tag name, with its position', () => ({ expression: 'api金卡 AND 无此标签' }), 422, 'customers.segment.unknown_tag', { names: ['无此标签'], position: 10 }],
    ['an ambiguous name', () => ({ expression: 'api重名' }), 422, 'customers.segment.ambiguous_tag', { name: 'api重名', position: 0, tagIds: expect.any(Array) }],
    ['11 nested operators', () => ({ expression: nested(11) }), 422, 'customers.segment.too_complex', { limit: 'depth', max: 10 }],
    ['JSON nested 2,000 deep', () => ({ expression: nested(2000) }), 422, 'customers.segment.too_complex', { limit: 'depth', max: 10 }],
    ['101 tags', () => ({ expression: { op: 'or', args: Array(101).fill({ tag: tag['api金卡'] }) } }), 422, 'customers.segment.too_complex', { limit: 'terms', max: 100 }],
    ['an unknown filter', () => ({ filters: { tagIds: [] } }), 400, 'request.invalid', undefined],
    ['a backwards date range', () => ({ filters: { addedFrom: '2026-03-01', addedTo: '2026-02-01' } }), 400, 'request.invalid', undefined],
  ]
  it.each(cases)('%s', async (_, payload, status, code, details) => {
    for (const url of ['/api/segments/count', '/api/segments/preview']) {
      const res = await call('POST', url, payload())
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, status, code])
      if (details !== undefined) expect(res.json().error.details).toEqual(details)
    }
  })

  it('is refused when saved, and nothing is written', async () => {
    const res = await call('POST', '/api/segments', { name: '坏表达式', expression: 'api金卡 OR OR' })
    expect([res.statusCode, res.json().error.details.position]).toEqual([400, 9])
    expect((await call('GET', '/api/segments')).json().items.map((s: { name: string }) => s.name)).not.toContain('坏表达式')
  })
})

describe('saved segments', () => {
  it('stores the text form resolved to tag ids, shows it back as text, lists it', async () => {
    const res = await call('POST', '/api/segments', { name: '金卡客户', expression: 'api金卡 and not api理财', filters: { addedFrom: '2026-01-01' } })
    expect(res.statusCode).toBe(201)
    const view = res.json()
    expect(view.definition).toEqual({
      expression: { op: 'and', args: [{ tag: tag['api金卡'] }, { op: 'not', args: [{ tag: tag['api理财'] }] }] },
      filters: { addedFrom: '2026-01-01T00:00:00.000Z' },
    })
    expect(view.text).toBe('api金卡 AND NOT api理财')
    expect([view.materializedAt, view.memberCount]).toEqual([null, null])
    expect((await call('GET', `/api/segments/${view.id}`)).json()).toEqual(view)
    expect((await call('GET', '/api/segments')).json().items.map((s: { id: string }) => s.id)).toContain(view.id)
  })

  it('refuses a second segment with the same name', async () => {
    await call('POST', '/api/segments', { name: '重名人群', expression: 'api金卡' })
    const res = await call('POST', '/api/segments', { name: '重名人群', expression: 'api理财' })
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'customers.segment.name_taken'])
  })

  it('drops the materialised members when the definition changes', async () => {
    const { id } = (await call('POST', '/api/segments', { name: '会变的人群', expression: 'api金卡' })).json()
    expect((await call('POST', `/api/segments/${id}/materialize`)).json()).toEqual({ count: 3 })
    expect(await memberCount(id)).toBe(3)
    const res = await call('PUT', `/api/segments/${id}`, { name: '变过的人群', expression: { tag: tag['api理财'] } })
    expect(res.statusCode).toBe(200)
    expect([res.json().name, res.json().text, res.json().memberCount]).toEqual(['变过的人群', 'api理财', null])
    expect(await memberCount(id)).toBe(0)
    expect((await call('POST', `/api/segments/${id}/materialize`)).json()).toEqual({ count: 0 })
  })

  it('counts a segment with filters only (no tag condition)', async () => {
    const { id } = (await call('POST', '/api/segments', { name: '全部客户', filters: {} })).json()
    expect((await call('GET', `/api/segments/${id}`)).json().text).toBeNull()
    expect((await call('POST', `/api/segments/${id}/materialize`)).json().count).toBe(Number(
      (await t.app.db.selectFrom('customer').select((eb) => eb.fn.countAll<string>().as('n')).where('corpId', '=', t.app.corp.id).executeTakeFirstOrThrow()).n))
  })

  it('deletes a segment with its members; then it is gone everywhere', async () => {
    const { id } = (await call('POST', '/api/segments', { name: '要删的人群', expression: 'api金卡' })).json()
    await call('POST', `/api/segments/${id}/materialize`)
    expect((await call('DELETE', `/api/segments/${id}`)).statusCode).toBe(204)
    expect(await memberCount(id)).toBe(0)
    for (const [method, url, body] of [['GET', `/api/segments/${id}`], ['PUT', `/api/segments/${id}`, { name: 'x' }], ['DELETE', `/api/segments/${id}`], ['POST', `/api/segments/${id}/materialize`]] as const) {
      const res = await call(method, url, body)
      expect([method, res.statusCode, res.json().error.code]).toEqual([method, 404, 'customers.segment.not_found'])
    }
  })
})
