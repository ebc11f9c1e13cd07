import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../../http/actor'
import { testApp, type TestApp } from '../../../testing/test-app'
import { isLeaf, type TagExpr } from './expression'

let t: TestApp
let cookie = { admin: '', employee: '', manager: '' }
const tags: Record<string, { id: string; seq: number }> = {}
const staff = { mine: '', colleague: '', outsider: '' }
let departmentA = 0
const liveCodes = { branch: '', phone: '' }

/** A customer as the reference sees it: read back from customer_tag and customer_follow, never from tag_seqs. */
interface Person { id: string; tags: Set<string>; liveCodeId: string | null; followers: Set<string>; addedAt: Date }

// A small deterministic generator: the population is the same on every run.
let state = 42
const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)

const NAMES = ['金卡', '白金', '理财', '沉默', '基金', '信用卡', '高 净值', '房贷']

async function seedPopulation(corpId: string, n: number) {
  const group = await t.app.db.insertInto('tagGroup').values({ corpId, name: '人群测试' }).returning('id').executeTakeFirstOrThrow()
  const rows = await t.app.db.insertInto('tag').values(NAMES.map((name) => ({ corpId, groupId: group.id, name: `seg${name}` })))
    .returning(['id', 'name', 'seq']).execute()
  for (const r of rows) tags[r.name.slice(3)] = { id: r.id, seq: r.seq }
  const day = 86_400_000
  const customers = await t.app.db.insertInto('customer').values(Array.from({ length: n }, (_, i) => ({
    corpId, externalUserId: `wmseg${i}`, name: `人群客户${i}`, firstAddedAt: new Date(Date.UTC(2026, 0, 1) + i * day),
    channelLiveCodeId: i % 3 === 0 ? liveCodes.branch : i % 3 === 1 ? liveCodes.phone : null,
  }))).returning('id').execute()
  const people = [staff.mine, staff.colleague, staff.outsider]
  await t.app.db.insertInto('customerFollow').values(customers.flatMap((c, i) => [
    { corpId, customerId: c.id, employeeId: people[i % 3]!, addedAt: new Date() },
    ...(i % 7 === 0 ? [{ corpId, customerId: c.id, employeeId: people[(i + 1) % 3]!, addedAt: new Date() }] : []),
  ])).execute()
  // One statement for all rows, as a bulk sync writes them: the statement trigger fills tag_seqs.
  await t.app.db.insertInto('customerTag').values(customers.flatMap((c) =>
    NAMES.filter(() => rand() < 0.35).map((name) => ({ corpId, customerId: c.id, tagId: tags[name]!.id })))).execute()
}

async function population(corpId: string): Promise<Person[]> {
  const [customers, customerTags, follows] = await Promise.all([
    t.app.db.selectFrom('customer').select(['id', 'channelLiveCodeId', 'firstAddedAt']).where('corpId', '=', corpId).execute(),
    t.app.db.selectFrom('customerTag').select(['customerId', 'tagId']).where('corpId', '=', corpId).execute(),
    t.app.db.selectFrom('customerFollow').select(['customerId', 'employeeId']).where('corpId', '=', corpId).execute(),
  ])
  return customers.map((c) => ({
    id: c.id, liveCodeId: c.channelLiveCodeId, addedAt: c.firstAddedAt,
    tags: new Set(customerTags.filter((x) => x.customerId === c.id).map((x) => x.tagId)),
    followers: new Set(follows.filter((f) => f.customerId === c.id).map((f) => f.employeeId)),
  }))
}

const holds = (e: TagExpr, has: Set<string>): boolean =>
  isLeaf(e) ? has.has(e.tag) : e.op === 'and' ? e.args.every((a) => holds(a, has)) : e.op === 'or' ? e.args.some((a) => holds(a, has)) : !holds(e.args[0], has)
const tag = (name: string): TagExpr => ({ tag: tags[name]!.id })
const and = (...args: TagExpr[]): TagExpr => ({ op: 'and', args })
const or = (...args: TagExpr[]): TagExpr => ({ op: 'or', args })
const not = (arg: TagExpr): TagExpr => ({ op: 'not', args: [arg] })

const post = (url: string, payload: unknown, who = cookie.admin) => t.app.http.inject({ method: 'POST', url, payload: payload as object, headers: { cookie: who } })
const countOf = async (payload: unknown, who = cookie.admin) => {
  const res = await post('/api/segments/count', payload, who)
  expect(res.statusCode, res.body).toBe(200)
  return res.json().count as number
}
async function materialised(payload: Record<string, unknown>, who = cookie.admin) {
  const created = await post('/api/segments', { name: `人群${Math.random()}`, ...payload })
  expect(created.statusCode, created.body).toBe(201)
  const res = await post(`/api/segments/${created.json().id}/materialize`, undefined, who)
  expect(res.statusCode, res.body).toBe(200)
  const members = await t.app.db.selectFrom('segmentMember').select('customerId').where('segmentId', '=', created.json().id).orderBy('customerId').execute()
  return { count: res.json().count as number, ids: members.map((m) => m.customerId) }
}
const ids = (people: Person[]) => people.map((p) => p.id).sort((a, b) => Number(a) - Number(b))

