import type { Database } from '../../db/database'
import type { JobDef, Queue } from '../../jobs/queue'
import type { InboxBatchHandler } from '../../wecom/events'
import type { CustomersService } from '../customers'
import type { OrgService } from '../org'
import type { FissionService } from './service'

/**
 * Helpers adding the employee through initiators' personal contact ways (State `fi:…`), a batch at a time:
 * one transaction stores the helpers as customers, decides every help (one timeline entry each, the add's
 * included), and marks the inbox rows processed —
 * a replay finds them done and changes nothing. A single add is a batch of one; customers are locked in id
 * order, so concurrent batches queue rather than deadlock. Nothing here calls WeCom: a poster's burst would
 * spend externalcontact/get's quota (10,000 a minute per corp) in seconds and stall every help behind 45009;
 * the callback has what the rules need, and the helpers' profiles are read afterwards at WeCom's pace.
 */
export const fissionContactsAdded = (deps: {
  db: Database; org: OrgService; customers: CustomersService; fission: FissionService; queue: Queue
  welcomeJob: JobDef<{ helpId: string }, never>; syncOrg(corpId: string): Promise<unknown>; isFissionState(state: string): boolean
}): InboxBatchHandler<'contact.added'> => ({
  accepts: (e) => deps.isFissionState(e.state),
  async handle(items, ctx) {
    const employeeOf = await deps.org.employeesOfCallbacks(deps.db, ctx.corpId, items.map((i) => i.event.userid), deps.syncOrg)
    let welcomes = 0, completed = 0
    await ctx.transaction(async (tx, pending) => {
      const adds = pending.map(({ event: e, dedupeKey }) => ({
        externalUserId: e.externalUserId, employeeId: employeeOf.get(e.userid)!.id, userid: e.userid, state: e.state, liveCodeId: null, at: e.at, dedupeKey,
      }))
      const stored = await deps.customers.storeContactsAdded(tx, ctx.corpId, adds)
      const recorded = await deps.fission.recordHelps(tx, ctx.corpId, pending.map(({ event: e, dedupeKey }, i) => ({
        state: e.state, helperCustomerId: stored[i]!.customerId, helperExternalUserId: e.externalUserId, isNewCustomer: stored[i]!.isNewCustomer,
        relationLostAt: stored[i]!.relationLostAt, employeeId: adds[i]!.employeeId, at: e.at, welcomeCode: e.welcomeCode ?? null, dedupeKey,
      })))
      // A help's timeline entry is its add's too; an add that made no help (unknown State, already decided) gets its own.
      const helped = new Set(recorded.helps.map((h) => h.dedupeKey))
      await deps.customers.appendAdded(tx, ctx.corpId, adds.flatMap((add, i) => helped.has(add.dedupeKey) ? [] : [{ add, stored: stored[i]! }]))
      welcomes = recorded.helps.filter((h) => h.welcomeCode).length
      completed = recorded.completed
    })
    deps.customers.requestProfiles()                              // the helpers were stored from the callback alone
    if (welcomes) deps.queue.wake(deps.welcomeJob)
    if (completed) deps.fission.queueNotices()
  },
})
