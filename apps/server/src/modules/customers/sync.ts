import type { Database } from '../../db/database'
import type { EventBus } from '../../events/bus'
import type { WeComCustomer, WeComPort } from '../../wecom/port'
import type { OrgService } from '../org'
import * as bulk from './bulk-repo'
import * as repo from './repo'
import type { TagService } from './tags/service'

const USERIDS_PER_CALL = 100                  // batch/get_by_user takes ≤ 100 userids (CONTRACT §3.1)

export type CustomersSync = ReturnType<typeof createCustomersSync>

/** Imports from WeCom: the corp tag library and every employee's customers with their follow relations. */
export function createCustomersSync(deps: {
  db: Database; org: OrgService; bus: EventBus; tags: TagService
  liveCodeIdsByState(corpId: string): Promise<Map<string, string>>
}) {
  const { db } = deps

  async function syncTags(corpId: string, wecom: WeComPort) {
    const groups = await wecom.listCorpTags()
    await db.transaction().execute((tx) => deps.tags.store(tx, corpId, groups))
    return { groups: groups.length, tags: groups.reduce((n, g) => n + g.tags.length, 0) }
  }

  async function storePage(corpId: string, customers: WeComCustomer[], ctx: { employees: Map<string, string>; states: Map<string, string>; tags: Map<string, string> }) {
    await db.transaction().execute(async (tx) => {
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
      await bulk.bulkUpsertFollows(tx, follows.map(({ f, employeeId, customerId }) => ({
        corpId, customerId, employeeId, remark: f.remark, description: f.description, addedAt: f.createdAt, addWay: f.addWay,
        state: f.state, liveCodeId: ctx.states.get(f.state) ?? null,
      })))
      await bulk.bulkInsertCustomerTags(tx, corpId, follows.flatMap(({ f, customerId }) =>
        f.tagIds.flatMap((t) => ctx.tags.has(t) ? [{ customerId, tagId: ctx.tags.get(t)! }] : [])))
      await bulk.bulkInsertAddedEvents(tx, corpId, follows.map(({ f, employeeId, customerId }) => ({ customerId, employeeId, at: f.createdAt, state: f.state })))
      const viaLiveCodes = follows.flatMap(({ c, f, employeeId }) => {
        const liveCodeId = ctx.states.get(f.state)
        return liveCodeId ? [{ liveCodeId, employeeId, externalUserId: c.externalUserId, addedAt: f.createdAt }] : []
      })
      if (viaLiveCodes.length) await deps.bus.emit(tx, 'customers.follows.imported', { corpId, follows: viaLiveCodes })
    })
  }

  /** Full import, page by page; re-running converges (every write is an upsert). */
  async function importCustomers(corpId: string, wecom: WeComPort) {
    const employees = new Map((await deps.org.listActiveEmployees(corpId)).map((e) => [e.wecomUserId, e.id]))
    const tags = new Map((await repo.listWecomTags(db, corpId)).map((t) => [t.wecomTagId!, t.id]))
    const ctx = { employees, states: await deps.liveCodeIdsByState(corpId), tags }
    const userids = [...employees.keys()]
    let count = 0
    for (let i = 0; i < userids.length; i += USERIDS_PER_CALL) {
      let cursor: string | undefined
      do {
        const page = await wecom.listCustomersByEmployees(userids.slice(i, i + USERIDS_PER_CALL), cursor)
        if (page.customers.length) await storePage(corpId, page.customers, ctx)
        count += page.customers.length
        cursor = page.nextCursor
      } while (cursor)
    }
    return { customers: count }
  }

  return { syncTags, importCustomers }
}
