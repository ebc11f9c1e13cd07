import { z } from 'zod'
import type { Database } from '../../db/database'
import { systemActor } from '../../http/actor'
import { defineJob } from '../../jobs/queue'
import type { WeComPort } from '../../wecom/port'
import type { CustomersService } from '../customers'
import type { OrgService } from '../org'
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

/** "Contact them to redeem": an app message to the initiator's employee when a tier completes (out of stock says so). */
export const notifyJob = (deps: { db: Database; wecom: WeComPort; org: OrgService; customers: CustomersService }) => defineJob({
  name: 'fission.completion.notify',
  payload: z.object({ completionId: z.string() }),
  options: { retryLimit: 5, retryDelay: 5, retryBackoff: true },
  async run({ completionId }: { completionId: string }) {
    const c = await repo.completionForNotice(deps.db, completionId)
    if (!c || c.notifiedAt || !c.employeeId) return
    const [employee] = await deps.org.findEmployeesByIds(deps.db, c.corpId, [c.employeeId])
    if (!employee) return
    const [customer] = await deps.customers.cardsInScope(systemActor(c.corpId), [c.customerId])
    const prize = c.status === 'out_of_stock'
      ? `奖品「${c.prizeName}」已无库存，请联系客户说明并致谢。`
      : `请联系客户兑换奖品「${c.prizeName}」，兑换码 **${c.redemptionCode}**。`
    await deps.wecom.sendAppMessage({ touser: [employee.wecomUserId], markdown: `**裂变活动「${c.activityName}」**\n客户 ${customer?.name ?? ''} 已完成第 ${c.level} 级（${c.threshold} 人助力）。\n${prize}` })
    await repo.markNotified(deps.db, completionId)
  },
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
