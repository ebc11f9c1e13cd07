import { z } from 'zod'
import type { Database } from '../../db/database'
import { defineJob, type JobDef, type Queue } from '../../jobs/queue'
import type { WeComPort } from '../../wecom/port'
import * as repo from './repo'

export const MarkTagsPayload = z.object({
  corpId: z.string(), userid: z.string(), externalUserId: z.string(),
  add: z.array(z.string()), remove: z.array(z.string()),
  /** Set by bulk tagging: a failure for good is recorded against that job, for its report. */
  tagJobId: z.string().optional(), customerId: z.string().optional(),
  /** How many times WeCom already answered -1/45009/45033 for this call. */
  attempt: z.number().int().min(0).optional(),
})

/** Attempts for -1/45009/45033, each after a doubling pause (2 s … 256 s: WeCom's minute blocks last 60 s, CONTRACT §9.2). */
export const MARK_ATTEMPTS = 8
const backoffSeconds = (attempt: number) => 2 ** (attempt + 1) * (0.75 + Math.random() / 2)

export interface MarkFailure { corpId: string; tagJobId: string; customerId: string; userid: string; errcode: number; message: string }

const wecomErrorOf = (err: unknown) => {
  const e = err as { errcode?: unknown; isRetryable?: unknown; errmsg?: unknown }
  return typeof e?.errcode === 'number' ? { errcode: e.errcode, isRetryable: e.isRetryable === true, message: String(e.errmsg ?? '') } : undefined
}

/**
 * Tags applied in Pond are pushed to WeCom (mark_tag); adding a tag twice is harmless there, so a retry is safe.
 * WeCom's busy and rate-limit answers come back as a new job after a back-off (the attempt travels in the
 * payload, so the give-up point is known); other errcodes are permanent. A bulk job's failures — permanent,
 * or still limited after every attempt — are recorded for its report; others fail the job as before.
 * Either answer settles the pushed tags (customer_tag_push): until then an edit callback keeps them although
 * WeCom does not list them; after a refusal WeCom's state decides, and the next edit re-read removes them.
 */
export function markTagsJob(deps: { wecom: WeComPort; db: Database; queue: Queue; recordFailure(f: MarkFailure): Promise<void> }) {
  const job: JobDef<z.infer<typeof MarkTagsPayload>, never> = defineJob({
    name: 'customers.tags.mark',
    payload: MarkTagsPayload,
    options: { retryLimit: 8, retryDelay: 2, retryBackoff: true },
    concurrency: 4,
    run: async (p: z.infer<typeof MarkTagsPayload>) => {
      try {
        await deps.wecom.markTags(p)
        await repo.settleTagPushes(deps.db, p.corpId, p.externalUserId, p.add)
      } catch (err) {
        const wecom = wecomErrorOf(err)
        if (!wecom) throw err                                       // network or our own: pg-boss retries
        const attempt = p.attempt ?? 0
        if (wecom.isRetryable && attempt + 1 < MARK_ATTEMPTS) {
          await deps.queue.send(deps.db, job, { ...p, attempt: attempt + 1 }, { startAfterSeconds: backoffSeconds(attempt) })
          return
        }
        await repo.settleTagPushes(deps.db, p.corpId, p.externalUserId, p.add)       // refused for good: WeCom's state decides again
        if (!p.tagJobId || !p.customerId) throw err
        await deps.recordFailure({ corpId: p.corpId, tagJobId: p.tagJobId, customerId: p.customerId, userid: p.userid, errcode: wecom.errcode, message: wecom.message })
      }
    },
  })
  return job
}
