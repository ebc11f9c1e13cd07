import { z } from 'zod'
import type { Database } from '../../db/database'
import { defineJob } from '../../jobs/queue'
import type { WeComPort, WelcomeMessage } from '../../wecom/port'
import type { CustomersService } from '../customers'
import * as repo from './repo'

export const WelcomePayload = z.object({ welcomeSendId: z.string() })
export const RotatePayload = z.object({ corpId: z.string(), liveCodeId: z.string() })

const isRetryable = (err: unknown) => (err as { isRetryable?: boolean }).isRetryable === true

/**
 * Sends one welcome message. WeCom accepts a welcome code once (CONTRACT §3.5), so a retry after a crash
 * between "sent" and "recorded" gets 41051 and is recorded as sent: at most once, and at least once while
 * the 20-second window is open.
 */
export const welcomeJob = (deps: { db: Database; wecom: WeComPort; customers: CustomersService; clock: () => Date }) => defineJob({
  name: 'acquisition.welcome.send',
  payload: WelcomePayload,
  options: { retryLimit: 3, retryDelay: 1, expireInSeconds: 60 },
  concurrency: 8,
  async run({ welcomeSendId }: z.infer<typeof WelcomePayload>) {
    const row = await repo.findWelcome(deps.db, welcomeSendId)
    if (!row || row.status !== 'pending') return
    let outcome: 'sent' | 'already_sent' | 'expired' | 'failed'
    let error: string | null = null
    try {
      outcome = await deps.wecom.sendWelcome(row.welcomeCode, row.message as WelcomeMessage)
    } catch (err) {
      if (isRetryable(err)) throw err
      outcome = 'failed'
      error = err instanceof Error ? err.message : String(err)
    }
    const status = outcome === 'already_sent' ? 'sent' : outcome
    await deps.db.transaction().execute(async (tx) => {
      if (!(await repo.finishWelcome(tx, row.id, status, error, deps.clock()))) return
      await deps.customers.recordEvent(tx, {
        corpId: row.corpId, externalUserId: row.externalUserId, kind: status === 'sent' ? 'welcome_sent' : 'welcome_failed',
        employeeId: row.employeeId, at: deps.clock(), dedupeKey: `welcome:${row.id}`,
        data: { ...(row.message as object), ...(status === 'sent' ? {} : { reason: error ?? status }) },
      })
    })
  },
})

export const rotateJob = (rotate: (corpId: string, liveCodeId: string) => Promise<void>) => defineJob({
  name: 'acquisition.live_code.rotate',
  payload: RotatePayload,
  options: { retryLimit: 5, retryDelay: 5, retryBackoff: true },
  run: ({ corpId, liveCodeId }: z.infer<typeof RotatePayload>) => rotate(corpId, liveCodeId),
})

/** At midnight (corp time) the daily caps reset: every live code is rotated back to its full member list. */
export const dailyResetJob = (deps: { corpId: string; rotateAll(corpId: string): Promise<void> }) => defineJob({
  name: 'acquisition.live_code.daily_reset',
  payload: z.object({}).passthrough(),
  options: { retryLimit: 3 },
  run: () => deps.rotateAll(deps.corpId),
})
