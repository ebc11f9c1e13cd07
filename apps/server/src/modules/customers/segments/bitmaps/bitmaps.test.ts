import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Scope } from '../../../../http/actor'
import { testApp, type TestApp } from '../../../../testing/test-app'
import { isLeaf, type Expr } from '../expression'
import { countAudience } from '../repo'
import { bitmapAudience, createSegmentBitmaps, type KeyExpr } from '.'
import { CHUNK_SIZE } from './chunk'

// The bitmap path must equal the SQL path (intarray + the scope's EXISTS) and a JS reference read from
// customer_tag / customer_follow / employee / department, after every kind of change, without a manual rebuild.
let t: TestApp
let corpId = ''
let bitmaps: ReturnType<typeof createSegmentBitmaps>
const seqs: number[] = []
/** Departments 9001 (root of the test tree) > 9002, 9003; 9002 > 9004. */
const DEPARTMENTS: [id: number, parent: number][] = [[9001, 1], [9002, 9001], [9003, 9001], [9004, 9002]]
let staff: { id: string; departments: number[] }[] = []
let customerIds: string[] = []

let state = 7
const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!

type SeqExpr = Expr<{ key: number }>
const holds = (e: SeqExpr, has: Set<number>): boolean =>
  isLeaf(e) ? has.has(e.key) : e.op === 'and' ? e.args.every((a) => holds(a, has)) : e.op === 'or' ? e.args.some((a) => holds(a, has)) : !holds(e.args[0], has)
const randomExpr = (depth: number): SeqExpr => {
  if (depth === 0 || rand() < 0.3) return { key: pick(seqs) }
  const r = rand()
  if (r < 0.25) return { op: 'not', args: [randomExpr(depth - 1)] }
  const args = Array.from({ length: 2 + Math.floor(rand() * 2) }, () => randomExpr(depth - 1))
  return { op: r < 0.6 ? 'and' : 'or', args }
}
const toQueryInt = (e: SeqExpr): string =>
  isLeaf(e) ? String(e.key) : e.op === 'not' ? `!(${toQueryInt(e.args[0])})` : `(${e.args.map(toQueryInt).join(e.op === 'and' ? ' & ' : ' | ')})`

/** Customer ids matching, computed in JS from the base tables (not from tag_seqs or the bitmaps). */
async function reference(e: SeqExpr, departments: number[] | 'all') {
  const db = t.app.db
  const [tags, follows, employees, tree] = await Promise.all([
    db.selectFrom('customerTag as ct').innerJoin('tag', 'tag.id', 'ct.tagId').select(['ct.customerId', 'tag.seq']).where('ct.corpId', '=', corpId).execute(),
    db.selectFrom('customerFollow').select(['customerId', 'employeeId']).where('corpId', '=', corpId).execute(),
    db.selectFrom('employee').select(['id', 'departmentIds']).where('corpId', '=', corpId).execute(),
    db.selectFrom('department').select(['id', 'parentId']).where('corpId', '=', corpId).execute(),
  ])
  const parent = new Map(tree.map((d) => [d.id, d.parentId]))
  const under = (d: number, root: number) => { for (let x: number | undefined = d, n = 0; x !== undefined && parent.has(x) && n < 50; x = parent.get(x), n++) if (x === root) return true; return false }
  const deptsOf = new Map(employees.map((x) => [x.id, x.departmentIds]))
  const customers = await db.selectFrom('customer').select('id').where('corpId', '=', corpId).execute()
  return customers.filter((c) => {
    const has = new Set(tags.filter((x) => x.customerId === c.id).map((x) => x.seq))
    const inScope = departments === 'all' || follows.some((f) => f.customerId === c.id && deptsOf.get(f.employeeId)!.some((d) => departments.some((root) => under(d, root))))
    return inScope && holds(e, has)
  }).map((c) => Number(c.id)).sort((a, b) => a - b)
}

