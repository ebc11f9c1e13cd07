import { z } from 'zod'

const Kind = z.enum(['deleted_by_customer', 'deleted_by_employee'])
export const LossQuery = z.object({
  kind: Kind.optional(),
  employeeId: z.uuid().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
})
export const LossList = z.object({
  items: z.array(z.object({
    id: z.string(), customerId: z.string(), customerName: z.string(), avatar: z.string(), externalUserId: z.string(),
    employeeId: z.string(), employeeName: z.string(), kind: Kind, lostAt: z.date(), notifiedAt: z.date().nullable(),
  })),
  nextCursor: z.string().nullable(),
})
export const AlertSettings = z.object({
  mode: z.enum(['off', 'per_event', 'daily_digest']),
  recipientEmployeeIds: z.array(z.uuid()).max(50),
})
export const AlertSettingsView = AlertSettings.extend({ recipients: z.array(z.object({ id: z.string(), name: z.string() })) })
