import { z } from 'zod'
import type { Database } from '../../db/database'
import { defineJob } from '../../jobs/queue'
import type { WeComPort } from '../../wecom/port'
import * as repo from './repo'
import type { ActivityConfig } from './schema'
import type { FissionService } from './service'

const isRetryable = (err: unknown) => (err as { isRetryable?: boolean }).isRetryable === true

/**
 * The helper's welcome variant (counted, or refused with its reason). A welcome code is single-use and lives
 * 20 s (CONTRACT §3.5): a retry after "sent, not recorded" gets 41051 and is recorded as sent.
 */
export const welcomeJob = (deps: { db: Database; wecom: WeComPort; service: () => FissionService }) => defineJob({
  name: 'fission.help.welcome',
  payload: z.object({ helpId: z.string() }),
  options: { retryLimit: 3, retryDelay: 1, expireInSeconds: 60 },
  concurrency: 8,
  async run({ helpId }: { helpId: string }) {
    const row = await repo.helpForWelcome(deps.db, helpId)
    if (!row || row.welcomeStatus !== 'pending' || !row.welcomeCode) return
    let status: string
    try {
      const outcome = await deps.wecom.sendWelcome(row.welcomeCode, { text: deps.service().welcomeText(row.config as ActivityConfig, row), attachments: [] })
      status = outcome === 'already_sent' ? 'sent' : outcome
    } catch (err) {
      if (isRetryable(err)) throw err
      status = 'failed'
    }
    await repo.setWelcomeStatus(deps.db, helpId, status)
  },
})

/**
 * "Contact them to redeem", as digests (notices.ts). Queued after the commit that completed tiers, debounced:
 * the first in a slot runs at once, later ones in the slot make one run at the next, the rest are dropped —
 * at most a few digests a minute per employee however many tiers a burst completes. The minute tick queues
 * one too, so a crash between a commit and its queueing delays the notice and never loses it.
 */
export const NOTICE_SLOT_SECONDS = 15
export const notifyJob = (sendDue: () => Promise<void>) => defineJob({
  name: 'fission.completion.notify',
  payload: z.object({}).passthrough(),
  options: { retryLimit: 5, retryDelay: 5, retryBackoff: true },
  run: () => sendDue(),
})

export const RemindPayload = z.object({ activityId: z.string(), moment: z.enum(['scheduled', 'started']) })

/** The participating employees hear of the activity when it is published (warm-up) and when it starts. */
export const remindJob = (remind: (p: z.infer<typeof RemindPayload>) => Promise<void>) => defineJob({
  name: 'fission.employees.remind',
  payload: RemindPayload,
  options: { retryLimit: 5, retryDelay: 10, retryBackoff: true },
  run: remind,
})

export const cleanupJob = (cleanup: (activityId: string) => Promise<void>) => defineJob({
  name: 'fission.ways.cleanup',
  payload: z.object({ activityId: z.string() }),
  options: { retryLimit: 10, retryDelay: 30, retryBackoff: true },
  run: ({ activityId }: { activityId: string }) => cleanup(activityId),
})

export const tickJob = (tick: () => Promise<void>) => defineJob({
  name: 'fission.tick',
  payload: z.object({}).passthrough(),
  options: { policy: 'short', retryLimit: 1 },
  run: () => tick(),
})
