import { z } from 'zod'
import { defineJob } from '../../../jobs/queue'

export const RunPayload = z.object({ corpId: z.string(), jobId: z.string() })
export type RunPayload = z.infer<typeof RunPayload>

/**
 * Runs a tag job a slice of chunks at a time; each chunk commits its writes with the cursor, so a run that
 * dies (crash, expiry) is retried by pg-boss and carries on from the cursor.
 */
export const tagJobRunJob = (run: (p: RunPayload) => Promise<void>) => defineJob({
  name: 'customers.tag_job.run',
  payload: RunPayload,
  options: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 15 * 60 },
  run,
})

/** Every enabled auto-tag rule, nightly (03:00 Asia/Shanghai). */
export const tagRulesNightlyJob = (deps: { corpId: string; runAll(corpId: string): Promise<void> }) => defineJob({
  name: 'customers.tag_rules.nightly',
  payload: z.object({}).passthrough(),
  options: { retryLimit: 2, retryDelay: 300 },
  run: () => deps.runAll(deps.corpId),
})