beforeAll(async () => {
  t = await testApp()
  const corpId = t.app.corp.id
  const employees = await t.app.org.listActiveEmployees(corpId)
  const byDept = new Map<number, typeof employees>()
  for (const e of employees) byDept.set(e.departmentIds[0]!, [...(byDept.get(e.departmentIds[0]!) ?? []), e])
  const [[a, listA], [, listB]] = [...byDept.entries()].filter(([, list]) => list.length >= 2)
  departmentA = a
  Object.assign(staff, { mine: listA[0]!.id, colleague: listA[1]!.id, outsider: listB[0]!.id })
  for (const [key, group] of [['branch', '网点'], ['phone', '外呼']] as const) {
    liveCodes[key] = (await t.app.acquisition.create(systemActor(corpId), {
      name: `人群-${key}`, channelGroup: group, employees: [{ employeeId: staff.mine, dailyCap: null }], backupEmployeeId: null, skipVerify: true, tagIds: [], welcome: null, remark: '',
    })).id
  }
  await seedPopulation(corpId, 240)
  await t.app.org.createUser({ corpId, username: 'seg-am', password: 'account-manager', displayName: '客户经理', role: 'employee', employeeId: staff.mine })
  await t.app.org.createUser({ corpId, username: 'seg-head', password: 'branch-head-pw', displayName: '部门负责人', role: 'department_manager', employeeId: staff.colleague })
  cookie = { admin: t.adminCookie, employee: await t.login('seg-am', 'account-manager'), manager: await t.login('seg-head', 'branch-head-pw') }
})
afterAll(async () => { await t?.close() })

describe('segment count and materialisation', () => {
  const expressions: [string, () => TagExpr][] = [
    ['one tag', () => tag('理财')],
    ['OR', () => or(tag('金卡'), tag('白金'))],
    ['NOT alone', () => not(tag('沉默'))],
    ['the issue\'s example', () => and(or(tag('金卡'), tag('白金')), tag('理财'), not(tag('沉默')))],
    ['nested NOT over a group', () => or(and(tag('基金'), not(or(tag('信用卡'), tag('高 净值')))), not(and(tag('房贷'), tag('金卡'))))],
  ]

  it.each(expressions)('%s: count and members equal a reference computed from customer_tag', async (_, build) => {
    const expression = build()
    const expected = (await population(t.app.corp.id)).filter((p) => holds(expression, p.tags))
    expect(expected.length).toBeGreaterThan(0)
    expect(await countOf({ expression })).toBe(expected.length)
    const m = await materialised({ expression })
    expect(m.count).toBe(expected.length)
    expect(m.ids).toEqual(ids(expected))
  })

  it('agrees with the reference on random nested expressions with filters', async () => {
    const people = await population(t.app.corp.id)
    const randomExpr = (depth: number): TagExpr => {
      if (depth === 0 || rand() < 0.3) return tag(NAMES[Math.floor(rand() * NAMES.length)]!)
      const r = rand()
      if (r < 0.25) return not(randomExpr(depth - 1))
      const args = Array.from({ length: 2 + Math.floor(rand() * 2) }, () => randomExpr(depth - 1))
      return r < 0.6 ? and(...args) : or(...args)
    }
    const from = new Date(Date.UTC(2026, 1, 1)), to = new Date(Date.UTC(2026, 5, 1))
    for (let i = 0; i < 30; i++) {
      const expression = randomExpr(4)
      const filters = i % 3 === 0 ? { liveCodeIds: [liveCodes.branch] } : i % 3 === 1 ? { followerIds: [staff.outsider], addedFrom: from, addedTo: to } : {}
      const expected = people.filter((p) => holds(expression, p.tags)
        && (!filters.liveCodeIds || p.liveCodeId === liveCodes.branch)
        && (!filters.followerIds || p.followers.has(staff.outsider))
        && (!filters.addedFrom || (p.addedAt >= from && p.addedAt < to)))
      expect([i, await countOf({ expression, filters })]).toEqual([i, expected.length])
    }
  })

  it('filters on channel group, department subtree and date range like the reference', async () => {
    const people = await population(t.app.corp.id)
    const inA = new Set(await t.app.org.employeeIdsInSubtree(t.app.corp.id, departmentA))
    const expression = or(tag('理财'), tag('基金'))
    expect(await countOf({ expression, filters: { channelGroup: '外呼' } }))
      .toBe(people.filter((p) => holds(expression, p.tags) && p.liveCodeId === liveCodes.phone).length)
    const byDepartment = people.filter((p) => holds(expression, p.tags) && [...p.followers].some((f) => inA.has(f)))
    expect(byDepartment.length).toBeGreaterThan(0)
    expect(await countOf({ expression, filters: { departmentId: departmentA } })).toBe(byDepartment.length)
    expect((await materialised({ expression, filters: { departmentId: departmentA } })).ids).toEqual(ids(byDepartment))
  })

  it('reads the text form like the JSON form', async () => {
    const expression = and(or(tag('金卡'), tag('白金')), tag('理财'), not(tag('高 净值')))
    expect(await countOf({ expression: '(seg金卡 OR seg白金) and seg理财 AND NOT "seg高 净值"' })).toBe(await countOf({ expression }))
  })

  it('replaces the members on every materialisation', async () => {
    const created = (await post('/api/segments', { name: '替换语义', expression: tag('房贷') })).json()
    const first = (await post(`/api/segments/${created.id}/materialize`, undefined)).json().count
    const someone = (await t.app.db.selectFrom('customer').select('id').where('corpId', '=', t.app.corp.id).where(sql<boolean>`not (tag_seqs @> array[${tags['房贷']!.seq}::int])`).executeTakeFirstOrThrow()).id
    await t.app.db.insertInto('customerTag').values({ corpId: t.app.corp.id, customerId: someone, tagId: tags['房贷']!.id }).execute()
    const second = (await post(`/api/segments/${created.id}/materialize`, undefined)).json().count
    expect(second).toBe(first + 1)
    expect(Number((await t.app.db.selectFrom('segmentMember').select((eb) => eb.fn.countAll<string>().as('n')).where('segmentId', '=', created.id).executeTakeFirstOrThrow()).n)).toBe(second)
    expect((await t.app.http.inject({ method: 'GET', url: `/api/segments/${created.id}`, headers: { cookie: cookie.admin } })).json().memberCount).toBe(second)
  })
})

