import type { Database, Executor } from '../../../db/database'
import type { EventBus } from '../../../events/bus'
import type { WeComCustomer } from '../../../wecom/port'
import * as repo from '../repo'
import * as bulk from './bulk-repo'
import type { CustomerUpsert } from '../repo'

export type FollowLost = (tx: Executor, input: { corpId: string; externalUserId: string; employeeId: string; status: 'deleted_by_employee'; at: Date; dedupeKey: string }) => Promise<unknown>

/** What a sync knows while storing pages: WeCom's ids to Pond's. */
export interface PageContext { corpId: string; employees: Map<string, string>; states: Map<string, string>; tags: Map<string, string> }

// Concurrent pages may touch the same customer (followed by employees of two batches). Known customers are
// locked in id order and new ones inserted in external_userid order, so pages queue rather than deadlock; a
// deadlock or lost create race that still happens is retried (jittered) with the page's transaction, which is
// idempotent. Under load 4 immediate retries were not enough (a full import failed with "deadlock detected").
const RETRYABLE_PG = new Set(['40P01', '40001', '23505'])
const MAX_TRIES = 8

async function retried<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (err) {
      if (attempt >= MAX_TRIES || !RETRYABLE_PG.has((err as { code?: string }).code ?? '')) throw err
      await new Promise((r) => setTimeout(r, Math.random() * 50 * attempt))
    }
  }
}

/** A unionid goes to one customer per statement (two customers already known for one person keep theirs). */
function oneUnionidEach<T extends { unionid: string | null }>(rows: T[]): T[] {
  const taken = new Set<string>()
  return rows.map((r) => {
    if (!r.unionid || !taken.has(r.unionid)) { if (r.unionid) taken.add(r.unionid); return r }
    return { ...r, unionid: null }
  })
}

/**
 * Known customers, locked in id order: further ids attached; a profile read from WeCom refreshes theirs, an add
 * without one marks them for the profile fill job. (A burst of new helpers has none: no statement is sent.)
 */
async function touchKnown(tx: Executor, corpId: string, known: (CustomerUpsert & { id: string })[]) {
  if (known.length === 0) return
  const rows = [...new Map(known.map((r) => [r.id, r])).values()]
  await bulk.lockCustomers(tx, rows.map((r) => r.id))
  await bulk.attachExternalIds(tx, corpId, known.map((r) => ({ externalUserId: r.externalUserId, customerId: r.id })))
  const read = rows.filter((r) => !r.profilePending)
  if (read.length) await bulk.refreshCustomers(tx, oneUnionidEach(read))
  const pending = rows.filter((r) => r.profilePending)
  if (pending.length) await bulk.markProfilesPending(tx, pending)
}

/**
 * Customer ids for persons' external_userids in a few statements: known persons (by id or unionid) locked in
 * id order and refreshed, further ids attached, the rest created. `created` holds the external_userids of
 * customers created now. For sync pages and bursts of adds.
 */
export async function storeCustomers(tx: Executor, corpId: string, rows: CustomerUpsert[]) {
  const idOf = new Map((await bulk.findCustomersOfPersons(tx, corpId, rows)).map((r) => [r.externalUserId, r.customerId]))
  const known = rows.filter((r) => idOf.has(r.externalUserId)).map((r) => ({ ...r, id: idOf.get(r.externalUserId)! }))
  await touchKnown(tx, corpId, known)
  const fresh = rows.filter((r) => !idOf.has(r.externalUserId)).sort((a, b) => a.externalUserId < b.externalUserId ? -1 : a.externalUserId > b.externalUserId ? 1 : 0)
  const created = new Set<string>()
  for (const r of fresh.length ? await bulk.insertCustomers(tx, fresh) : []) { idOf.set(r.externalUserId, r.id); created.add(r.externalUserId) }
  // Left out by the insert: another id of the same person in this page, or a concurrent page, created it first.
  const late = fresh.filter((f) => !idOf.has(f.externalUserId))
  const found = late.length ? await bulk.findCustomersOfPersons(tx, corpId, late) : []
  for (const r of found) idOf.set(r.externalUserId, r.customerId)
  const lateKnown = late.flatMap((r) => idOf.has(r.externalUserId) ? [{ ...r, id: idOf.get(r.externalUserId)! }] : [])
  await touchKnown(tx, corpId, lateKnown)
  for (const r of late.filter((f) => !idOf.has(f.externalUserId))) {
    const stored = await repo.upsertCustomer(tx, r)
    idOf.set(r.externalUserId, stored.id)
    if (stored.inserted) created.add(r.externalUserId)
  }
  return { idOf, created }
}