/** The manager scope as org resolves it at login: the subtree's employees plus its roots. */
async function scopeOf(departments: number[] | 'all'): Promise<Scope> {
  if (departments === 'all') return { kind: 'all' }
  const employeeIds = new Set<string>()
  for (const d of departments) for (const id of await t.app.org.employeeIdsInSubtree(corpId, d)) employeeIds.add(id)
  return { kind: 'employees', employeeIds: [...employeeIds], departmentIds: departments }
}

/** Count and ids via the bitmaps equal the SQL path and the reference. */
async function expectSame(e: SeqExpr, departments: number[] | 'all') {
  const scope = await scopeOf(departments)
  const keys = bitmapAudience(scope, e, {})!
  const expected = await reference(e, departments)
  expect(await bitmaps.count(corpId, keys)).toBe(expected.length)
  expect(await countAudience(t.app.db, { corpId, scope, tagQuery: toQueryInt(e) })).toBe(expected.length)
  const segmentId = crypto.randomUUID()
  const ids = await t.app.db.transaction().execute(async (tx) => {
    await bitmaps.insertMembers(tx, corpId, segmentId, keys)
    return (await tx.selectFrom('segmentMember').select('customerId').where('segmentId', '=', segmentId).orderBy('customerId').execute()).map((m) => Number(m.customerId))
  })
  expect(ids).toEqual(expected)
}

const dirtyCount = async () => Number((await t.app.db.selectFrom('segmentBitmapDirty').select((eb) => eb.fn.countAll<string>().as('n')).where('corpId', '=', corpId).executeTakeFirstOrThrow()).n)

beforeAll(async () => {
  t = await testApp()
  corpId = t.app.corp.id
  bitmaps = createSegmentBitmaps(t.app.db)
  const db = t.app.db
  await db.insertInto('department').values(DEPARTMENTS.map(([id, parentId]) => ({ corpId, id, name: `位图${id}`, parentId }))).execute()
  staff = await Promise.all(DEPARTMENTS.map(async ([d], i) => ({
    id: (await db.insertInto('employee').values({ corpId, wecomUserId: `bitmap${i}`, name: `位图员工${i}`, departmentIds: [d] }).returning('id').executeTakeFirstOrThrow()).id, departments: [d],
  })))
  const group = await db.insertInto('tagGroup').values({ corpId, name: '位图' }).returning('id').executeTakeFirstOrThrow()
  const tags = await db.insertInto('tag').values(Array.from({ length: 5 }, (_, i) => ({ corpId, groupId: group.id, name: `位图${i}` }))).returning(['id', 'seq']).execute()
  seqs.push(...tags.map((x) => x.seq))
  // Customers straddle a chunk boundary: identity values are moved past the next multiple of 65,536 halfway.
  const first = await db.insertInto('customer').values(Array.from({ length: 60 }, (_, i) => ({ corpId, externalUserId: `wmbit${i}`, firstAddedAt: new Date() }))).returning('id').execute()
  await sql`select setval(pg_get_serial_sequence('customer', 'id'), ${(Math.floor(Number(first.at(-1)!.id) / CHUNK_SIZE) + 1) * CHUNK_SIZE - 30})`.execute(db)
  const second = await db.insertInto('customer').values(Array.from({ length: 60 }, (_, i) => ({ corpId, externalUserId: `wmbit${60 + i}`, firstAddedAt: new Date() }))).returning('id').execute()
  customerIds = [...first, ...second].map((c) => c.id)
  await db.insertInto('customerFollow').values(customerIds.flatMap((customerId, i) => [
    { corpId, customerId, employeeId: staff[i % 4]!.id, addedAt: new Date() },
    ...(i % 5 === 0 ? [{ corpId, customerId, employeeId: staff[(i + 1) % 4]!.id, addedAt: new Date() }] : []),
  ])).execute()
  await db.insertInto('customerTag').values(customerIds.flatMap((customerId) => tags.filter(() => rand() < 0.4).map((x) => ({ corpId, customerId, tagId: x.id })))).execute()
})
afterAll(async () => { await t?.close() })

