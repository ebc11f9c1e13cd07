import type { Database } from '../../db/database'
import type { Actor } from '../../http/actor'
import type { CustomersService } from '../customers'
import * as repo from './repo'

export type PersonalWays = ReturnType<typeof createPersonalWays>

/**
 * Initiators' personal contact ways by WeCom config id, named by activity and initiator: the sandbox console
 * labels the QR codes it can scan with them. Ways of initiators outside the actor's data scope are left out.
 */
export function createPersonalWays(deps: { db: Database; customers: Pick<CustomersService, 'cards'> }) {
  return async (actor: Actor, configIds: string[]) => {
    const scope = actor.scope.kind === 'all' ? undefined : actor.scope.employeeIds
    const rows = await repo.participantsByWays(deps.db, actor.corpId, configIds, scope)
    const cards = await deps.customers.cards(actor.corpId, [...new Set(rows.map((r) => r.customerId))])
    const names = new Map(cards.map((c) => [c.id, c.name]))
    return rows.map((r) => ({
      configId: r.configId!, activityId: r.activityId, activityName: r.activityName, participantId: r.id,
      initiator: { customerId: r.customerId, name: names.get(r.customerId) ?? '' },
    }))
  }
}