/** Writes pages of batch/get_by_user into customers and relations, one person one customer (unionid dedupe). */
export function createPageStore(deps: { db: Database; bus: EventBus; clock: () => Date; recordFollowLost: FollowLost }) {
  const { db } = deps

  /** Customer ids for the page's external_userids: known persons refreshed (further ids attached), the rest created. */
  async function customerIds(tx: Executor, corpId: string, customers: WeComCustomer[], states: Map<string, string>) {
    return (await storeCustomers(tx, corpId, customers.map((c) => {
      const first = [...c.follows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0]
      return {
        corpId, externalUserId: c.externalUserId, name: c.name, avatar: c.avatar, gender: c.gender, type: c.type, unionid: c.unionid,
        corpName: c.corpName, channelLiveCodeId: first ? states.get(first.state) ?? null : null, firstAddedAt: first?.createdAt ?? deps.clock(),
      }
    })))
  }

  async function storeOnce(ctx: PageContext, customers: WeComCustomer[]) {
    return db.transaction().execute(async (tx) => {
      const { idOf, created } = await customerIds(tx, ctx.corpId, customers, ctx.states)
      const all = customers.flatMap((c) => c.follows.flatMap((f) => {
        const employeeId = ctx.employees.get(f.userid)
        return employeeId ? [{ c, f, employeeId, customerId: idOf.get(c.externalUserId)! }] : []
      }))
      // One relation per (customer, employee) even when an employee follows two ids of one person: the latest add.
      const follows = [...new Map([...all].sort((a, b) => a.f.createdAt.getTime() - b.f.createdAt.getTime()).map((x) => [`${x.employeeId}|${x.customerId}`, x])).values()]
      const inserted = new Set((await bulk.bulkUpsertFollows(tx, follows.map(({ f, employeeId, customerId }) => ({
        corpId: ctx.corpId, customerId, employeeId, remark: f.remark, description: f.description, addedAt: f.createdAt, addWay: f.addWay,
        state: f.state, liveCodeId: ctx.states.get(f.state) ?? null, remarkMobiles: f.remarkMobiles,
      })))).filter((r) => r.inserted).map((r) => `${r.employeeId}|${r.customerId}`))
      const relationsAdded = inserted.size
      const tagsAdded = await bulk.bulkInsertCustomerTags(tx, ctx.corpId, [...new Map(all.flatMap(({ f, customerId }) =>
        f.tagIds.flatMap((t) => ctx.tags.has(t) ? [[`${customerId}|${t}`, { customerId, tagId: ctx.tags.get(t)! }] as const] : []))).values()])
      await bulk.bulkInsertAddedEvents(tx, ctx.corpId, all.map(({ f, employeeId, customerId }) => ({ customerId, employeeId, at: f.createdAt, state: f.state })))
      const viaLiveCodes = all.flatMap(({ c, f, employeeId }) => {
        const liveCodeId = ctx.states.get(f.state)
        return liveCodeId ? [{ liveCodeId, employeeId, externalUserId: c.externalUserId, addedAt: f.createdAt }] : []
      })
      if (viaLiveCodes.length) await deps.bus.emit(tx, 'customers.follows.imported', { corpId: ctx.corpId, follows: viaLiveCodes })
      const discovered = follows.filter((x) => inserted.has(`${x.employeeId}|${x.customerId}`)).map(({ c, f, employeeId, customerId }) => ({
        customerId, externalUserId: c.externalUserId, employeeId, state: f.state, addedAt: f.createdAt, isNewCustomer: created.has(c.externalUserId),
      }))
      if (discovered.length) await deps.bus.emit(tx, 'customers.relations.discovered', { corpId: ctx.corpId, relations: discovered })
      return { relationsAdded, tagsAdded, customerIds: [...idOf.values()], relationKeys: follows.map((x) => `${x.employeeId}|${x.customerId}`) }
    })
  }

  /** Relations Pond holds as active that WeCom did not list for fully paged employees: lost, repaired one by one. */
  async function repairLosses(corpId: string, employeeIds: string[], seen: Set<string>, runKey: string) {
    const missing = (await bulk.activeFollowsOf(db, corpId, employeeIds)).filter((f) => !seen.has(`${f.employeeId}|${f.customerId}`))
    for (const f of missing) {
      await db.transaction().execute((tx) => deps.recordFollowLost(tx, {
        corpId, externalUserId: f.externalUserId, employeeId: f.employeeId, status: 'deleted_by_employee', at: deps.clock(), dedupeKey: `${runKey}:${f.employeeId}:${f.externalUserId}`,
      }))
    }
    return missing.length
  }

  return { store: (ctx: PageContext, customers: WeComCustomer[]) => retried(() => storeOnce(ctx, customers)), repairLosses }
}
