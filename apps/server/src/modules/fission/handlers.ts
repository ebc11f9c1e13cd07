import type { Database } from '../../db/database'
import type { JobDef, Queue } from '../../jobs/queue'
import type { InboxContext, InboxEvent } from '../../wecom/events'
import type { WeComPort } from '../../wecom/port'
import type { CustomersService } from '../customers'
import type { OrgService } from '../org'
import type { FissionService } from './service'

type Added = Extract<InboxEvent, { type: 'contact.added' }>

/**
 * A helper added the employee through an initiator's personal contact way (State `fi:…`): the customer is
 * stored and the help decided in the same transaction, which also marks the inbox row processed — a replay
 * finds it done and changes nothing.
 */
export const fissionContactAdded = (deps: {
  db: Database; wecom: WeComPort; org: OrgService; customers: CustomersService; fission: FissionService; queue: Queue
  welcomeJob: JobDef<{ helpId: string }, never>; syncOrg(corpId: string): Promise<unknown>
}) => async (e: Added, ctx: InboxContext) => {
  const customer = await deps.wecom.getCustomer(e.externalUserId)            // network first, outside the transaction
  let employee = await deps.org.findEmployeeByUserid(deps.db, ctx.corpId, e.userid)
  if (!employee) { await deps.syncOrg(ctx.corpId); employee = await deps.org.findEmployeeByUserid(deps.db, ctx.corpId, e.userid) }
  if (!employee) throw new Error(`employee ${e.userid} is not in WeCom's member list`)
  const { id: employeeId } = employee
  const helped = await ctx.transaction(async (tx) => {
    const added = await deps.customers.recordContactAdded(tx, {
      corpId: ctx.corpId, customer, employeeId, userid: e.userid, state: e.state, liveCodeId: null, at: e.at, dedupeKey: ctx.dedupeKey,
    })
    return deps.fission.recordHelp(tx, {
      corpId: ctx.corpId, state: e.state, helperCustomerId: added.customerId, helperExternalUserId: e.externalUserId, isNewCustomer: added.isNewCustomer,
      employeeId, at: e.at, welcomeCode: e.welcomeCode ?? null, dedupeKey: ctx.dedupeKey,
    })
  })
  if (helped && e.welcomeCode) deps.queue.wake(deps.welcomeJob)
}
