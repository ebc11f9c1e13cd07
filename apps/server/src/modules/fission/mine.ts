import type { Database } from '../../db/database'
import type { Actor } from '../../http/actor'
import type { AppError } from '../../http/errors'
import { cursorError } from '../../shared/cursor'
import type { CustomersService, SegmentsService } from '../customers'
import type { OrgService } from '../org'
import { fissionError } from './errors'
import { participatingEmployeeIds, type LeaderboardService } from './leaderboard'
import * as repo from './repo'
import type { ActivityConfig } from './schema'

/**
 * 我的裂变: the employee's own side of fission (issue 4, "Employees"). Which activities they take part in (chosen
 * by name or through a chosen department's subtree, as the start reminder reaches them, or because they already
 * have initiators), their rank and numbers, and the activity's recommended customers they may see — their own.
 */
export type MineService = ReturnType<typeof createMine>
export interface MineDeps {
  db: Database; org: Pick<OrgService, 'employeeIdsInSubtree'>; customers: Pick<CustomersService, 'cards'>; segments: Pick<SegmentsService, 'membersPage'>
  ranks: Pick<LeaderboardService, 'myRank'>
}

export function createMine(deps: MineDeps) {
  const { db } = deps

  const takesPart = async (corpId: string, employeeId: string, config: ActivityConfig, hasInitiators: boolean) =>
    hasInitiators || (await participatingEmployeeIds(deps.org, corpId, config)).includes(employeeId)

  /** The employee's initiators in the activity, their counted helps, completions and claims still to hand over. */
  const numbers = async (activityId: string, employeeId: string) => {
    const mine = db.selectFrom('fissionParticipant').select('id').where('activityId', '=', activityId).where('employeeId', '=', employeeId)
    const [p, c] = await Promise.all([
      db.selectFrom('fissionParticipant').select((eb) => [eb.fn.countAll<string>().as('initiators'), eb.fn.coalesce(eb.fn.sum<string>('helpCount'), eb.lit(0)).as('helps')])
        .where('activityId', '=', activityId).where('employeeId', '=', employeeId).executeTakeFirstOrThrow(),
      db.selectFrom('fissionCompletion').select((eb) => [eb.fn.countAll<string>().as('completions'), eb.fn.countAll<string>().filterWhere('status', '=', 'redeemed').as('toFulfil')])
        .where('participantId', 'in', mine).executeTakeFirstOrThrow(),
    ])
    return { initiators: Number(p.initiators), helps: Number(p.helps), completions: Number(c.completions), prizesToFulfil: Number(c.toFulfil) }
  }

  return {
    /** Activities warming up, running or ended that the actor's employee takes part in; none for a console user without an employee. */
    async activities(actor: Actor) {
      const employeeId = actor.employeeId ?? null
      if (!employeeId) return { employeeId, items: [] }
      const rows = await db.selectFrom('fissionActivity').selectAll().where('corpId', '=', actor.corpId)
        .where('status', 'in', ['scheduled', 'running', 'ended']).orderBy('startsAt', 'desc').orderBy('id').execute()
      const withInitiators = new Set((await db.selectFrom('fissionParticipant').select('activityId').distinct()
        .where('corpId', '=', actor.corpId).where('employeeId', '=', employeeId).execute()).map((r) => r.activityId))
      const items = []
      for (const a of rows) {
        const config = a.config as ActivityConfig
        if (!(await takesPart(actor.corpId, employeeId, config, withInitiators.has(a.id)))) continue
        const rank = await deps.ranks.myRank(actor, a.id)
        items.push({
          id: a.id, name: a.name, status: a.status as 'scheduled' | 'running' | 'ended', startsAt: a.startsAt, endsAt: a.endsAt,
          script: config.scripts.employee, hasRecommended: !!config.recommendedSegmentId,
          rank: rank.me?.rank ?? null, ranked: rank.total, ...(await numbers(a.id, employeeId)),
        })
      }
      return { employeeId, items }
    },

    /**
     * The activity's recommended segment as the actor may see it (their own customers for an employee), by
     * customer id (keyset), each marked when already an initiator, with their help count. A segment never
     * materialised has no members yet.
     */
    async recommended(actor: Actor, activityId: string, page: { cursor?: string; limit: number }) {
      const activity = await repo.findActivity(db, actor.corpId, activityId)
      if (!activity) throw fissionError('fission.activity.not_found')
      const segmentId = (activity.config as ActivityConfig).recommendedSegmentId
      if (!segmentId) return { items: [], nextCursor: null }
      if (page.cursor && !/^\d{1,19}$/.test(page.cursor)) throw cursorError('request.cursor_invalid')
      const members = await deps.segments.membersPage(actor, segmentId, { after: page.cursor, limit: page.limit }).catch((err: AppError) => {
        if (err.code === 'customers.segment.not_materialized' || err.status === 404) return { items: [], nextAfter: null }
        throw err
      })
      const ids = members.items.map((m) => m.id)
      const [cards, joined] = await Promise.all([
        deps.customers.cards(actor.corpId, ids),
        ids.length ? db.selectFrom('fissionParticipant').select(['customerId', 'helpCount']).where('activityId', '=', activityId).where('customerId', 'in', ids).execute() : [],
      ])
      return {
        items: members.items.map((m) => {
          const card = cards.find((c) => c.id === m.id)
          const p = joined.find((j) => j.customerId === m.id)
          return { id: m.id, externalUserId: m.externalUserId, name: card?.name ?? '', avatar: card?.avatar ?? '', joined: !!p, helpCount: p?.helpCount ?? 0 }
        }),
        nextCursor: members.nextAfter,
      }
    },
  }
}
