import type { Database, Executor } from '../../../db/database'
import type { TransferStatus } from '../../../db/types'
import type { Actor } from '../../../http/actor'
import type { TransferKind, WeComPort } from '../../../wecom/port'
import type { OrgService } from '../../org'
import * as customersRepo from '../repo'
import { transferError, type ItemReason } from './errors'
import * as repo from './repo'

const PER_CALL = 100                              // transfer_customer takes ≤ 100 customers (CONTRACT §6)
const NINETY_DAYS = 90 * 86_400_000
const RESULT_STATUS = { 1: 'done', 2: 'waiting', 3: 'refused', 4: 'takeover_full' } as const

export type TransferService = ReturnType<typeof createTransferService>
export interface TransferInput { kind: TransferKind; handoverEmployeeId: string; takeoverEmployeeId: string; customerIds: string[]; message?: string }

/** 在职继承 / 离职继承 with WeCom's rules: 100 per call, 2 per customer per 90 days (on-job), a 24-hour takeover. */
export function createTransferService(deps: { db: Database; wecom: WeComPort; org: OrgService; clock: () => Date }) {
  const { db, org } = deps

  async function employees(actor: Actor, input: TransferInput) {
    if (input.handoverEmployeeId === input.takeoverEmployeeId) throw transferError('customers.transfer.same_employee')
    const people = await org.getEmployees(db, actor.corpId, [input.handoverEmployeeId, input.takeoverEmployeeId])
    const handover = people.find((p) => p.id === input.handoverEmployeeId)!
    const takeover = people.find((p) => p.id === input.takeoverEmployeeId)!
    if (takeover.status !== 1) throw transferError('customers.transfer.takeover_inactive')
    if (input.kind === 'on_job' && handover.status !== 1) throw transferError('customers.transfer.handover_not_active')
    if (input.kind === 'resigned' && handover.status !== 5) throw transferError('customers.transfer.handover_not_left')
    return { handover, takeover }
  }

  /** Sorts the requested customers into those to send and those refused here, with the reason. */
  async function triage(actor: Actor, input: TransferInput) {
    const mine = await customersRepo.customersFollowedBy(db, actor.corpId, actor.scope, input.handoverEmployeeId, input.customerIds)
    const recent = input.kind === 'on_job' ? await repo.recentTransferCounts(db, mine.map((c) => c.id), new Date(deps.clock().getTime() - NINETY_DAYS)) : new Map<string, number>()
    const refused = new Map<string, ItemReason>()
    for (const id of input.customerIds) if (!mine.some((c) => c.id === id)) refused.set(id, 'not_customer_of_handover')
    for (const c of mine) if ((recent.get(c.id) ?? 0) >= 2) refused.set(c.id, 'transfer_limit')
    return { send: mine.filter((c) => !refused.has(c.id)), refused }
  }

  /** "Transfer done / refused / …" on the customer's timeline, once per transfer. */
  const resultEvent = (corpId: string, t: { id: string; customerId: string; takeoverEmployeeId: string; status: string }, at: Date) => ({
    corpId, customerId: t.customerId, kind: 'transfer_result', employeeId: t.takeoverEmployeeId, occurredAt: at, data: { status: t.status }, dedupeKey: `transfer_result:${t.id}`,
  })

  async function settle(corpId: string, t: { id: string }, status: TransferStatus, at: Date) {
    await db.transaction().execute(async (tx) => {
      const settled = await repo.settle(tx, t.id, status, at)
      await customersRepo.insertEvents(tx, settled.map((r) => resultEvent(corpId, r, at)))
    })
  }

  return {
    /** Starts the transfers; a bulk call answers per customer (started, or why not). */
    async transfer(actor: Actor, input: TransferInput) {
      const { handover, takeover } = await employees(actor, input)
      const { send, refused } = await triage(actor, input)
      const errcodes = new Map<string, number>()
      for (let i = 0; i < send.length; i += PER_CALL) {
        const chunk = send.slice(i, i + PER_CALL)
        const replies = await deps.wecom.transferCustomers({ kind: input.kind, handoverUserid: handover.wecomUserId, takeoverUserid: takeover.wecomUserId, externalUserIds: chunk.map((c) => c.externalUserId), message: input.message })
        for (const r of replies) errcodes.set(r.externalUserId, r.errcode)
      }
      const base = { corpId: actor.corpId, kind: input.kind, handoverEmployeeId: handover.id, takeoverEmployeeId: takeover.id, requestedBy: actor.isSystem ? null : actor.userId, requestedAt: deps.clock() }
      await db.transaction().execute(async (tx) => {
        const rows = await repo.insertTransfers(tx, send.map((c) => {
          const errcode = errcodes.get(c.externalUserId) ?? -1
          return { ...base, customerId: c.id, status: errcode === 0 ? 'waiting' as const : 'failed' as const, errcode: errcode === 0 ? null : errcode }
        }))
        await customersRepo.insertEvents(tx, rows.map((r) => ({
          corpId: actor.corpId, customerId: r.customerId, kind: 'transfer_requested', employeeId: handover.id, occurredAt: base.requestedAt, dedupeKey: `transfer:${r.id}`,
          data: { transferKind: input.kind, handover: handover.name, takeover: takeover.name, status: r.status, errcode: r.errcode, by: actor.username },
        })))
      })
      return {
        items: input.customerIds.map((id) => {
          const c = send.find((x) => x.id === id)
          const errcode = c ? errcodes.get(c.externalUserId) ?? -1 : undefined
          return c && errcode === 0 ? { customerId: id, started: true } : { customerId: id, started: false, reason: refused.get(id) ?? 'wecom_refused' as const, ...(errcode ? { errcode } : {}) }
        }),
      }
    },

    /** Asks WeCom where every waiting transfer stands (every 10 minutes, and on demand). */
    async refresh(corpId: string) {
      for (const pair of await repo.waitingPairs(db, corpId)) {
        const people = await org.findEmployeesByIds(db, corpId, [pair.handoverEmployeeId, pair.takeoverEmployeeId])
        const userid = (id: string) => people.find((p) => p.id === id)!.wecomUserId
        const results = new Map((await deps.wecom.transferResults({ kind: pair.kind, handoverUserid: userid(pair.handoverEmployeeId), takeoverUserid: userid(pair.takeoverEmployeeId) })).map((r) => [r.externalUserId, r]))
        for (const t of await repo.waitingOf(db, corpId, pair)) {
          const r = results.get(t.externalUserId)
          const status = r ? RESULT_STATUS[r.status as keyof typeof RESULT_STATUS] : undefined
          if (status && status !== 'waiting') await settle(corpId, t, status, r!.takeoverAt ?? deps.clock())
        }
      }
    },

    /** transfer_fail (CONTRACT §7.1): the customer refused, or the takeover is full. */
    async onTransferFailed(tx: Executor, e: { corpId: string; takeoverEmployeeId: string; externalUserId: string; reason: string; at: Date }) {
      const settled = await repo.settleByTakeover(tx, { corpId: e.corpId, takeoverEmployeeId: e.takeoverEmployeeId, externalUserId: e.externalUserId, status: e.reason === 'customer_limit_exceed' ? 'takeover_full' : 'refused', at: e.at })
      await customersRepo.insertEvents(tx, settled.map((t) => resultEvent(e.corpId, t, e.at)))
    },

    async list(actor: Actor, q: { status?: 'waiting' | 'done' | 'refused' | 'takeover_full' | 'failed'; cursor?: string; limit: number }) {
      const rows = await repo.listTransfers(db, { corpId: actor.corpId, status: q.status, beforeId: q.cursor, limit: q.limit })
      const names = new Map((await org.findEmployeesByIds(db, actor.corpId, [...new Set(rows.flatMap((r) => [r.handoverEmployeeId, r.takeoverEmployeeId]))])).map((e) => [e.id, e.name]))
      return {
        items: rows.map((r) => ({ ...r, handoverName: names.get(r.handoverEmployeeId) ?? '', takeoverName: names.get(r.takeoverEmployeeId) ?? '' })),
        nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
      }
    },

    /** Customers of employees who left, waiting for someone to take them over (离职待分配). */
    async unassigned(actor: Actor) {
      const rows = await deps.wecom.unassignedCustomers()
      const people = new Map((await org.findEmployeesByUserids(db, actor.corpId, [...new Set(rows.map((r) => r.handoverUserid))])).map((e) => [e.wecomUserId, e]))
      const customers = new Map((await customersRepo.findCustomersByExternalIds(db, actor.corpId, rows.map((r) => r.externalUserId))).map((c) => [c.externalUserId, c]))
      return {
        items: rows.flatMap((r) => {
          const c = customers.get(r.externalUserId)
          const e = people.get(r.handoverUserid)
          return c && e ? [{ customerId: c.id, customerName: c.name, handoverEmployeeId: e.id, handoverName: e.name, leftAt: r.leftAt }] : []
        }),
      }
    },
  }
}
