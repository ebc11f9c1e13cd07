import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../../../testing/test-app'

// customer.tag_seqs is derived from customer_tag by triggers; every write path must leave the two equal.
let t: TestApp
let corpId = ''
let tagIds: string[] = []
let customerIds: string[] = []

/** Customers whose tag_seqs differ from what customer_tag says (sorted seqs of their tags). */
const drift = async () => (await sql<{ id: string }>`
  select c.id from customer c
  where c.corp_id = ${corpId}::uuid and c.tag_seqs is distinct from coalesce(
    (select sort(array_agg(t.seq)) from customer_tag ct join tag t on t.id = ct.tag_id where ct.customer_id = c.id), '{}')`.execute(t.app.db)).rows

const seqsOf = async (customerId: string) =>
  (await t.app.db.selectFrom('customer').select('tagSeqs').where('id', '=', customerId).executeTakeFirstOrThrow()).tagSeqs

beforeAll(async () => {
  t = await testApp()
  corpId = t.app.corp.id
  const group = await t.app.db.insertInto('tagGroup').values({ corpId, name: '同步测试' }).returning('id').executeTakeFirstOrThrow()
  tagIds = (await t.app.db.insertInto('tag').values(Array.from({ length: 6 }, (_, i) => ({ corpId, groupId: group.id, name: `同步${i}` }))).returning('id').execute()).map((r) => r.id)
  customerIds = (await t.app.db.insertInto('customer').values(Array.from({ length: 50 }, (_, i) => ({ corpId, externalUserId: `wmsync${i}`, firstAddedAt: new Date() })))
    .returning('id').execute()).map((r) => r.id)
})
afterAll(async () => { await t?.close() })

describe('customer_tag → customer.tag_seqs', () => {
  it('follows bulk inserts, single inserts and duplicates', async () => {
    await t.app.db.insertInto('customerTag').values(customerIds.flatMap((customerId, i) =>
      tagIds.filter((_, k) => (i + k) % 3 === 0).map((tagId) => ({ corpId, customerId, tagId })))).execute()
    await t.app.db.insertInto('customerTag').values({ corpId, customerId: customerIds[0]!, tagId: tagIds[1]! })
      .onConflict((oc) => oc.columns(['customerId', 'tagId']).doNothing()).execute()
    expect(await drift()).toEqual([])
    const seqs = await seqsOf(customerIds[0]!)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(seqs.length).toBe(new Set(seqs).size)
  })

  it('follows removals, partial and complete', async () => {
    await t.app.db.deleteFrom('customerTag').where('customerId', 'in', customerIds.slice(0, 10)).where('tagId', '=', tagIds[0]!).execute()
    await t.app.db.deleteFrom('customerTag').where('customerId', '=', customerIds[11]!).execute()
    expect(await seqsOf(customerIds[11]!)).toEqual([])
    expect(await drift()).toEqual([])
  })

  it('follows an update that moves a row to another tag or customer', async () => {
    const row = await t.app.db.selectFrom('customerTag').select(['customerId', 'tagId']).where('customerId', '=', customerIds[20]!).executeTakeFirstOrThrow()
    const free = tagIds[5]!
    await t.app.db.deleteFrom('customerTag').where('customerId', '=', customerIds[21]!).where('tagId', '=', free).execute()
    await t.app.db.updateTable('customerTag').set({ customerId: customerIds[21]!, tagId: free })
      .where('customerId', '=', row.customerId).where('tagId', '=', row.tagId).execute()
    await t.app.db.updateTable('customerTag').set({ corpId }).where('customerId', '=', customerIds[22]!).execute()      // changes nothing
    expect(await drift()).toEqual([])
  })

  it('drops a deleted tag from every customer (its rows go by cascade)', async () => {
    await t.app.db.deleteFrom('tag').where('id', '=', tagIds[3]!).execute()
    const gone = (await sql<{ n: string }>`select count(*) as n from customer where corp_id = ${corpId}::uuid and tag_seqs <> '{}'`.execute(t.app.db)).rows[0]!.n
    expect(Number(gone)).toBeGreaterThan(0)
    expect(await drift()).toEqual([])
  })

  it('keeps both tags when two transactions tag one customer at once', async () => {
    const customerId = customerIds[40]!
    await t.app.db.deleteFrom('customerTag').where('customerId', '=', customerId).execute()
    let inserted!: () => void
    let release!: () => void
    const first = new Promise<void>((r) => (inserted = r))
    const gate = new Promise<void>((r) => (release = r))
    const tx1 = t.app.db.transaction().execute(async (tx) => {
      await tx.insertInto('customerTag').values({ corpId, customerId, tagId: tagIds[0]! }).execute()
      inserted()
      await gate                                   // holds the customer row lock its trigger took
    })
    await first
    const tx2 = t.app.db.transaction().execute((tx) => tx.insertInto('customerTag').values({ corpId, customerId, tagId: tagIds[1]! }).execute())
    await new Promise((r) => setTimeout(r, 100))
    release()
    await Promise.all([tx1, tx2])
    expect((await seqsOf(customerId)).length).toBe(2)
    expect(await drift()).toEqual([])
  })

  it('follows tags applied by the customers service (auto-tags of a live code)', async () => {
    const customer = await t.app.db.selectFrom('customer').select(['id', 'externalUserId']).where('id', '=', customerIds[45]!).executeTakeFirstOrThrow()
    const employee = (await t.app.org.listActiveEmployees(corpId))[0]!
    await t.app.db.transaction().execute((tx) => t.app.customers.applyTags(tx, {
      corpId, customerId: customer.id, employeeId: employee.id, userid: employee.wecomUserId, externalUserId: customer.externalUserId,
      tagIds: [tagIds[4]!, tagIds[5]!], at: new Date(), reason: 'test',
    }))
    const seqs = await t.app.db.selectFrom('tag').select('seq').where('id', 'in', [tagIds[4]!, tagIds[5]!]).execute()
    expect(await seqsOf(customer.id)).toEqual(expect.arrayContaining(seqs.map((s) => s.seq)))
    expect(await drift()).toEqual([])
  })
})
