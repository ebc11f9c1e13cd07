import { z } from 'zod'
import { defineJob } from '../../jobs/queue'
import { RANKS_TZ } from './leaderboard'

/** 18:00 Beijing time: the day's red/black list of every running activity goes to the managers (once per day, see pushRedBlack). */
export const redBlackJob = (push: () => Promise<unknown>) => defineJob({
  name: 'fission.ranks.red_black',
  payload: z.object({}).passthrough(),
  options: { retryLimit: 3, retryDelay: 60 },
  run: async () => { await push() },
})

export const RED_BLACK_SCHEDULE = { cron: '0 18 * * *', tz: RANKS_TZ }
