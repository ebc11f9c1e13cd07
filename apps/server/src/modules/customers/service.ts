import type { Database, Executor } from '../../db/database'
import type { EventBus } from '../../events/bus'
import type { LossKind } from '../../db/types'
import type { Actor } from '../../http/actor'
import type { JobDef, Queue } from '../../jobs/queue'
import type { WeComCustomer, WeComFollow } from '../../wecom/port'
import type { OrgService } from '../org'
import { decodeCursor, encodeCursor } from '../../shared/cursor'
import { customersError } from './errors'
import type { MarkTagsPayload } from './jobs'
import type { LossService } from './losses/service'
import { withNoteText } from './notes/service'
import { TAG_LIMIT } from './tags/service'
import * as repo from './repo'
import * as bulk from './sync/bulk-repo'
import { storeCustomers } from './sync/store-page'
import type { CustomerQuery } from './schema'
import type { z } from 'zod'

/** follow_user per page of externalcontact/get (doc 92114). */
const FOLLOW_USER_PAGE = 500

export interface Channel { liveCodeId: string; name: string; channelGroup: string }

export interface CustomersDeps {
  db: Database
  queue: Queue
  org: OrgService
  bus: EventBus
  losses: LossService
  markTagsJob: JobDef<z.infer<typeof MarkTagsPayload>, never>
  /** Reads WeCom's detail of customers added from a callback alone. */
  profileFillJob: JobDef<Record<string, unknown>, never>
  /** Channel names come from acquisition, wired in app.ts (acquisition depends on customers, not back). */
  channels: { byIds(corpId: string, ids: string[]): Promise<Channel[]>; idsOfGroup(corpId: string, group: string): Promise<string[]> }
}

export type CustomersService = ReturnType<typeof createCustomersService>

/**
 * A customer added an employee (add_external_contact). `customer` is WeCom's detail read when the caller made
 * one; without it the add is recorded from the callback alone and the profile fill job reads it later.
 */
export interface ContactAdd { externalUserId: string; customer?: WeComCustomer; employeeId: string; userid: string; state: string; liveCodeId: string | null; at: Date; dedupeKey: string }

