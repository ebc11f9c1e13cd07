import { z } from 'zod'
import { defineJob } from '../../../jobs/queue'

export const refreshTransfersJob = (deps: { corpId: string; refresh(corpId: string): Promise<void> }) => defineJob({
  name: 'customers.transfers.refresh',
  payload: z.object({}).passthrough(),
  options: { retryLimit: 2, retryDelay: 60 },
  run: () => deps.refresh(deps.corpId),
})
