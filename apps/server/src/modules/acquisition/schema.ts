import { z } from 'zod'

export const WELCOME_TEXT_MAX_BYTES = 4000             // send_welcome_msg text.content (CONTRACT §3.5)

const HttpUrl = z.url({ protocol: /^https?$/ })
export const Attachment = z.discriminatedUnion('type', [
  z.object({ type: z.literal('image'), imageUrl: HttpUrl }),
  z.object({ type: z.literal('link'), title: z.string().trim().min(1).max(128), url: HttpUrl, desc: z.string().max(512).optional(), picUrl: HttpUrl.optional() }),
  z.object({ type: z.literal('miniprogram'), title: z.string().trim().min(1).max(64), appid: z.string().trim().min(1).max(64), page: z.string().trim().min(1).max(256), picUrl: HttpUrl }),
])
export const Welcome = z.object({
  text: z.string().refine((t) => Buffer.byteLength(t) <= WELCOME_TEXT_MAX_BYTES, `text must be at most ${WELCOME_TEXT_MAX_BYTES} bytes`),
  attachments: z.array(Attachment).max(9),               // ≤ 9 attachments (CONTRACT §3.5)
}).refine((w) => w.text.trim().length > 0 || w.attachments.length > 0, { message: 'a welcome message needs text or an attachment', path: ['text'] })

export const LiveCodeInput = z.object({
  name: z.string().trim().min(1).max(30),
  channelGroup: z.string().trim().max(30).default(''),
  employees: z.array(z.object({ employeeId: z.uuid(), dailyCap: z.number().int().min(1).max(100_000).nullable().default(null) }))
    .min(1).max(100),                                     // ≤ 100 members per contact way (CONTRACT §3.3, 41041)
  backupEmployeeId: z.uuid().nullable().default(null),
  skipVerify: z.boolean().default(true),
  tagIds: z.array(z.uuid()).max(100).default([]),
  welcome: Welcome.nullable().default(null),
  remark: z.string().max(200).default(''),
})
export type LiveCodeInput = z.infer<typeof LiveCodeInput>

export const LiveCodeIdParams = z.object({ id: z.uuid() })
export const LiveCodeQuery = z.object({
  q: z.string().trim().min(1).max(30).optional(),
  channelGroup: z.string().trim().min(1).max(30).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

const Ref = z.object({ employeeId: z.string(), name: z.string() })
export const LiveCodeView = z.object({
  id: z.string(), name: z.string(), channelGroup: z.string(), state: z.string(), configId: z.string().nullable(), qrCodeUrl: z.string().nullable(),
  employees: z.array(Ref.extend({ dailyCap: z.number().nullable() })), backupEmployeeId: z.string().nullable(), backupEmployee: Ref.nullable(),
  skipVerify: z.boolean(), tagIds: z.array(z.string()), tags: z.array(z.object({ id: z.string(), name: z.string() })),
  welcome: z.object({ text: z.string(), attachments: z.array(Attachment) }).nullable(), remark: z.string(),
  addsToday: z.number(), addsTotal: z.number(), createdAt: z.date(), updatedAt: z.date(),
})
export const LiveCodeList = z.object({ items: z.array(LiveCodeView), nextCursor: z.string().nullable(), total: z.number() })
export const ChannelGroups = z.object({ items: z.array(z.string()) })
export const LiveCodeStats = z.object({
  addsToday: z.number(), addsTotal: z.number(), lostTotal: z.number(),
  perEmployee: z.array(z.object({ employeeId: z.string(), name: z.string(), addsToday: z.number(), addsTotal: z.number(), lost: z.number(), dailyCap: z.number().nullable(), capped: z.boolean() })),
  daily: z.array(z.object({ day: z.string(), adds: z.number(), lost: z.number() })),
})