export function createCustomersService(deps: CustomersDeps) {
  const { db, queue, org } = deps

  async function filterOf(actor: Actor, q: Omit<CustomerQuery, 'cursor' | 'limit'>): Promise<repo.CustomerFilter> {
    let liveCodeIds = q.liveCodeId ? [q.liveCodeId] : undefined
    if (q.channelGroup) {
      const ids = await deps.channels.idsOfGroup(actor.corpId, q.channelGroup)
      liveCodeIds = liveCodeIds ? liveCodeIds.filter((id) => ids.includes(id)) : ids
    }
    return { corpId: actor.corpId, scope: actor.scope, q: q.q, liveCodeIds, employeeId: q.employeeId, tagId: q.tagId, addedFrom: q.addedFrom, addedTo: q.addedTo }
  }

  /** Tags, followers and channel for a page of customers, in three queries. */
  async function decorate(corpId: string, rows: { id: string; channelLiveCodeId: string | null }[]) {
    const ids = rows.map((r) => r.id)
    const [tags, follows, channels] = await Promise.all([
      repo.tagsOfCustomers(db, ids), repo.followsOfCustomers(db, ids),
      deps.channels.byIds(corpId, [...new Set(rows.map((r) => r.channelLiveCodeId).filter((x): x is string => !!x))]),
    ])
    const employees = new Map((await org.findEmployeesByIds(db, corpId, [...new Set(follows.map((f) => f.employeeId))])).map((e) => [e.id, e]))
    return {
      tagsOf: (id: string) => tags.filter((t) => t.customerId === id).map((t) => ({ id: t.id, name: t.name })),
      followsOf: (id: string) => follows.filter((f) => f.customerId === id).map((f) => ({ ...f, employeeName: employees.get(f.employeeId)?.name ?? '' })),
      channelOf: (liveCodeId: string | null) => channels.find((c) => c.liveCodeId === liveCodeId) ?? null,
    }
  }

  /** The customer's profile and one relation, as WeCom reports them (upserts, so replays change nothing). */
  async function storeRelation(tx: Executor, input: { corpId: string; customer: WeComCustomer; employeeId: string; liveCodeId: string | null; follow: Pick<WeComFollow, 'remark' | 'description' | 'createdAt' | 'addWay' | 'state' | 'remarkMobiles'> }) {
    const { customer: c, follow: f } = input
    const customer = await repo.upsertCustomer(tx, {
      corpId: input.corpId, externalUserId: c.externalUserId, name: c.name, avatar: c.avatar, gender: c.gender, type: c.type,
      unionid: c.unionid, corpName: c.corpName, channelLiveCodeId: input.liveCodeId, firstAddedAt: f.createdAt,
    })
    await repo.upsertFollow(tx, {
      corpId: input.corpId, customerId: customer.id, employeeId: input.employeeId, remark: f.remark, description: f.description,
      addedAt: f.createdAt, addWay: f.addWay, state: f.state, liveCodeId: input.liveCodeId, remarkMobiles: f.remarkMobiles,
    })
    return customer
  }

  /**
   * Many adds at once (a fission poster's burst of scans) in a fixed number of statements: customers, relations
   * and timeline entries each in one. Per add: the customer, whether this add made them new to the corp (only a
   * person's earliest add of the batch can), and `relationLostAt` when the relation's end arrived before this
   * add (out-of-order callbacks) and so stays ended. Adds without the customer's details store them as
   * `profile_pending`: after the commit, the caller asks for them (`requestProfiles`; a minute cron is the safety net).
   * The timeline is the caller's: one entry per add (recordContactsAdded writes 'added'; fission writes its help).
   */
  async function storeContactsAdded(tx: Executor, corpId: string, adds: ContactAdd[]) {
    const follows = adds.map((a) => {
      const f = a.customer?.follows.find((x) => x.userid === a.userid)
      return { remark: f?.remark ?? '', description: f?.description ?? '', createdAt: f?.createdAt ?? a.at, addWay: f?.addWay ?? 0, remarkMobiles: f?.remarkMobiles ?? [] }
    })
    const order = adds.map((_, i) => i).sort((i, j) => adds[i]!.at.getTime() - adds[j]!.at.getTime())
    const firstAdd = new Map<string, number>()
    for (const i of order) if (!firstAdd.has(adds[i]!.externalUserId)) firstAdd.set(adds[i]!.externalUserId, i)
    const { idOf, created } = await storeCustomers(tx, corpId, [...firstAdd.values()].map((i) => {
      const { customer: c, externalUserId, liveCodeId } = adds[i]!
      const base = { corpId, externalUserId, channelLiveCodeId: liveCodeId, firstAddedAt: follows[i]!.createdAt, lastActiveAt: adds[i]!.at }
      return c ? { ...base, name: c.name, avatar: c.avatar, gender: c.gender, type: c.type, unionid: c.unionid, corpName: c.corpName }
        : { ...base, name: '', avatar: '', gender: 0, type: 1, unionid: null, corpName: '', profilePending: true }
    }))
    // One row per relation (a repeated add in the batch: the latest wins, as it would one by one).
    const relations = new Map(order.map((i) => [`${idOf.get(adds[i]!.externalUserId)}|${adds[i]!.employeeId}`, i]))
    const stored = await bulk.bulkUpsertFollows(tx, [...relations.values()].map((i) => {
      const a = adds[i]!, f = follows[i]!
      return { corpId, customerId: idOf.get(a.externalUserId)!, employeeId: a.employeeId, remark: f.remark, description: f.description, addedAt: f.createdAt, addWay: f.addWay, state: a.state, liveCodeId: a.liveCodeId, remarkMobiles: f.remarkMobiles }
    }))
    const lostAt = new Map(stored.map((r) => [`${r.customerId}|${r.employeeId}`, r.lostAt]))
    const results = adds.map((a, i) => {
      const customerId = idOf.get(a.externalUserId)!
      return { customerId, isNewCustomer: created.has(a.externalUserId) && firstAdd.get(a.externalUserId) === i, relationLostAt: lostAt.get(`${customerId}|${a.employeeId}`) ?? null }
    })
    return results
  }

  /** Stored adds on their customers' timelines ('added', keyed by the add's dedupe key). */
  const appendAdded = (tx: Executor, corpId: string, added: { add: ContactAdd; stored: { customerId: string; isNewCustomer: boolean } }[]) =>
    repo.insertEvents(tx, added.map(({ add: a, stored }) => ({
      corpId, customerId: stored.customerId, kind: 'added', employeeId: a.employeeId, occurredAt: a.at, dedupeKey: a.dedupeKey,
      data: { state: a.state, liveCodeId: a.liveCodeId, isNewCustomer: stored.isNewCustomer },
    })))

  /** storeContactsAdded, and each add on its customer's timeline. */
  async function recordContactsAdded(tx: Executor, corpId: string, adds: ContactAdd[]) {
    const results = await storeContactsAdded(tx, corpId, adds)
    await appendAdded(tx, corpId, adds.map((add, i) => ({ add, stored: results[i]! })))
    return results
  }

  async function getInScope(actor: Actor, id: string) {
    const row = /^\d{1,19}$/.test(id) ? await repo.findCustomer(db, actor.corpId, actor.scope, id) : undefined
    if (!row) throw customersError('customers.customer.not_found')      // out of scope looks exactly like absent
    return row
  }

  return {
    /** A page of the customers the actor may see, newest first. */
    async list(actor: Actor, q: CustomerQuery) {
      const rows = await repo.listCustomers(db, await filterOf(actor, q), { after: decodeCursor(q.cursor), limit: q.limit })
      const d = await decorate(actor.corpId, rows)
      const last = rows[rows.length - 1]
      return {
        items: rows.map((r) => ({
          ...r, addedAt: r.firstAddedAt, channel: d.channelOf(r.channelLiveCodeId), tags: d.tagsOf(r.id),
          followers: d.followsOf(r.id).filter((f) => f.status === 'active').map((f) => ({ employeeId: f.employeeId, name: f.employeeName })),
        })),
        nextCursor: rows.length === q.limit && last ? encodeCursor(last.firstAddedAt, last.id) : null,
      }
    },

    filterOf,

    count: async (actor: Actor, q: Omit<CustomerQuery, 'cursor' | 'limit'>) => ({ count: await repo.countCustomers(db, await filterOf(actor, q)) }),

    async get(actor: Actor, id: string) {
      const row = await getInScope(actor, id)
      const d = await decorate(actor.corpId, [row])
      return { ...row, addedAt: row.firstAddedAt, channel: d.channelOf(row.channelLiveCodeId), tags: d.tagsOf(row.id), follows: d.followsOf(row.id) }
    },

    /** Everything that happened to the customer, newest first; note entries show the note as it is now. */
    async timeline(actor: Actor, id: string, page: { cursor?: string; limit: number; kinds?: string[] }) {
      const row = await getInScope(actor, id)
      const events = await withNoteText(db, await repo.listEvents(db, row.id, { before: decodeCursor(page.cursor), limit: page.limit, kinds: page.kinds }))
      const employees = new Map((await org.findEmployeesByIds(db, actor.corpId, events.flatMap((e) => e.employeeId ? [e.employeeId] : []))).map((e) => [e.id, e.name]))
      const last = events[events.length - 1]
      return {
        items: events.map((e) => ({ id: e.id, kind: e.kind, at: e.occurredAt, employeeName: e.employeeId ? employees.get(e.employeeId) ?? null : null, data: e.data })),
        nextCursor: events.length === page.limit && last ? encodeCursor(last.occurredAt, last.id) : null,
      }
    },

    /**
     * A customer added an employee: store or refresh the customer and the follow relation, attribute the
     * channel (first touch), record the timeline. Idempotent: replaying the same add changes nothing.
     */
    async recordContactAdded(tx: Executor, input: ContactAdd & { corpId: string }) {
      return (await recordContactsAdded(tx, input.corpId, [input]))[0]!
    },

    recordContactsAdded,
    storeContactsAdded,
    appendAdded,
    /** Asks the paced profile fill to read the pending customers' details from WeCom (after the commit that stored them). */
    requestProfiles: () => queue.signal(deps.profileFillJob),

    /**
     * Other modules' entries on customers' timelines (fission helps and prizes), in the caller's transaction;
     * one whose `dedupeKey` the timeline already has is not added again.
     */
    appendEvents: (tx: Executor, rows: { corpId: string; customerId: string; kind: string; employeeId: string | null; data: Record<string, unknown>; at: Date; dedupeKey?: string }[]) =>
      repo.insertEvents(tx, rows.map(({ at, dedupeKey, ...r }) => ({ ...r, occurredAt: at, dedupeKey: dedupeKey ?? null }))),

    /**
     * An employee edited the customer in WeCom (remark, description, corp tags): refresh the profile and that
     * relation, and make the customer's WeCom-backed tags the union of every relation's tags (WeCom's tags
     * belong to a relation, Pond's to the customer). Only the detail read from WeCom at `readAt` is used,
     * never the callback's payload, so a replayed or late callback applies WeCom's current state: replays
     * change nothing, and an older callback handled after a newer one cannot bring an old state back.
     */
    async recordContactEdited(tx: Executor, input: { corpId: string; customer: WeComCustomer; employeeId: string; userid: string; at: Date; readAt: Date; dedupeKey: string }) {
      const follow = input.customer.follows.find((f) => f.userid === input.userid)
      if (!follow) return
      const customer = await storeRelation(tx, { ...input, follow, liveCodeId: null })
      const carried = [...new Set(input.customer.follows.flatMap((f) => f.tagIds))]
      const tags = await repo.findTagsByWecomIds(tx, input.corpId, carried)
      await repo.insertCustomerTags(tx, input.corpId, customer.id, tags.map((t) => t.id))
      // The port reads externalcontact/get's first page (500 follow users): past it the union may be partial, so nothing is removed.
      const untagged = input.customer.follows.length < FOLLOW_USER_PAGE ? await repo.untagRemovedInWecom(tx, customer.id, carried, input.readAt) : []
      await repo.dropSettledPushes(tx, customer.id, input.readAt)
      await repo.insertEvent(tx, {
        corpId: input.corpId, customerId: customer.id, kind: 'edited', employeeId: input.employeeId, occurredAt: input.at, dedupeKey: input.dedupeKey,
        data: { remark: follow.remark, description: follow.description, tags: tags.filter((t) => follow.tagIds.includes(t.wecomTagId!)).map((t) => t.name) },
      })
      if (untagged.length) await repo.insertEvent(tx, {
        corpId: input.corpId, customerId: customer.id, kind: 'untagged', employeeId: input.employeeId, occurredAt: input.at, dedupeKey: null,
        data: { tags: untagged.map((t) => t.name), reason: 'wecom' },
      })
    },

    /** Tags a customer in Pond now and in WeCom by a job queued in the same transaction. */
    async applyTags(tx: Executor, input: { corpId: string; customerId: string; employeeId: string; userid: string; externalUserId: string; tagIds: string[]; at: Date; reason: string }) {
      const tags = await repo.findTags(tx, input.corpId, input.tagIds)
      const added = await repo.insertCustomerTags(tx, input.corpId, input.customerId, tags.map((t) => t.id))
      if (added.length === 0) return
      await repo.insertEvent(tx, {
        corpId: input.corpId, customerId: input.customerId, kind: 'tagged', employeeId: input.employeeId, occurredAt: input.at, dedupeKey: null,
        data: { tags: tags.filter((t) => added.some((a) => a.tagId === t.id)).map((t) => t.name), reason: input.reason },
      })
      const wecomIds = tags.flatMap((t) => t.wecomTagId ? [t.wecomTagId] : [])
      if (wecomIds.length === 0) return
      await queue.send(tx, deps.markTagsJob, { corpId: input.corpId, userid: input.userid, externalUserId: input.externalUserId, add: wecomIds, remove: [] })
      await repo.insertTagPushes(tx, input.corpId, added.filter((a) => tags.some((t) => t.id === a.tagId && t.wecomTagId)).map((a) => ({ customerId: input.customerId, tagId: a.tagId })))
    },

    /**
     * A relation ended (customer deleted the employee or the reverse); the customer record stays. A loss
     * older than the current add is stale and ignored; one that arrives before its add is kept as lost.
     */
    async recordFollowLost(tx: Executor, input: { corpId: string; externalUserId: string; employeeId: string; status: LossKind; at: Date; dedupeKey: string }) {
      const customer = await repo.findCustomerByExternalId(tx, input.corpId, input.externalUserId)
        ?? await repo.upsertCustomer(tx, { corpId: input.corpId, externalUserId: input.externalUserId, name: '', avatar: '', gender: 0, type: 1, unionid: null, corpName: '', channelLiveCodeId: null, firstAddedAt: input.at })
      const follow = await repo.lockFollow(tx, customer.id, input.employeeId)
      if (!follow) await repo.insertLostFollow(tx, { corpId: input.corpId, customerId: customer.id, employeeId: input.employeeId, status: input.status, at: input.at })
      else if (follow.status === 'active' && follow.addedAt <= input.at) await repo.setFollowLost(tx, follow.id, input.status, input.at)
      else return
      await repo.insertEvent(tx, { corpId: input.corpId, customerId: customer.id, kind: input.status, employeeId: input.employeeId, occurredAt: input.at, data: {}, dedupeKey: input.dedupeKey })
      await deps.losses.recordLoss(tx, { corpId: input.corpId, customerId: customer.id, employeeId: input.employeeId, kind: input.status, at: input.at })
      await deps.bus.emit(tx, 'customers.follow.lost', { corpId: input.corpId, customerId: customer.id, externalUserId: input.externalUserId, employeeId: input.employeeId, liveCodeId: follow?.liveCodeId ?? null, at: input.at })
    },

    /** The handover's side of a completed transfer (del_external_contact, Source DELETE_BY_TRANSFER): ended, not lost. */
    async recordFollowTransferred(tx: Executor, input: { corpId: string; externalUserId: string; employeeId: string; at: Date; dedupeKey: string }) {
      const customer = await repo.findCustomerByExternalId(tx, input.corpId, input.externalUserId)
      const follow = customer ? await repo.lockFollow(tx, customer.id, input.employeeId) : undefined
      if (!customer || !follow || follow.status !== 'active') return
      await repo.setFollowLost(tx, follow.id, 'transferred', input.at)
      await repo.insertEvent(tx, { corpId: input.corpId, customerId: customer.id, kind: 'transferred', employeeId: input.employeeId, occurredAt: input.at, data: {}, dedupeKey: input.dedupeKey })
    },

    async recordEvent(tx: Executor, input: { corpId: string; externalUserId: string; kind: string; employeeId: string | null; data: Record<string, unknown>; at: Date; dedupeKey: string | null }) {
      const customer = await repo.findCustomerByExternalId(tx, input.corpId, input.externalUserId)
      if (customer) await repo.insertEvent(tx, { corpId: input.corpId, customerId: customer.id, kind: input.kind, employeeId: input.employeeId, data: input.data, occurredAt: input.at, dedupeKey: input.dedupeKey })
    },

    async customerCounts(corpId: string, employeeIds: string[]) {
      return new Map((await repo.countCustomersByEmployees(db, corpId, employeeIds)).map((r) => [r.employeeId, Number(r.n)]))
    },

    async listTags(actor: Actor) {
      const rows = await repo.listTagGroups(db, actor.corpId)
      const groups = new Map<string, { id: string; name: string; tags: { id: string; name: string }[] }>()
      for (const r of rows) {
        const g = groups.get(r.groupId) ?? groups.set(r.groupId, { id: r.groupId, name: r.groupName, tags: [] }).get(r.groupId)!
        if (r.tagId) g.tags.push({ id: r.tagId, name: r.tagName! })
      }
      return { groups: [...groups.values()], count: rows.filter((r) => r.tagId).length, limit: TAG_LIMIT }
    },

    findTags: (ex: Executor, corpId: string, ids: string[]) => repo.findTags(ex, corpId, ids),

    /** Names and avatars by id, for pages a customer opens with a signed link (the link decided who may see it). */
    cards: (corpId: string, ids: string[]) => repo.findCustomerCards(db, corpId, ids),
    /** Names and avatars of the customers among `ids` the actor may see (one query for a page of rows naming customers). */
    cardsInScope: (actor: Actor, ids: string[]) => repo.findCustomerCards(db, actor.corpId, [...new Set(ids)], actor.scope),
  }
}
