import { randomBytes } from 'node:crypto'
import type { Executor } from '../../db/database'
import type { FissionHelpStatus } from '../../db/types'
import type { JobDef, Queue } from '../../jobs/queue'
import type { CustomersService } from '../customers'
import type { OrgService } from '../org'
import * as repo from './repo'
import type { ActivityConfig, RefusalReason } from './schema'

/** One add through an initiator's personal contact way (State `fi:…`), with the helper already stored as a customer. */
export interface HelpInput {
  state: string; helperCustomerId: string; helperExternalUserId: string; employeeId: string; at: Date
  /** The transaction storing this add created the helper's customer record (new to the corp). */
  isNewCustomer: boolean
  welcomeCode: string | null; dedupeKey: string
  /** The helper's relation had already ended when the add was processed (their delete arrived first). */
  relationLostAt: Date | null
}

type ActivityRow = Awaited<ReturnType<typeof repo.findActivities>>[number]
type TierRow = Awaited<ReturnType<typeof repo.tiersOf>>[number]
type ParticipantRow = Awaited<ReturnType<typeof repo.lockParticipantsByStates>>[number]

/** Unambiguous characters (no 0/O, 1/I) for a code read out over the phone. */
const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const newRedemptionCode = () => Array.from(randomBytes(10), (b) => CODE_CHARS[b % CODE_CHARS.length]).join('')

const byTime = <T extends { at: Date }>(a: T, b: T) => a.at.getTime() - b.at.getTime()

/**
 * The help rules and tier completion, set-based: a batch of adds is decided with a fixed number of
 * statements whatever its size (locks, reads, one insert, one count update, one stock update per tier
 * reached), which is what lets a poster's burst of scans keep up with the callbacks (bench/fission).
 * A single add is a batch of one.
 */
