import { z } from 'zod'

const Status = z.enum(['waiting', 'done', 'refused', 'takeover_full', 'failed'])
export const TransferBody = z.object({
  kind: z.enum(['on_job', 'resigned']),
  handoverEmployeeId: z.uuid(),
  takeoverEmployeeId: z.uuid(),
  customerIds: z.array(z.string().regex(/^\d{1,19}$/)).min(1).max(1000),
  message: z.string().trim().max(200).optional(),          // transfer_success_msg ≤ 200 chars (CONTRACT §6)
})
export const TransferReply = z.object({
  items: z.array(z.object({ customerId: z.string(), started: z.boolean(), reason: z.enum(['not_customer_of_handover', 'transfer_limit', 'wecom_refused']).optional(), errcode: z.number().optional() })),
})
export const TransferQuery = z.object({ status: Status.optional(), cursor: z.string().regex(/^\d{1,19}$/).optional(), limit: z.coerce.number().int().min(1).max(200).default(20) })
export const TransferList = z.object({
  items: z.array(z.object({
    id: z.string(), kind: z.enum(['on_job', 'resigned']), customerId: z.string(), customerName: z.string(),
    handoverEmployeeId: z.string(), handoverName: z.string(), takeoverEmployeeId: z.string(), takeoverName: z.string(),
    status: Status, errcode: z.number().nullable(), requestedAt: z.date(), completedAt: z.date().nullable(),
  })),
  nextCursor: z.string().nullable(),
})
export const Unassigned = z.object({
  items: z.array(z.object({ customerId: z.string(), customerName: z.string(), handoverEmployeeId: z.string(), handoverName: z.string(), leftAt: z.date() })),
})
