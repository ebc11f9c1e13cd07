import type { InboxHandlers } from '../../wecom/events'
import type { OrgService } from '../org'
import type { CustomersService } from './service'

/** Relations ended in WeCom. (contact.added belongs to acquisition, which attributes the channel first.) */
export function customersHandlers(deps: { customers: CustomersService; org: OrgService }): InboxHandlers {
  const lost = (status: 'deleted_by_customer' | 'deleted_by_employee') =>
    async (e: { userid: string; externalUserId: string; at: Date }, ctx: Parameters<NonNullable<InboxHandlers['contact.deleted_by_customer']>>[1]) => {
      await ctx.transaction(async (tx) => {
        const employee = await deps.org.findEmployeeByUserid(tx, ctx.corpId, e.userid)
        if (!employee) return
        await deps.customers.recordFollowLost(tx, { corpId: ctx.corpId, externalUserId: e.externalUserId, employeeId: employee.id, status, at: e.at, dedupeKey: ctx.dedupeKey })
      })
    }
  return {
    'contact.deleted_by_customer': lost('deleted_by_customer'),
    'contact.deleted_by_employee': lost('deleted_by_employee'),
  }
}
