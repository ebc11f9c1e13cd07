import { sql } from 'kysely'
import type { Database, Executor } from '../../db/database'
import type { Actor } from '../../http/actor'
import { decodeCursor, encodeCursor } from '../../shared/cursor'
import type { CustomersService } from '../customers'
import { fissionError } from './errors'
import * as repo from './repo'

/**
 * Prize fulfilment (issue 4): a claimed prize (redeemed, with the customer's delivery address when they gave
 * one) is handed over or shipped by an employee, who marks it fulfilled, once. Console users see and fulfil
 * the claims of initiators in their data scope only: an employee their own customers', a manager their subtree's.
 */
export type FulfilmentService = ReturnType<typeof createFulfilment>
type ClaimStatus = 'redeemed' | 'fulfilled'
const NONE = ['00000000-0000-0000-0000-000000000000']

export function createFulfilment(deps: { db: Database; customers: Pick<CustomersService, 'cards'> }) {
  const { db } = deps
  const scopeIds = (actor: Actor) => actor.scope.kind === 'all' ? undefined : actor.scope.employeeIds

  async function activityOf(ex: Executor, actor: Actor, id: string) {
    const row = await repo.findActivity(ex, actor.corpId, id)
    if (!row) throw fissionError('fission.activity.not_found')
    return row
  }

  /** The activity's claims with their initiator, tier and fulfilment, narrowed to the actor's scope. */
  const claims = (ex: Executor, activityId: string, inScope: string[] | undefined) =>
    ex.selectFrom('fissionCompletion as c').innerJoin('fissionParticipant as p', 'p.id', 'c.participantId')
      .innerJoin('fissionTier as t', (j) => j.onRef('t.activityId', '=', 'c.activityId').onRef('t.level', '=', 'c.level'))
      .select(['c.id', 'c.level', 't.prizeName', 'c.status', 'c.redemptionCode', 'c.redemption', 'c.redeemedAt', 'c.fulfilledAt', 'c.fulfilledBy', 'c.fulfilmentNote',
        'p.customerId', 'p.externalUserId', 'p.employeeId'])
      .where('c.activityId', '=', activityId)
      .$if(!!inScope, (qb) => qb.where('p.employeeId', 'in', inScope!.length ? inScope! : NONE))

  type Claim = Awaited<ReturnType<ReturnType<typeof claims>['execute']>>[number]
  async function views(corpId: string, rows: Claim[]) {
    const cards = await deps.customers.cards(corpId, [...new Set(rows.map((r) => r.customerId))])
    return rows.map(({ redemption, ...r }) => {
      const card = cards.find((c) => c.id === r.customerId)
      return {
        ...r, status: r.status as ClaimStatus, redeemedAt: r.redeemedAt!,
        customer: { id: r.customerId, name: card?.name ?? '', avatar: card?.avatar ?? '', externalUserId: r.externalUserId },
        address: (redemption as { name: string; phone: string; address: string } | null) ?? null,
      }
    })
  }

  return {
    /** Claimed prizes, newest claim first (keyset on redeemed_at, id); `status` narrows to those waiting or those done. */
    async list(actor: Actor, activityId: string, q: { status?: ClaimStatus; cursor?: string; limit: number }) {
      await activityOf(db, actor, activityId)
      const after = decodeCursor(q.cursor)
      const rows = await claims(db, activityId, scopeIds(actor))
        .where('c.status', 'in', q.status ? [q.status] : ['redeemed', 'fulfilled'])
        .$if(!!after, (qb) => qb.where((eb) => eb(eb.refTuple('c.redeemedAt', 'c.id'), '<', eb.tuple(after!.at, after!.id))))
        .orderBy('c.redeemedAt', 'desc').orderBy('c.id', 'desc').limit(q.limit).execute()
      const last = rows[rows.length - 1]
      return { items: await views(actor.corpId, rows), nextCursor: rows.length === q.limit && last ? encodeCursor(last.redeemedAt!, last.id) : null }
    },

    /**
     * Exactly once: the guarded UPDATE moves redeemed → fulfilled, so of two concurrent calls one wins and the
     * other finds it fulfilled (409). A claim outside the actor's scope does not exist for them (404).
     */
    async fulfil(actor: Actor, activityId: string, completionId: string, note: string | null) {
      return db.transaction().execute(async (tx) => {
        await activityOf(tx, actor, activityId)
        const claim = await claims(tx, activityId, scopeIds(actor)).where('c.id', '=', completionId).executeTakeFirst()
        if (!claim) throw fissionError('fission.redemption.not_found')
        const done = await tx.updateTable('fissionCompletion')
          .set({ status: 'fulfilled', fulfilledAt: sql`now()`, fulfilledBy: actor.isSystem ? null : actor.userId, fulfilmentNote: note })
          .where('id', '=', completionId).where('status', '=', 'redeemed').returning('id').executeTakeFirst()
        if (!done) {
          const now = await repo.findCompletion(tx, completionId)
          if (now?.status === 'fulfilled') throw fissionError('fission.redemption.already_fulfilled', { fulfilledAt: now.fulfilledAt })
          throw fissionError('fission.redemption.not_redeemed', { status: now?.status })
        }
        await repo.insertAudit(tx, { corpId: actor.corpId, activityId, actorUserId: actor.isSystem ? null : actor.userId, action: 'fulfilled', data: { completionId, level: claim.level, note } })
        const [view] = await views(actor.corpId, [(await claims(tx, activityId, undefined).where('c.id', '=', completionId).executeTakeFirst())!])
        return view!
      })
    },
  }
}
