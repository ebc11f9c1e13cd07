import { z } from 'zod'

const TagIds = z.array(z.uuid()).max(100)
export const IdParams = z.object({ id: z.uuid() })

/** 批量打标签: tags to add to (and optionally remove from) every member of a saved segment. */
export const TagJobBody = z.object({
  segmentId: z.uuid(),
  addTagIds: TagIds.default([]),
  removeTagIds: TagIds.default([]),
}).refine((b) => b.addTagIds.length + b.removeTagIds.length > 0, { message: 'choose at least one tag to add or remove', path: ['addTagIds'] })
export type TagJobBody = z.infer<typeof TagJobBody>

const Status = z.enum(['queued', 'running', 'done', 'failed', 'cancelled'])
const TagRef = z.object({ id: z.string(), name: z.string() })
export const TagJobView = z.object({
  id: z.string(), kind: z.enum(['bulk', 'rule']), status: Status, phase: z.enum(['members', 'prune']),
  segmentId: z.string().nullable(), segmentName: z.string(), ruleId: z.string().nullable(),
  addTags: z.array(TagRef), removeTags: z.array(TagRef), removeUnmatched: z.boolean(),
  /** Members when the job started (null until then). */
  total: z.number().nullable(),
  processed: z.number(), added: z.number(), already: z.number(), removed: z.number(),
  /** mark_tag calls queued for WeCom, and those that failed for good. */
  marksQueued: z.number(), failed: z.number(),
  error: z.string().nullable(), requestedBy: z.string().nullable(),
  createdAt: z.date(), startedAt: z.date().nullable(), finishedAt: z.date().nullable(),
})
export const TagJobQuery = z.object({ cursor: z.string().optional(), limit: z.coerce.number().int().min(1).max(100).default(20) })
export const TagJobList = z.object({ items: z.array(TagJobView), nextCursor: z.string().nullable() })

export const FailureList = z.object({
  items: z.array(z.object({
    customerId: z.string(), customerName: z.string(), userid: z.string(), employeeName: z.string(),
    errcode: z.number(), message: z.string(), at: z.date(),
  })),
})

/** 自动打标签规则: the condition is a saved segment. */
export const TagRuleBody = z.object({
  name: z.string().trim().min(1).max(60),
  segmentId: z.uuid(),
  addTagIds: TagIds.min(1),
  removeUnmatched: z.boolean().default(false),
  enabled: z.boolean().default(true),
})
export type TagRuleBody = z.infer<typeof TagRuleBody>
export const TagRuleView = z.object({
  id: z.string(), name: z.string(), segmentId: z.string().nullable(), segmentName: z.string().nullable(),
  addTags: z.array(TagRef), removeUnmatched: z.boolean(), enabled: z.boolean(),
  /** The next nightly run (03:00 Asia/Shanghai) while enabled. */
  nextRunAt: z.date().nullable(),
  lastJob: TagJobView.nullable(),
  createdAt: z.date(), updatedAt: z.date(),
})
export const TagRuleList = z.object({ items: z.array(TagRuleView) })
