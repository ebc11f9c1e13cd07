import type { InboxHandlers } from '../../wecom/events'
import type { WeComPort } from '../../wecom/port'
import type { OrgService } from '../org'
import type { CustomersService } from './service'
import type { TransferService } from './transfers/service'

/** Relations edited or ended in WeCom. (contact.added belongs to acquisition, which attributes the channel first.) */
export function customersHandlers(deps: { customers: CustomersService; org: OrgService; wecom: WeComPort; transfers: TransferService }): InboxHandlers {
  const lost = (status: 'deleted_by_customer' | 'deleted_by_employee') =>
    async (e: { userid: string; externalUserId: string; at: Date }, ctx: Parameters<NonNullable<InboxHandlers['contact.deleted_by_customer']>>[1]) => {
      await ctx.transaction(async (tx) => {
        const employee = await deps.org.findEmployeeByUserid(tx, ctx.corpId, e.userid)
        if (!employee) return
        await deps.customers.recordFollowLost(tx, { corpId: ctx.corpId, externalUserId: e.externalUserId, employeeId: employee.id, status, at: e.at, dedupeKey: ctx.dedupeKey })
      })
    }
  return {
    'contact.edited': async (e, ctx) => {
      const readAt = new Date()
      const customer = await deps.wecom.getCustomer(e.externalUserId)             // WeCom's state now, outside the transaction
      await ctx.transaction(async (tx) => {
        const employee = await deps.org.findEmployeeByUserid(tx, ctx.corpId, e.userid)
        if (employee) await deps.customers.recordContactEdited(tx, { corpId: ctx.corpId, customer, employeeId: employee.id, userid: e.userid, at: e.at, readAt, dedupeKey: ctx.dedupeKey })
      })
    },
    'contact.deleted_by_customer': lost('deleted_by_customer'),
    'contact.deleted_by_employee': async (e, ctx) => {
      if (e.source !== 'DELETE_BY_TRANSFER') return lost('deleted_by_employee')(e, ctx)
      await ctx.transaction(async (tx) => {
        const employee = await deps.org.findEmployeeByUserid(tx, ctx.corpId, e.userid)
        if (employee) await deps.customers.recordFollowTransferred(tx, { corpId: ctx.corpId, externalUserId: e.externalUserId, employeeId: employee.id, at: e.at, dedupeKey: ctx.dedupeKey })
      })
    },
    'contact.transfer_failed': async (e, ctx) => {
      await ctx.transaction(async (tx) => {
        const takeover = await deps.org.findEmployeeByUserid(tx, ctx.corpId, e.userid)
        if (takeover) await deps.transfers.onTransferFailed(tx, { corpId: ctx.corpId, takeoverEmployeeId: takeover.id, externalUserId: e.externalUserId, reason: e.reason, at: e.at })
      })
    },
  }
}
