import type { Database, Executor } from '../../../db/database'
import type { LossKind } from '../../../db/types'
import type { Actor } from '../../../http/actor'
import type { JobDef, Queue } from '../../../jobs/queue'
import { decodeCursor, encodeCursor } from '../../../shared/cursor'
import type { WeComPort } from '../../../wecom/port'
import type { OrgService } from '../../org'
import * as customersRepo from '../repo'
import * as repo from './repo'

export type LossService = ReturnType<typeof createLossService>

const KIND_TEXT: Record<LossKind, string> = { deleted_by_customer: '客户删除了员工', deleted_by_employee: '员工删除了客户' }
const fmtTime = (d: Date) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(d)

export interface LossDeps {
  db: Database; queue: Queue; org: OrgService; wecom: WeComPort; clock: () => Date
  notifyJob: JobDef<{ lossId: string }, never>
}

/** Loss alerts (删人提醒): every lost relation is recorded, listed, and told to the chosen managers in WeCom. */
export function createLossService(deps: LossDeps) {
  const { db, org } = deps

  /** The chosen recipients (only active employees can receive app messages). */
  async function recipients(corpId: string, ids: string[]) {
    return (await org.findEmployeesByIds(db, corpId, ids)).filter((e) => e.status === 1)
  }

  /** True when someone was told; with nobody to tell, the loss stays unnotified for a later digest. */
  async function send(to: { wecomUserId: string }[], markdown: string) {
    if (to.length) await deps.wecom.sendAppMessage({ touser: to.map((e) => e.wecomUserId), markdown })
    return to.length > 0
  }

  /** Marks the losses told and puts "alert sent to …" on each customer's timeline. */
  async function markTold(ids: string[], to: { name: string }[], mode: 'per_event' | 'daily_digest') {
    await db.transaction().execute(async (tx) => {
      const told = await repo.markNotified(tx, ids, deps.clock())
      await customersRepo.insertEvents(tx, told.map((l) => ({
        corpId: l.corpId, customerId: l.customerId, kind: 'loss_alerted', employeeId: l.employeeId, occurredAt: deps.clock(),
        data: { lossKind: l.kind, mode, recipients: to.map((e) => e.name) }, dedupeKey: `loss_alerted:${l.id}`,
      })))
    })
  }

  async function settings(actor: Actor) {
    const s = await repo.findAlertSetting(db, actor.corpId)
    const ids = s?.recipientEmployeeIds ?? []
    const people = await org.findEmployeesByIds(db, actor.corpId, ids)
    return { mode: s?.mode ?? 'per_event', recipientEmployeeIds: ids, recipients: people.map((p) => ({ id: p.id, name: p.name })) }
  }

  return {
    /** Called in the transaction that records the lost relation; queues the alert when alerts are per event. */
    async recordLoss(tx: Executor, input: { corpId: string; customerId: string; employeeId: string; kind: LossKind; at: Date }) {
      const loss = await repo.insertLoss(tx, { corpId: input.corpId, customerId: input.customerId, employeeId: input.employeeId, kind: input.kind, lostAt: input.at })
      const setting = await repo.findAlertSetting(tx, input.corpId)
      if (loss && (setting?.mode ?? 'per_event') === 'per_event') await deps.queue.send(tx, deps.notifyJob, { lossId: loss.id })
    },

    /** Losses of relations the actor may see (an employee: their own), newest first. */
    async list(actor: Actor, q: { kind?: LossKind; employeeId?: string; from?: Date; to?: Date; cursor?: string; limit: number }) {
      const scoped = actor.scope.kind === 'all' ? undefined : actor.scope.employeeIds
      const employeeIds = q.employeeId ? (scoped ? scoped.filter((id) => id === q.employeeId) : [q.employeeId]) : scoped
      const rows = await repo.listLosses(db, { corpId: actor.corpId, employeeIds, kind: q.kind, from: q.from, to: q.to }, { before: decodeCursor(q.cursor), limit: q.limit })
      const names = new Map((await org.findEmployeesByIds(db, actor.corpId, [...new Set(rows.map((r) => r.employeeId))])).map((e) => [e.id, e.name]))
      const last = rows[rows.length - 1]
      return {
        items: rows.map((r) => ({ ...r, employeeName: names.get(r.employeeId) ?? '' })),
        nextCursor: rows.length === q.limit && last ? encodeCursor(last.lostAt, last.id) : null,
      }
    },

    settings,

    async updateSettings(actor: Actor, input: { mode: 'off' | 'per_event' | 'daily_digest'; recipientEmployeeIds: string[] }) {
      await org.getEmployees(db, actor.corpId, input.recipientEmployeeIds)          // throws org.employee.not_found
      await repo.upsertAlertSetting(db, { corpId: actor.corpId, ...input })
      return settings(actor)
    },

    /** One alert. Marked after WeCom accepted it; WeCom's duplicate check absorbs a retry in between. */
    async notifyOne(lossId: string) {
      const loss = await repo.findLoss(db, lossId)
      if (!loss || loss.notifiedAt) return
      const setting = await repo.findAlertSetting(db, loss.corpId)
      const [employee] = await org.findEmployeesByIds(db, loss.corpId, [loss.employeeId])
      const to = await recipients(loss.corpId, setting?.recipientEmployeeIds ?? [])
      const told = await send(to,
        `**客户流失提醒**\n> 客户：${loss.customerName}\n> 员工：${employee?.name ?? ''}\n> 类型：<font color="warning">${KIND_TEXT[loss.kind]}</font>\n> 时间：${fmtTime(loss.lostAt)}`)
      if (told) await markTold([loss.id], to, 'per_event')
    },

    /** The daily digest: every loss not yet told, grouped by employee, in one message. */
    async digest(corpId: string) {
      const setting = await repo.findAlertSetting(db, corpId)
      if (setting?.mode !== 'daily_digest') return
      const losses = await repo.listUnnotified(db, corpId, deps.clock())
      if (losses.length === 0) return
      const names = new Map((await org.findEmployeesByIds(db, corpId, [...new Set(losses.map((l) => l.employeeId))])).map((e) => [e.id, e.name]))
      const byEmployee = new Map<string, number>()
      for (const l of losses) byEmployee.set(l.employeeId, (byEmployee.get(l.employeeId) ?? 0) + 1)
      const lines = [...byEmployee.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([id, n]) => `> ${names.get(id) ?? id}：<font color="warning">${n}</font> 位`)
      const to = await recipients(corpId, setting.recipientEmployeeIds)
      if (await send(to, `**客户流失日报**\n共 ${losses.length} 位客户关系流失\n${lines.join('\n')}`)) await markTold(losses.map((l) => l.id), to, 'daily_digest')
    },
  }
}
