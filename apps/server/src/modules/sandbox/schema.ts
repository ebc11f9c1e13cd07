import { z } from 'zod'

export const Paging = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) })
export const ExternalUserParams = z.object({ externalUserId: z.string().min(1).max(64) })
export const UseridParams = z.object({ userid: z.string().min(1).max(64) })
export const LiveCodeParams = z.object({ id: z.uuid() })
export const ScanBody = z.object({ customerName: z.string().trim().min(1).max(30).optional() })

export const SimCustomers = z.object({ items: z.array(z.object({ externalUserId: z.string(), name: z.string(), avatar: z.string() })), total: z.number() })
export const SimCustomerInbox = z.object({
  items: z.array(z.object({
    from: z.object({ userid: z.string(), name: z.string() }), at: z.date(), text: z.string(),
    attachments: z.array(z.object({ msgtype: z.string(), body: z.record(z.string(), z.unknown()), mediaUrl: z.string().optional() })),
  })),
})
export const SimContacts = z.object({ items: z.array(z.object({ userid: z.string(), name: z.string(), position: z.string() })) })
export const SimEmployeeInbox = z.object({ items: z.array(z.object({ at: z.date(), msgtype: z.string(), content: z.unknown() })) })
export const ScanReply = z.object({ externalUserId: z.string(), customerName: z.string(), userid: z.string(), state: z.string() })
export const Deliveries = z.object({
  items: z.array(z.object({ id: z.string(), changeType: z.string(), status: z.string(), attempts: z.number(), at: z.date(), lastError: z.string().optional() })),
})

/** How badly the sandbox's WeCom behaves (CONTRACT §9): a latency per call, 45033/45009 limits, employees whose customers it refuses (-1). */
export const WeComConditions = z.object({
  latencyMs: z.number().int().min(0).max(5000),
  concurrencyPerApi: z.number().int().min(1).max(100).nullable(),
  perMinutePerApi: z.number().int().min(1).max(100_000).nullable(),
  refuseUserids: z.array(z.string().min(1).max(64)).max(100),
})
