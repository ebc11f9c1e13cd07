import { z } from 'zod'
import { defineJob } from '../../jobs/queue'

export const purgeSessionsJob = (purge: () => Promise<number>) => defineJob({
  name: 'org.sessions.purge',
  payload: z.object({}).passthrough(),
  options: { retryLimit: 2 },
  run: async () => { await purge() },
})
