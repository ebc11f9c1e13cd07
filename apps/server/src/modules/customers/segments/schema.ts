import { z } from 'zod'
import type { TagExpr } from './expression'

/** The JSON form of a tag expression: tags by id. Depth and term limits are rules, checked by the service. */
export const TagExpression: z.ZodType<TagExpr> = z.lazy(() => z.union([
  z.object({ tag: z.uuid() }).strict(),
  z.object({ op: z.enum(['and', 'or']), args: z.array(TagExpression).min(1) }).strict(),
  z.object({ op: z.literal('not'), args: z.tuple([TagExpression]) }).strict(),
])).meta({ id: 'TagExpression', description: 'AND / OR / NOT over tags by id: { op, args } or { tag }' })

/** Either the JSON form or the text form, e.g. `(金卡 OR 白金) AND 理财 AND NOT 沉默` (names, quoted when they contain spaces). */
const Expression = z.union([z.string().max(4000), TagExpression])

const IsoDate = z.coerce.date()
const Days = z.number().int().min(0).max(36_500)
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD')
/** One condition on a custom field; which ops fit which field type is checked against the field (text: eq/contains/empty/not_empty, number: eq/gt/gte/lt/lte/between, date: before/after/between/within_days, select: in/not_in). */
export const FieldCondition = z.discriminatedUnion('op', [
  z.object({ fieldId: z.uuid(), op: z.literal('eq'), value: z.union([z.string().max(500), z.number()]) }).strict(),
  z.object({ fieldId: z.uuid(), op: z.literal('contains'), value: z.string().min(1).max(500) }).strict(),
  z.object({ fieldId: z.uuid(), op: z.enum(['empty', 'not_empty']) }).strict(),
  z.object({ fieldId: z.uuid(), op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number() }).strict(),
  z.object({ fieldId: z.uuid(), op: z.literal('between'), value: z.union([z.tuple([z.number(), z.number()]), z.tuple([Day, Day])]) }).strict(),
  z.object({ fieldId: z.uuid(), op: z.enum(['before', 'after']), value: Day }).strict(),
  z.object({ fieldId: z.uuid(), op: z.literal('within_days'), value: Days }).strict(),
  z.object({ fieldId: z.uuid(), op: z.enum(['in', 'not_in']), value: z.array(z.string().max(50)).min(1).max(200) }).strict(),
])
export type FieldCondition = z.infer<typeof FieldCondition>
export const SegmentFilters = z.object({
  /** Channel: customers first attributed to one of these live codes. */
  liveCodeIds: z.array(z.uuid()).min(1).max(200).optional(),
  channelGroup: z.string().trim().min(1).max(30).optional(),
  /** Followed by one of these employees. */
  followerIds: z.array(z.uuid()).min(1).max(1000).optional(),
  /** Followed by someone in this department or below it. */
  departmentId: z.number().int().positive().optional(),
  addedFrom: IsoDate.optional(),
  addedTo: IsoDate.optional(),
  /** KYC flag from the bank's import. */
  verified: z.boolean().optional(),
  /** Relative to now, e.g. "added more than 30 days ago". */
  addedMoreThanDaysAgo: Days.optional(),
  addedWithinDays: Days.optional(),
  /** No customer-initiated activity for N days (never active counts from when they were first added). */
  inactiveForDays: Days.optional(),
  activeWithinDays: Days.optional(),
  /** Custom field conditions, all of which must hold. */
  fields: z.array(FieldCondition).min(1).max(20).optional(),
}).strict().refine((f) => !f.addedFrom || !f.addedTo || f.addedFrom < f.addedTo, { message: 'addedFrom must be before addedTo', path: ['addedTo'] })
export type SegmentFilters = z.infer<typeof SegmentFilters>

/** No expression means no tag condition (filters only); an empty one is an error. */
export const SegmentQuery = z.object({ expression: Expression.optional(), filters: SegmentFilters.default({}) })
export type SegmentQuery = z.infer<typeof SegmentQuery>

export const SegmentBody = SegmentQuery.extend({ name: z.string().trim().min(1).max(60) })
export type SegmentBody = z.infer<typeof SegmentBody>

export const SegmentIdParams = z.object({ id: z.uuid() })
export const CountReply = z.object({ count: z.number() })

export const PreviewReply = z.object({
  items: z.array(z.object({
    id: z.string(), externalUserId: z.string(), name: z.string(), avatar: z.string(), gender: z.number(), addedAt: z.date(),
    tags: z.array(z.object({ id: z.string(), name: z.string() })),
  })),
})

const DefinitionView = z.object({ expression: TagExpression.nullable(), filters: SegmentFilters })
export const SegmentView = z.object({
  id: z.string(), name: z.string(), definition: DefinitionView,
  /** The expression's text form with today's tag names (null when the segment has no tag condition). */
  text: z.string().nullable(),
  createdAt: z.date(), updatedAt: z.date(), materializedAt: z.date().nullable(), memberCount: z.number().nullable(),
})
export const SegmentList = z.object({ items: z.array(SegmentView) })