describe('segment bitmaps', () => {
  it('count and members equal the SQL path and the reference on random nested expressions and scopes', async () => {
    expect(Number(customerIds.at(-1)) >> 16).toBeGreaterThan(Number(customerIds[0]) >> 16)
    const scopes: (number[] | 'all')[] = ['all', [9001], [9002], [9003, 9004], [9004], [4242]]
    for (let i = 0; i < 24; i++) await expectSame(randomExpr(3), scopes[i % scopes.length]!)
  })

  it('follows tag and follow changes, department moves and deletes without a manual rebuild', async () => {
    const db = t.app.db
    const e: SeqExpr = { op: 'and', args: [{ op: 'or', args: [{ key: seqs[0]! }, { key: seqs[1]! }] }, { op: 'not', args: [{ key: seqs[2]! }] }] }
    await expectSame(e, [9002])
    const tag0 = (await db.selectFrom('tag').select('id').where('seq', '=', seqs[0]!).executeTakeFirstOrThrow()).id
    await db.deleteFrom('customerTag').where('customerId', 'in', customerIds.slice(0, 40)).execute()
    await db.insertInto('customerTag').values(customerIds.slice(80, 120).map((customerId) => ({ corpId, customerId, tagId: tag0 })))
      .onConflict((oc) => oc.doNothing()).execute()
    await expectSame(e, [9002])
    await db.updateTable('customerFollow').set({ employeeId: staff[2]!.id }).where('customerId', 'in', customerIds.slice(0, 10)).where('employeeId', '=', staff[0]!.id).execute()
    await db.deleteFrom('customerFollow').where('customerId', 'in', customerIds.slice(100, 110)).execute()
    await expectSame(e, [9002])
    await db.updateTable('employee').set({ departmentIds: [9003] }).where('id', '=', staff[3]!.id).execute()      // 9004 → 9003
    await expectSame(e, [9002])
    await expectSame(e, [9003])
    await db.updateTable('department').set({ parentId: 9003 }).where('corpId', '=', corpId).where('id', '=', 9002).execute()
    await expectSame(e, [9003])
    await db.deleteFrom('tag').where('seq', '=', seqs[1]!).execute()                                                 // rows go by cascade
    await expectSame(e, 'all')
  })

  it('a flush that dies half-way leaves the marks, and the next count is exact', async () => {
    const db = t.app.db
    const tag2 = (await db.selectFrom('tag').select('id').where('seq', '=', seqs[2]!).executeTakeFirstOrThrow()).id
    await db.insertInto('customerTag').values(customerIds.slice(0, 120).filter((_, i) => i % 3 === 0).map((customerId) => ({ corpId, customerId, tagId: tag2 }))).onConflict((oc) => oc.doNothing()).execute()
    expect(await dirtyCount()).toBeGreaterThan(0)
    const marks = await dirtyCount()
    await expect(db.transaction().execute(async (tx) => {
      await tx.deleteFrom('segmentBitmapDirty').where('corpId', '=', corpId).execute()
      await tx.deleteFrom('segmentBitmap').where('corpId', '=', corpId).execute()
      throw new Error('crash')
    })).rejects.toThrow('crash')
    expect(await dirtyCount()).toBe(marks)
    await expectSame({ key: seqs[2]! }, [9001])
    expect(await dirtyCount()).toBe(0)
  })

  it('takes only audiences whose every part has a key', () => {
    const tags: KeyExpr = { key: 1 }
    expect(bitmapAudience({ kind: 'all' }, tags, { departmentId: 3 })).toBeDefined()
    expect(bitmapAudience({ kind: 'employees', employeeIds: ['e'] }, tags, {})).toBeUndefined()
    expect(bitmapAudience({ kind: 'all' }, tags, { followerIds: ['e'] })).toBeUndefined()
    expect(bitmapAudience({ kind: 'all' }, tags, { addedFrom: new Date() })).toBeUndefined()
    // A filter this module has never heard of falls back too.
    expect(bitmapAudience({ kind: 'all' }, tags, { somethingNew: true } as never)).toBeUndefined()
  })
})
