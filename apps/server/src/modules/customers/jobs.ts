import { z } from 'zod'
import { defineJob } from '../../jobs/queue'
import type { WeComPort } from '../../wecom/port'

export const MarkTagsPayload = z.object({
  corpId: z.string(), userid: z.string(), externalUserId: z.string(),
  add: z.array(z.string()), remove: z.array(z.string()),
})

/** Tags applied in Pond are pushed to WeCom (mark_tag); adding a tag twice is harmless there, so a retry is safe. */
export const markTagsJob = (wecom: WeComPort) => defineJob({
  name: 'customers.tags.mark',
  payload: MarkTagsPayload,
  options: { retryLimit: 8, retryDelay: 2, retryBackoff: true },
  concurrency: 4,
  run: (p: z.infer<typeof MarkTagsPayload>) => wecom.markTags(p),
})
