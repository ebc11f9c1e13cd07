import type { Database, Executor } from '../../db/database'
import type { JobDef, Queue } from '../../jobs/queue'
import type { InboxContext, InboxEvent, InboxHandlers } from '../../wecom/events'
import type { WeComPort, WelcomeMessage } from '../../wecom/port'
import type { CustomersService } from '../customers'
import type { OrgService } from '../org'
import * as repo from './repo'
import { businessDay } from './rotation'
import type { AcquisitionService } from './service'

export interface AcquisitionHandlerDeps {
  db: Database
  wecom: WeComPort
  org: OrgService
  customers: CustomersService
  acquisition: AcquisitionService
  queue: Queue
  welcomeJob: JobDef<{ welcomeSendId: string }, never>
  /** Org sync, for an add that names an employee Pond has not seen yet. */
  syncOrg(corpId: string): Promise<unknown>
}

type Added = Extract<InboxEvent, { type: 'contact.added' }>

export function acquisitionHandlers(deps: AcquisitionHandlerDeps): InboxHandlers {
  async function queueWelcome(tx: Executor, ctx: InboxContext, e: Added, lc: { id: string; welcome: unknown }, employeeId: string) {
    if (!e.welcomeCode || !lc.welcome) return false
    const row = await repo.insertWelcome(tx, {
      corpId: ctx.corpId, welcomeCode: e.welcomeCode, liveCodeId: lc.id, employeeId, externalUserId: e.externalUserId,
      message: lc.welcome as WelcomeMessage, receivedAt: ctx.receivedAt,
    })
    if (row) await deps.queue.send(tx, deps.welcomeJob, { welcomeSendId: row.id }, { singletonKey: `welcome:${row.id}` })
    return !!row
  }

  /**
   * A customer added an employee: store them, attribute the channel from State, tag them and queue the
   * welcome message (its code lives 20 s). An unknown State still stores the customer.
   */
  async function onContactAdded(e: Added, ctx: InboxContext) {
    const [customer, employee] = await Promise.all([
      deps.wecom.getCustomer(e.externalUserId),             // network first, outside the transaction
      deps.org.employeesOfCallbacks(deps.db, ctx.corpId, [e.userid], deps.syncOrg).then((byUserid) => byUserid.get(e.userid)!),
    ])
    const queued = await ctx.transaction(async (tx) => {
      const lc = e.state ? await repo.findLiveCodeByState(tx, ctx.corpId, e.state) : undefined
      const added = await deps.customers.recordContactAdded(tx, {
        corpId: ctx.corpId, externalUserId: e.externalUserId, customer, employeeId: employee.id, userid: e.userid, state: e.state, liveCodeId: lc?.id ?? null, at: e.at, dedupeKey: ctx.dedupeKey,
      })
      if (!lc) return false
      await repo.insertAdd(tx, { corpId: ctx.corpId, liveCodeId: lc.id, employeeId: employee.id, externalUserId: e.externalUserId, addedDay: businessDay(e.at), addedAt: e.at })
      await deps.customers.applyTags(tx, { corpId: ctx.corpId, customerId: added.customerId, employeeId: employee.id, userid: e.userid, externalUserId: e.externalUserId, tagIds: lc.tagIds, at: e.at, reason: lc.name })
      await deps.acquisition.afterAdd(tx, ctx.corpId, lc.id)
      return queueWelcome(tx, ctx, e, lc, employee.id)
    })
    if (queued) deps.queue.wake(deps.welcomeJob)
  }

  return { 'contact.added': onContactAdded }
}

/** A lost relation counts against the live code that brought it (per-code "customers later lost"). */
export const onFollowLost = async (tx: Executor, e: { liveCodeId: string | null; employeeId: string; externalUserId: string; at: Date }) => {
  if (e.liveCodeId) await repo.markAddLost(tx, { liveCodeId: e.liveCodeId, employeeId: e.employeeId, externalUserId: e.externalUserId, at: e.at })
}

/** Relations a full sync found through a live code count in its statistics like callback adds. */
export const onFollowsImported = async (tx: Executor, e: { corpId: string; follows: { liveCodeId: string; employeeId: string; externalUserId: string; addedAt: Date }[] }) => {
  await repo.insertAdds(tx, e.corpId, e.follows)
}
