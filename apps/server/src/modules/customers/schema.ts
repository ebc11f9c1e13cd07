import { z } from 'zod'

const IsoDate = z.coerce.date()
export const CustomerQuery = z.object({
  q: z.string().trim().min(1).max(64).optional(),
  liveCodeId: z.uuid().optional(),
  channelGroup: z.string().trim().min(1).max(30).optional(),
  employeeId: z.uuid().optional(),
  tagId: z.uuid().optional(),
  addedFrom: IsoDate.optional(),
  addedTo: IsoDate.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
}).refine((q) => !q.addedFrom || !q.addedTo || q.addedFrom < q.addedTo, { message: 'addedFrom must be before addedTo', path: ['addedTo'] })
export type CustomerQuery = z.infer<typeof CustomerQuery>
export const CountQuery = CustomerQuery.transform(({ cursor: _c, limit: _l, ...rest }) => rest)

export const CustomerIdParams = z.object({ id: z.string().regex(/^\d{1,19}$/, 'id must be a customer id') })

const TagRef = z.object({ id: z.string(), name: z.string() })
const ChannelView = z.object({ liveCodeId: z.string(), name: z.string(), channelGroup: z.string() }).nullable()
export const CustomerListItem = z.object({
  id: z.string(), externalUserId: z.string(), name: z.string(), avatar: z.string(), gender: z.number(),
  channel: ChannelView, tags: z.array(TagRef), followers: z.array(z.object({ employeeId: z.string(), name: z.string() })), addedAt: z.date(),
})
export const CustomerList = z.object({ items: z.array(CustomerListItem), nextCursor: z.string().nullable() })
export const CountReply = z.object({ count: z.number() })

export const CustomerProfile = z.object({
  id: z.string(), externalUserId: z.string(), name: z.string(), avatar: z.string(), gender: z.number(), type: z.number(),
  unionid: z.string().nullable(), corpName: z.string(), channel: ChannelView, tags: z.array(TagRef), addedAt: z.date(),
  /** The bank's customer number, phone, KYC flag, last customer-initiated activity, custom field values by field id. */
  bankCustomerNo: z.string().nullable(), phone: z.string().nullable(), verified: z.boolean(), verifiedAt: z.date().nullable(),
  lastActiveAt: z.date().nullable(), attributes: z.record(z.string(), z.unknown()),
  follows: z.array(z.object({
    employeeId: z.string(), employeeName: z.string(), remark: z.string(), description: z.string(), addedAt: z.date(),
    addWay: z.number(), state: z.string(), status: z.enum(['active', 'deleted_by_customer', 'deleted_by_employee', 'transferred']),
  })),
})
export const TimelineQuery = z.object({
  cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(30),
  /** Only these kinds, comma-separated (`note,tagged`); absent = every kind. */
  kinds: z.string().regex(/^[a-z_]{1,40}(,[a-z_]{1,40}){0,29}$/, 'kinds must be comma-separated event kinds').transform((s) => s.split(',')).optional(),
})
export const Timeline = z.object({
  items: z.array(z.object({ id: z.string(), kind: z.string(), at: z.date(), employeeName: z.string().nullable(), data: z.record(z.string(), z.unknown()) })),
  nextCursor: z.string().nullable(),
})
export const TagLibrary = z.object({
  groups: z.array(z.object({ id: z.string(), name: z.string(), tags: z.array(TagRef) })),
  /** The corp's tag count against WeCom's limit (CONTRACT §3.2). */
  count: z.number(), limit: z.number(),
})
