import { z } from 'zod'
import { defineJob } from '../../../jobs/queue'

export const notifyLossJob = (notify: (lossId: string) => Promise<void>) => defineJob({
  name: 'customers.loss.notify',
  payload: z.object({ lossId: z.string() }),
  options: { retryLimit: 5, retryDelay: 10, retryBackoff: true },
  concurrency: 4,
  run: ({ lossId }: { lossId: string }) => notify(lossId),
})

export const lossDigestJob = (deps: { corpId: string; digest(corpId: string): Promise<void> }) => defineJob({
  name: 'customers.loss.digest',
  payload: z.object({}).passthrough(),
  options: { retryLimit: 3, retryDelay: 60 },
  run: () => deps.digest(deps.corpId),
})