describe('data scope', () => {
  it('an employee counts and materialises only the customers they follow', async () => {
    const people = await population(t.app.corp.id)
    const expression = not(tag('沉默'))
    const mine = people.filter((p) => p.followers.has(staff.mine) && holds(expression, p.tags))
    expect(await countOf({ expression }, cookie.employee)).toBe(mine.length)
    expect(await countOf({ expression }, cookie.employee)).toBeLessThan(await countOf({ expression }))
    expect(await countOf({ expression, filters: { followerIds: [staff.outsider] } }, cookie.employee))
      .toBe(people.filter((p) => p.followers.has(staff.mine) && p.followers.has(staff.outsider) && holds(expression, p.tags)).length)
    expect(await countOf({ filters: { departmentId: departmentA } }, cookie.employee)).toBe(people.filter((p) => p.followers.has(staff.mine)).length)
  })

  it('a department manager\'s count and preview stay inside their subtree', async () => {
    const people = await population(t.app.corp.id)
    const visible = new Set(people.filter((p) => p.followers.has(staff.mine) || p.followers.has(staff.colleague)).map((p) => p.id))
    expect(await countOf({}, cookie.manager)).toBe(visible.size)
    const preview = (await post('/api/segments/preview', { expression: tag('理财') }, cookie.manager)).json().items as { id: string; tags: { name: string }[] }[]
    expect(preview.length).toBe(20)
    for (const c of preview) {
      expect(visible.has(c.id)).toBe(true)
      expect(c.tags.map((x) => x.name)).toContain('seg理财')
    }
  })

  it('a member page read by an employee holds only their customers, whoever materialised it', async () => {
    const created = (await post('/api/segments', { name: '成员分页', expression: not(tag('沉默')) })).json()
    const notYet = t.app.customersSegments.membersPage(systemActor(t.app.corp.id), created.id, { limit: 10 })
    await expect(notYet).rejects.toMatchObject({ code: 'customers.segment.not_materialized' })
    await post(`/api/segments/${created.id}/materialize`, undefined)
    const employee = { ...systemActor(t.app.corp.id), isSystem: false, role: 'employee' as const, scope: { kind: 'employees' as const, employeeIds: [staff.mine] } }
    const seen: string[] = []
    let after: string | undefined
    do {
      const page = await t.app.customersSegments.membersPage(employee, created.id, { after, limit: 7 })
      seen.push(...page.items.map((i) => i.id))
      after = page.nextAfter ?? undefined
    } while (after)
    const people = await population(t.app.corp.id)
    expect(seen).toEqual(ids(people.filter((p) => p.followers.has(staff.mine) && holds(not(tag('沉默')), p.tags))))
  })

  it('saving or materialising needs customers.segment.write', async () => {
    const res = await post('/api/segments', { name: '越权', expression: tag('理财') }, cookie.manager)
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'auth.forbidden'])
  })
})
