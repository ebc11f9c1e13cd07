import { z } from 'zod'

export const Paging = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) })
export const ExternalUserParams = z.object({ externalUserId: z.string().min(1).max(64) })
export const UseridParams = z.object({ userid: z.string().min(1).max(64) })
export const LiveCodeParams = z.object({ id: z.uuid() })
export const ScanBody = z.object({ customerName: z.string().trim().min(1).max(30).optional() })
export const ConfigIdParams = z.object({ configId: z.string().min(1).max(64) })
export const WayQuery = z.object({ q: z.string().trim().max(50).optional(), limit: z.coerce.number().int().min(1).max(500).default(200) })
/** Who scans: an existing simulated customer (`externalUserId`), else a stranger new to the corp, optionally named. */
export const WayScanBody = ScanBody.extend({ externalUserId: z.string().min(1).max(64).optional() })

export const SimCustomers = z.object({ items: z.array(z.object({ externalUserId: z.string(), name: z.string(), avatar: z.string() })), total: z.number() })
export const SimCustomerInbox = z.object({
  items: z.array(z.object({
    from: z.object({ userid: z.string(), name: z.string() }), at: z.date(), text: z.string(),
    attachments: z.array(z.object({ msgtype: z.string(), body: z.record(z.string(), z.unknown()), mediaUrl: z.string().optional() })),
  })),
})
export const SimContacts = z.object({ items: z.array(z.object({ userid: z.string(), name: z.string(), position: z.string() })) })
export const SimEmployeeInbox = z.object({ items: z.array(z.object({ at: z.date(), msgtype: z.string(), content: z.unknown() })) })
/**
 * A 「联系我」 QR the sandbox knows, by what made it: a live code (`name` = the code's), an initiator's personal
 * fission way (`name` = the activity's, with the initiator), or one Pond did not make (`name` = its remark).
 */
export const SandboxWays = z.object({
  items: z.array(z.object({
    configId: z.string(), state: z.string(), kind: z.enum(['live_code', 'fission', 'other']), name: z.string(), channelGroup: z.string(),
    activityId: z.string().nullable(), initiator: z.object({ customerId: z.string(), name: z.string() }).nullable(), members: z.number(), createdAt: z.date(),
  })),
  total: z.number(),
})
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
