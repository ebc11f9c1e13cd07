import type { Database, Executor } from '../../../db/database'
import type { EventBus } from '../../../events/bus'
import type { WeComCustomer, WeComPort } from '../../../wecom/port'
import type { OrgService } from '../../org'
import * as bulk from './bulk-repo'
import * as repo from '../repo'
import type { TagService } from '../tags/service'

const USERIDS_PER_CALL = 100                  // batch/get_by_user takes ≤ 100 userids (CONTRACT §3.1)

export type CustomersSync = ReturnType<typeof createCustomersSync>

/** Imports from WeCom: the corp tag library and every employee's customers with their follow relations. */
export interface SyncStats { customers: number; relationsAdded: number; tagsAdded: number; relationsLost: number }

export function createCustomersSync(deps: {
  db: Database; org: OrgService; bus: EventBus; tags: TagService; clock: () => Date
  liveCodeIdsByState(corpId: string): Promise<Map<string, string>>
  /** The customers service's rule for a lost relation (records the loss, alerts, counts it against the live code). */
  recordFollowLost(tx: Executor, input: { corpId: string; externalUserId: string; employeeId: string; status: 'deleted_by_employee'; at: Date; dedupeKey: string }): Promise<unknown>
}) {
  const { db } = deps

  async function syncTags(corpId: string, wecom: WeComPort) {
    const groups = await wecom.listCorpTags()
    await db.transaction().execute((tx) => deps.tags.store(tx, corpId, groups))
    return { groups: groups.length, tags: groups.reduce((n, g) => n + g.tags.length, 0) }
  }

  async function storePage(corpId: string, customers: WeComCustomer[], ctx: { employees: Map<string, string>; states: Map<string, string>; tags: Map<string, string> }) {
    return db.transaction().execute(async (tx) => {
      const stored = await bulk.bulkUpsertCustomers(tx, customers.map((c) => {
        const first = [...c.follows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0]
        return {
          corpId, externalUserId: c.externalUserId, name: c.name, avatar: c.avatar, gender: c.gender, type: c.type, unionid: c.unionid,
          corpName: c.corpName, channelLiveCodeId: first ? ctx.states.get(first.state) ?? null : null, firstAddedAt: first?.createdAt ?? new Date(),
        }
      }))
      const idOf = new Map(stored.map((s) => [s.externalUserId, s.id]))
      const follows = customers.flatMap((c) => c.follows.flatMap((f) => {
        const employeeId = ctx.employees.get(f.userid)
        return employeeId ? [{ c, f, employeeId, customerId: idOf.get(c.externalUserId)! }] : []
      }))
      const relationsAdded = await bulk.bulkUpsertFollows(tx, follows.map(({ f, employeeId, customerId }) => ({
        corpId, customerId, employeeId, remark: f.remark, description: f.description, addedAt: f.createdAt, addWay: f.addWay,
        state: f.state, liveCodeId: ctx.states.get(f.state) ?? null,
      })))
      const tagsAdded = await bulk.bulkInsertCustomerTags(tx, corpId, follows.flatMap(({ f, customerId }) =>
        f.tagIds.flatMap((t) => ctx.tags.has(t) ? [{ customerId, tagId: ctx.tags.get(t)! }] : [])))
      await bulk.bulkInsertAddedEvents(tx, corpId, follows.map(({ f, employeeId, customerId }) => ({ customerId, employeeId, at: f.createdAt, state: f.state })))
      const viaLiveCodes = follows.flatMap(({ c, f, employeeId }) => {
        const liveCodeId = ctx.states.get(f.state)
        return liveCodeId ? [{ liveCodeId, employeeId, externalUserId: c.externalUserId, addedAt: f.createdAt }] : []
      })
      if (viaLiveCodes.length) await deps.bus.emit(tx, 'customers.follows.imported', { corpId, follows: viaLiveCodes })
      return { relationsAdded, tagsAdded }
    })
  }

  /** Relations Pond holds as active that WeCom did not list for employees it fully paged: lost, repaired one by one. */
  async function repairLosses(corpId: string, employeeIds: string[], seen: Set<string>, runKey: string) {
    const missing = (await bulk.activeFollowsOf(db, corpId, employeeIds)).filter((f) => !seen.has(`${f.employeeId}|${f.externalUserId}`))
    for (const f of missing) {
      await db.transaction().execute((tx) => deps.recordFollowLost(tx, {
        corpId, externalUserId: f.externalUserId, employeeId: f.employeeId, status: 'deleted_by_employee', at: deps.clock(), dedupeKey: `${runKey}:${f.employeeId}:${f.externalUserId}`,
      }))
    }
    return missing.length
  }

  /**
   * Every employee's customers from WeCom, 100 employees at a time (batch/get_by_user), stored with targeted
   * upserts; re-running converges. With `reconcile`, relations WeCom no longer lists for a fully paged
   * chunk are repaired as lost. Reports what changed.
   */
  async function syncCustomers(corpId: string, wecom: WeComPort, opts: { reconcile: boolean; runKey: string }): Promise<SyncStats> {
    const employees = new Map((await deps.org.listActiveEmployees(corpId)).map((e) => [e.wecomUserId, e.id]))
    const tags = new Map((await repo.listWecomTags(db, corpId)).map((t) => [t.wecomTagId!, t.id]))
    const ctx = { employees, states: await deps.liveCodeIdsByState(corpId), tags }
    const userids = [...employees.keys()]
    const stats: SyncStats = { customers: 0, relationsAdded: 0, tagsAdded: 0, relationsLost: 0 }
    for (let i = 0; i < userids.length; i += USERIDS_PER_CALL) {
      const chunk = userids.slice(i, i + USERIDS_PER_CALL)
      const seen = new Set<string>()
      let cursor: string | undefined
      do {
        const page = await wecom.listCustomersByEmployees(chunk, cursor)
        for (const c of page.customers) for (const f of c.follows) seen.add(`${employees.get(f.userid)}|${c.externalUserId}`)
        if (page.customers.length) {
          const r = await storePage(corpId, page.customers, ctx)
          stats.relationsAdded += r.relationsAdded
          stats.tagsAdded += r.tagsAdded
        }
        stats.customers += page.customers.length
        cursor = page.nextCursor
      } while (cursor)
      if (opts.reconcile) stats.relationsLost += await repairLosses(corpId, chunk.map((u) => employees.get(u)!), seen, opts.runKey)
    }
    return stats
  }

  const importCustomers = (corpId: string, wecom: WeComPort) => syncCustomers(corpId, wecom, { reconcile: false, runKey: 'import' })

  return { syncTags, syncCustomers, importCustomers }
}