export function createHelpRecorder(deps: {
  queue: Queue; customers: CustomersService; org: OrgService
  welcomeJob: JobDef<{ helpId: string }, never>
}) {
  /**
   * Completes every tier the participants' counts reach and they have not completed yet (callers hold the
   * participants' locks). Stock is taken per tier in one guarded statement, first come first served; those
   * past the stock complete as out_of_stock and are told so (by the notices digest, which the caller queues
   * after its commit). Returns how many tiers completed.
   */
  async function completeTiers(tx: Executor, activity: { id: string; corpId: string; name: string }, tiers: TierRow[], reached: { participant: ParticipantRow; count: number; at: Date }[]) {
    const candidates = reached.filter((r) => tiers.some((t) => t.threshold <= r.count))
    if (candidates.length === 0) return 0
    const done = new Set((await repo.completionsOf(tx, candidates.map((r) => r.participant.id))).map((c) => `${c.participantId}|${c.level}`))
    const due = candidates.sort(byTime).flatMap((r) => tiers.filter((t) => t.threshold <= r.count && !done.has(`${r.participant.id}|${t.level}`)).map((tier) => ({ ...r, tier })))
    if (due.length === 0) return 0
    const rows: (Parameters<typeof repo.insertCompletions>[1][number] & { stockLeftAfter: number | null })[] = []
    for (const tier of tiers) {
      const waiting = due.filter((d) => d.tier.level === tier.level)
      if (waiting.length === 0) continue
      const { taken, stockLeft } = await repo.reserveStockMany(tx, activity.id, tier.level, waiting.length)
      waiting.forEach((d, i) => rows.push({
        corpId: activity.corpId, activityId: activity.id, participantId: d.participant.id, level: tier.level, completedAt: d.at,
        status: i < taken ? 'reserved' : 'out_of_stock', redemptionCode: i < taken ? newRedemptionCode() : null,
        stockLeftAfter: i < taken ? stockLeft + taken - i - 1 : null,
      }))
    }
    const completions = await repo.insertCompletions(tx, rows.map(({ stockLeftAfter: _, ...r }) => r))
    const idOf = new Map(completions.map((c) => [`${c.participantId}|${c.level}`, c.id]))
    await repo.insertLedger(tx, rows.flatMap((r) => r.stockLeftAfter === null ? [] : [{
      corpId: r.corpId, activityId: r.activityId, level: r.level, delta: -1, stockLeft: r.stockLeftAfter, reason: 'reserved' as const, completionId: idOf.get(`${r.participantId}|${r.level}`)!,
    }]))
    const tagged = due.filter((x) => x.tier.completionTagId && x.participant.employeeId)
    const employees = await deps.org.findEmployeesByIds(tx, activity.corpId, [...new Set(tagged.map((d) => d.participant.employeeId!))])
    for (const d of tagged) {
      const employee = employees.find((e) => e.id === d.participant.employeeId)
      if (employee) await deps.customers.applyTags(tx, { corpId: activity.corpId, customerId: d.participant.customerId, employeeId: employee.id, userid: employee.wecomUserId, externalUserId: d.participant.externalUserId, tagIds: [d.tier.completionTagId!], at: d.at, reason: activity.name })
    }
    await deps.customers.appendEvents(tx, rows.map((r) => {
      const d = due.find((x) => x.participant.id === r.participantId && x.tier.level === r.level)!
      return { corpId: r.corpId, customerId: d.participant.customerId, kind: 'fission_completed', employeeId: null, at: r.completedAt,
        data: { activityId: activity.id, activityName: activity.name, level: r.level, prizeName: d.tier.prizeName, status: r.status } }
    }))
    return completions.length
  }

  /** Valid helps an initiator received within the activity's velocity window before `at` (the running list of this batch included). */
  const withinWindow = (times: Date[], at: Date, seconds: number) => times.filter((t) => t.getTime() > at.getTime() - seconds * 1000 && t <= at).length

  /**
   * Decides and records a batch of helps in the caller's transaction (the one that stored the helpers and
   * marks the inbox rows processed). Rules in the documented order, each add against the state the adds
   * before it left (sorted by add time): a burst to one initiator counts up to the top tier exactly.
   * Returns the helps recorded (unknown States are skipped: not fission's) and how many tiers they completed.
   */
  async function recordHelps(tx: Executor, corpId: string, adds: HelpInput[]) {
    const participants = await repo.lockParticipantsByStates(tx, corpId, [...new Set(adds.map((a) => a.state))])
    const byState = new Map(participants.map((p) => [p.state, p]))
    const known = adds.filter((a) => byState.has(a.state))
    // A helper this transaction created (new to the corp) has no help decided before it: only the others are looked up.
    const createdNow = new Set(known.filter((a) => a.isNewCustomer).map((a) => a.helperCustomerId))
    const seenBefore = [...new Set(known.map((a) => a.helperCustomerId).filter((id) => !createdNow.has(id)))]
    const decidedBefore = seenBefore.length ? await repo.decidedAdds(tx, participants.map((p) => p.id), seenBefore) : new Set<string>()
    const mine = known.filter((a) => !decidedBefore.has(repo.addKey(byState.get(a.state)!.id, a.helperCustomerId, a.employeeId, a.at))).sort(byTime)
    if (mine.length === 0) return { helps: [], completed: 0 }
    const activityIds = [...new Set(participants.map((p) => p.activityId))]
    const activities = new Map((await repo.findActivities(tx, corpId, activityIds)).map((a) => [a.id, a]))
    const tiers = await repo.tiersOf(tx, activityIds)
    const tiersOf = (activityId: string) => tiers.filter((t) => t.activityId === activityId)
    const helperIds = [...new Set(mine.map((a) => a.helperCustomerId))]
    const helped = new Set((await repo.helpsOfHelpers(tx, activityIds, helperIds)).map((h) => `${h.activityId}|${h.helperCustomerId}`))
    const blacklisted = await repo.blacklistedAmong(tx, corpId, helperIds)
    const windowed = participants.filter((p) => (activities.get(p.activityId)!.config as ActivityConfig).velocity)
    const since = new Date(mine[0]!.at.getTime() - Math.max(0, ...windowed.map((p) => (activities.get(p.activityId)!.config as ActivityConfig).velocity!.withinSeconds)) * 1000)
    const recent = windowed.length ? await repo.recentHelpTimes(tx, windowed.map((p) => p.id), since) : []
    const times = new Map(participants.map((p) => [p.id, recent.filter((r) => r.participantId === p.id).map((r) => r.addedAt)]))
    const counts = new Map(participants.map((p) => [p.id, p.helpCount]))

    function decide(a: ActivityRow, p: ParticipantRow, h: HelpInput): { status: FissionHelpStatus; reason: RefusalReason | null; revokedAt: Date | null } {
      const config = a.config as ActivityConfig
      const refuse = (reason: RefusalReason) => ({ status: 'refused' as const, reason, revokedAt: null })
      if (a.status !== 'running' || h.at < a.startsAt || h.at >= a.endsAt) return refuse('activity_not_running')
      if (counts.get(p.id)! >= Math.max(...tiersOf(a.id).map((t) => t.threshold))) return refuse('initiator_finished')
      if (h.helperCustomerId === p.customerId) return refuse('self_help')
      if (helped.has(`${a.id}|${h.helperCustomerId}`)) return refuse('already_helped')
      // Their delete arrived before their add: the help is churned on arrival, as onFollowLost would have done.
      // Checked before "new to the corp": the early delete left a customer record, so the helper looks known.
      const churnHours = config.helpRules.churnHours
      if (h.relationLostAt && churnHours > 0 && h.relationLostAt >= h.at && h.relationLostAt.getTime() - h.at.getTime() <= churnHours * 3600_000) return { status: 'revoked', reason: null, revokedAt: h.relationLostAt }
      if (config.helpRules.newCustomersOnly && !h.isNewCustomer) return refuse('not_new_customer')
      if (blacklisted.has(h.helperCustomerId)) return refuse('blacklisted')
      if (config.velocity && withinWindow(times.get(p.id)!, h.at, config.velocity.withinSeconds) >= config.velocity.maxHelps) return { status: 'held', reason: 'velocity_hold', revokedAt: null }
      return { status: 'counted', reason: null, revokedAt: null }
    }

    const decided = mine.map((h) => {
      const p = byState.get(h.state)!
      const a = activities.get(p.activityId)!
      const outcome = decide(a, p, h)
      if (outcome.status !== 'refused') helped.add(`${a.id}|${h.helperCustomerId}`)
      if (outcome.status === 'counted' || outcome.status === 'held') times.get(p.id)!.push(h.at)
      if (outcome.status === 'counted') counts.set(p.id, counts.get(p.id)! + 1)
      return { h, p, a, ...outcome }
    })
    const inserted = await repo.insertHelps(tx, decided.map(({ h, p, a, status, reason, revokedAt }) => ({
      corpId, activityId: a.id, participantId: p.id, helperCustomerId: h.helperCustomerId, helperExternalUserId: h.helperExternalUserId, employeeId: h.employeeId,
      newCustomer: h.isNewCustomer, status, reason, addedAt: h.at, revokedAt, welcomeCode: h.welcomeCode, dedupeKey: h.dedupeKey,
    })))
    const raised = participants.filter((p) => counts.get(p.id) !== p.helpCount)
    await repo.setHelpCounts(tx, raised.map((p) => ({ id: p.id, helpCount: counts.get(p.id)! })))
    let completed = 0
    for (const a of activityIds.map((id) => activities.get(id)!)) {
      const reached = raised.filter((p) => p.activityId === a.id).map((p) => ({ participant: p, count: counts.get(p.id)!, at: decided.filter((d) => d.p.id === p.id && d.status === 'counted').at(-1)!.h.at }))
      completed += await completeTiers(tx, a, tiersOf(a.id), reached)
    }
    // One entry per help is the add too (the employee is the one added): a burst writes half the rows.
    await deps.customers.appendEvents(tx, decided.map((d) => ({
      corpId, customerId: d.h.helperCustomerId, kind: 'fission_help', employeeId: d.h.employeeId, at: d.h.at, dedupeKey: d.h.dedupeKey,
      data: { state: d.h.state, isNewCustomer: d.h.isNewCustomer, activityId: d.a.id, activityName: d.a.name, initiatorCustomerId: d.p.customerId, status: d.status, reason: d.reason },
    })))
    const welcomes = inserted.filter((r) => r.welcomeCode)
    await deps.queue.sendMany(tx, deps.welcomeJob, welcomes.map((r) => ({ payload: { helpId: r.id }, singletonKey: `fission.welcome:${r.id}` })))
    return { helps: inserted, completed }
  }

  return { recordHelps, completeTiers }
}
