import { randomBytes } from 'node:crypto'
import type { Database, Executor } from '../../db/database'
import type { DomainEvents } from '../../events/bus'
import type { FissionHelpStatus } from '../../db/types'
import { systemActor, type Actor } from '../../http/actor'
import type { AppError } from '../../http/errors'
import type { JobDef, Queue } from '../../jobs/queue'
import { decodeCursor, encodeCursor } from '../../shared/cursor'
import type { WeComPort } from '../../wecom/port'
import type { CustomersService, SegmentsService } from '../customers'
import type { OrgService } from '../org'
import { fissionError } from './errors'
import { createHelpRecorder, newRedemptionCode, type HelpInput } from './helps'
import { NOTICE_SLOT_SECONDS } from './jobs'
import { participatingEmployeeIds } from './leaderboard'
import { checkPosterLayout } from './poster'
import * as repo from './repo'
import { prizeCosts } from './results'
import type { ActivityConfig, ActivityInput } from './schema'

export interface FissionDeps {
  db: Database
  queue: Queue
  wecom: WeComPort
  org: OrgService
  customers: CustomersService
  segments: SegmentsService
  clock: () => Date
  welcomeJob: JobDef<{ helpId: string }, never>
  notifyJob: JobDef<object, never>
  cleanupJob: JobDef<{ activityId: string }, never>
  remindJob: JobDef<{ activityId: string; moment: 'scheduled' | 'started' }, never>
  /** Seconds between one employee's completion digests; default NOTICE_SLOT_SECONDS. */
  noticeSlotSeconds?: number
  /** A customer's absolute personal link to an activity, for the helper's welcome; undefined when Pond has no public address. */
  inviteLink?: (activity: { id: string; endsAt: Date }, customerId: string) => string | undefined
}

/** The State prefix of an initiator's personal contact way. */
export const STATE_PREFIX = 'fi:'
/** `fi:` + 12 base62 chars: 15 ≤ 30 chars (CONTRACT §3.3), unique without a lookup. */
const newState = () => STATE_PREFIX + randomBytes(12).toString('base64url').replace(/[-_]/g, '').slice(0, 12).padEnd(12, '0')
/** Days an ended activity keeps its personal contact ways before it is archived and they are deleted. */
export const ARCHIVE_AFTER_DAYS = 7
/** A welcome text's limit (CONTRACT §3.5). */
const WELCOME_MAX_BYTES = 4000

export type FissionService = ReturnType<typeof createFissionService>
type ActivityRow = NonNullable<Awaited<ReturnType<typeof repo.findActivity>>>
type TierRow = Awaited<ReturnType<typeof repo.tiersOf>>[number]
type ParticipantRow = NonNullable<Awaited<ReturnType<typeof repo.findParticipantById>>>

export function createFissionService(deps: FissionDeps) {
  const { db, wecom, org, clock } = deps

  /** Cross-field rules zod cannot state alone, and references that must exist. Throws coded errors. */
  async function checkInput(ex: Executor, corpId: string, input: ActivityInput) {
    if (input.endsAt <= input.startsAt) throw fissionError('fission.config.ends_before_starts')
    if (input.tiers.some((t, i) => t.level !== i + 1)) throw fissionError('fission.config.tier_levels')
    if (input.tiers.some((t, i) => i > 0 && t.threshold <= input.tiers[i - 1]!.threshold)) throw fissionError('fission.config.tiers_not_increasing')
    const problems = input.poster ? checkPosterLayout(input.poster) : []
    if (problems.some((p) => p.field === 'qr' && p.problem === 'outside_poster')) throw fissionError('fission.config.qr_outside_poster', { problems })
    if (problems.length) throw fissionError('fission.config.poster_invalid', { problems })
    const people = await org.findEmployeesByIds(ex, corpId, [...new Set([...input.helperEmployeeIds, ...input.participants.employeeIds])])
    const active = new Set(people.filter((e) => e.status === 1).map((e) => e.id))
    const missing = [...input.helperEmployeeIds, ...input.participants.employeeIds].filter((id) => !active.has(id))
    if (missing.length) throw fissionError('fission.config.employee_inactive', { employeeIds: [...new Set(missing)] })
    const tagIds = [...new Set(input.tiers.flatMap((t) => t.completionTagId ? [t.completionTagId] : []))]
    if ((await deps.customers.findTags(ex, corpId, tagIds)).length !== tagIds.length) throw fissionError('fission.config.tag_not_found')
    if (input.recommendedSegmentId) {
      await deps.segments.get(systemActor(corpId), input.recommendedSegmentId).catch((err: AppError) => {
        throw err.status === 404 ? fissionError('fission.config.segment_not_found') : err
      })
    }
  }

  const configOf = ({ name: _n, startsAt: _s, endsAt: _e, tiers: _t, helperEmployeeIds: _h, ...config }: ActivityInput): ActivityConfig => config

  function view(a: ActivityRow, tiers: TierRow[]) {
    return {
      ...(a.config as ActivityConfig), id: a.id, name: a.name, status: a.status, startsAt: a.startsAt, endsAt: a.endsAt,
      helperEmployeeIds: a.helperEmployeeIds, createdAt: a.createdAt, updatedAt: a.updatedAt,
      tiers: tiers.filter((t) => t.activityId === a.id).map((t) => ({ level: t.level, threshold: t.threshold, prizeName: t.prizeName, stockTotal: t.stockTotal, stockLeft: t.stockLeft, completionTagId: t.completionTagId, unitPriceFen: t.unitPriceFen })),
    }
  }

  async function getRow(ex: Executor, actor: Actor, id: string) {
    const row = await repo.findActivity(ex, actor.corpId, id)
    if (!row) throw fissionError('fission.activity.not_found')
    return row
  }

  const audit = (ex: Executor, actor: Actor, activityId: string, action: string, data: unknown = {}) =>
    repo.insertAudit(ex, { corpId: actor.corpId, activityId, actorUserId: actor.isSystem ? null : actor.userId, action, data })

  /** Initiators the actor may see: all, or those whose employee is in their scope. */
  const scopeIds = (actor: Actor) => actor.scope.kind === 'all' ? undefined : actor.scope.employeeIds

  async function transition(actor: Actor, id: string, from: ActivityRow['status'][], to: ActivityRow['status'], action: string, patch: { endsAt?: Date } = {}) {
    return db.transaction().execute(async (tx) => {
      const before = await getRow(tx, actor, id)
      const row = await repo.setStatus(tx, actor.corpId, id, from, to, patch)
      if (!row) throw fissionError('fission.activity.bad_transition', { status: before.status })
      await audit(tx, actor, id, action, { from: before.status, to, ...(patch.endsAt ? { plannedEndsAt: before.endsAt, endsAt: patch.endsAt } : {}) })
      if (to === 'scheduled' || (to === 'running' && before.status !== 'running')) {
        const moment = to === 'scheduled' ? 'scheduled' : 'started'
        await deps.queue.send(tx, deps.remindJob, { activityId: id, moment }, { singletonKey: `fission.remind:${id}:${moment}` })
      }
      if (to === 'archived') await deps.queue.send(tx, deps.cleanupJob, { activityId: id }, { singletonKey: `fission.cleanup:${id}` })
      return view(row, await repo.tiersOf(tx, [id]))
    })
  }

  const recorder = createHelpRecorder(deps)

  /** Queues a run of the completion notices (debounced, see notifyJob); after the commit that completed tiers. */
  const queueNotices = () => deps.queue.signal(deps.notifyJob, { debounceSeconds: deps.noticeSlotSeconds ?? NOTICE_SLOT_SECONDS })

  /** Counts the participant's valid helps again and completes every tier the count reaches (caller holds the participant lock). */
  async function settle(tx: Executor, activity: ActivityRow, participant: ParticipantRow, at: Date) {
    const count = await repo.countCounted(tx, participant.id)
    await repo.setHelpCount(tx, participant.id, count)
    await recorder.completeTiers(tx, activity, await repo.tiersOf(tx, [activity.id]), [{ participant, count, at }])
    return count
  }

  /** Name and avatar of each customer the actor may see (absent otherwise: the console shows the id). */
  async function namesFor(actor: Actor, ids: string[]) {
    const cards = new Map((await deps.customers.cardsInScope(actor, ids)).map((c) => [c.id, c]))
    return (id: string) => ({ name: cards.get(id)?.name ?? null, avatar: cards.get(id)?.avatar ?? null })
  }

  /** Participants with their names and completed tiers. */
  async function participantViews(actor: Actor, rows: ParticipantRow[]) {
    const completions = await repo.completionsOf(db, rows.map((r) => r.id))
    const named = await namesFor(actor, rows.map((r) => r.customerId))
    return rows.map((r) => ({
      ...r, customerName: named(r.customerId).name, customerAvatar: named(r.customerId).avatar, completions: completions.filter((c) => c.participantId === r.id).map((c) => ({ id: c.id, level: c.level, status: c.status, redemptionCode: c.redemptionCode, completedAt: c.completedAt })),
    }))
  }

  return {
    async list(actor: Actor) {
      const rows = await repo.listActivities(db, actor.corpId, { limit: 500 })
      return { items: rows, nextCursor: null }
    },

    async get(actor: Actor, id: string) {
      const row = await getRow(db, actor, id)
      return view(row, await repo.tiersOf(db, [id]))
    },

    async create(actor: Actor, input: ActivityInput) {
      return db.transaction().execute(async (tx) => {
        await checkInput(tx, actor.corpId, input)
        const row = await repo.insertActivity(tx, { corpId: actor.corpId, name: input.name, startsAt: input.startsAt, endsAt: input.endsAt, config: configOf(input), helperEmployeeIds: input.helperEmployeeIds, createdBy: actor.isSystem ? null : actor.userId })
        await repo.replaceTiers(tx, actor.corpId, row.id, input.tiers)
        await repo.insertLedger(tx, input.tiers.map((t) => ({ corpId: actor.corpId, activityId: row.id, level: t.level, delta: t.stock, stockLeft: t.stock, reason: 'initial' as const, actorUserId: actor.isSystem ? null : actor.userId })))
        await audit(tx, actor, row.id, 'created')
        return view(row, await repo.tiersOf(tx, [row.id]))
      })
    },

    /** A draft's configuration is replaced whole; once scheduled only time and stock change (audited). */
    async update(actor: Actor, id: string, input: ActivityInput) {
      return db.transaction().execute(async (tx) => {
        const before = await getRow(tx, actor, id)
        if (before.status !== 'draft') throw fissionError('fission.activity.not_editable')
        await checkInput(tx, actor.corpId, input)
        const row = await repo.updateActivity(tx, actor.corpId, id, { name: input.name, startsAt: input.startsAt, endsAt: input.endsAt, config: configOf(input), helperEmployeeIds: input.helperEmployeeIds })
        if (!row) throw fissionError('fission.activity.not_editable')
        await repo.replaceTiers(tx, actor.corpId, id, input.tiers)
        return view(row, await repo.tiersOf(tx, [id]))
      })
    },

    async remove(actor: Actor, id: string) {
      const before = await getRow(db, actor, id)
      if (!(await repo.deleteDraft(db, actor.corpId, id))) throw fissionError('fission.activity.not_editable', { status: before.status })
    },

    /** Draft → scheduled (warm-up: pre-registration), or straight to running when the start has passed. */
    async schedule(actor: Actor, id: string) {
      const row = await getRow(db, actor, id)
      if (row.endsAt <= clock()) throw fissionError('fission.config.ends_in_past')
      return transition(actor, id, ['draft'], row.startsAt <= clock() ? 'running' : 'scheduled', 'scheduled')
    },
    endEarly: (actor: Actor, id: string) => transition(actor, id, ['scheduled', 'running'], 'ended', 'ended_early'),
    archive: (actor: Actor, id: string) => transition(actor, id, ['ended'], 'archived', 'archived'),

    async extend(actor: Actor, id: string, endsAt: Date) {
      const row = await getRow(db, actor, id)
      if (endsAt <= row.endsAt || endsAt <= clock()) throw fissionError('fission.config.extend_not_later')
      return transition(actor, id, ['scheduled', 'running'], row.status === 'running' ? 'running' : 'scheduled', 'extended', { endsAt })
    },

    async topUpStock(actor: Actor, id: string, level: number, add: number, note: string) {
      const { activity, served } = await db.transaction().execute(async (tx) => {
        const activity = await getRow(tx, actor, id)
        if (activity.status === 'archived') throw fissionError('fission.activity.bad_transition', { status: activity.status })
        const tier = await repo.topUpStock(tx, id, level, add)
        if (!tier) throw fissionError('fission.tier.not_found')
        await repo.insertLedger(tx, [{ corpId: actor.corpId, activityId: id, level, delta: add, stockLeft: tier.stockLeft, reason: 'top_up', actorUserId: actor.userId }])
        // Initiators who completed the tier while it was out of stock are served first, in completion order.
        const waiting = await repo.lockWaitingCompletions(tx, id, level, tier.stockLeft)
        for (const c of waiting) {
          const reserved = (await repo.reserveStock(tx, id, level))!
          await repo.reserveWaiting(tx, c.id, newRedemptionCode())
          await repo.insertLedger(tx, [{ corpId: actor.corpId, activityId: id, level, delta: -1, stockLeft: reserved.stockLeft, reason: 'reserved', completionId: c.id }])
        }
        await audit(tx, actor, id, 'stock_top_up', { level, add, note, served: waiting.length })
        return { activity: view(activity, await repo.tiersOf(tx, [id])), served: waiting.length }
      })
      if (served) queueNotices()             // the served initiators' employees: "contact them to redeem"
      return activity
    },

    async auditLog(actor: Actor, id: string) {
      await getRow(db, actor, id)
      const [entries, ledger] = await Promise.all([repo.listAudit(db, id), repo.ledgerOf(db, id)])
      return { entries, ledger }
    },

    /**
     * Time moves activities on: start, end, and archive ARCHIVE_AFTER_DAYS after the end (then the personal ways
     * are deleted). Until then a late scan still reaches Pond and the helper is told why it did not count.
     * Run by a job every minute; a lost race (an operator acted first) is skipped.
     */
    async tick() {
      queueNotices()                                 // the safety net: tiers completed in a transaction that could not queue it
      const now = clock()
      for (const a of await repo.dueActivities(db, now, new Date(now.getTime() - ARCHIVE_AFTER_DAYS * 86_400_000))) {
        const actor = systemActor(a.corpId)
        const skipLost = (err: AppError) => { if (err.code !== 'fission.activity.bad_transition') throw err }
        if (a.status === 'scheduled') await transition(actor, a.id, ['scheduled'], a.endsAt <= now ? 'ended' : 'running', 'started').catch(skipLost)
        else if (a.status === 'running') await transition(actor, a.id, ['running'], 'ended', 'ended').catch(skipLost)
        else if (a.status === 'ended') await transition(actor, a.id, ['ended'], 'archived', 'archived').catch(skipLost)
        else await deps.queue.send(db, deps.cleanupJob, { activityId: a.id }, { singletonKey: `fission.cleanup:${a.id}` })
      }
    },

    /** Deletes the ended activity's personal contact ways, returning their quota (CONTRACT §3.3: 500,000 per corp). */
    async cleanupWays(activityId: string) {
      for (;;) {
        const batch = await repo.waysToDelete(db, activityId, 100)
        for (const p of batch) {
          await wecom.deleteContactWay(p.configId!).catch((err: { errcode?: number }) => { if (err.errcode !== 41044) throw err })   // already gone
          await repo.markWayDeleted(db, p.id)
        }
        if (batch.length < 100) break
      }
      await repo.markWaysCleaned(db, activityId)
    },

    /**
     * App messages to the participating employees (chosen people and everyone in the chosen departments'
     * subtrees, active only), at most 1,000 per message (message/send's touser limit). Audited, so a retry
     * after the audit row does not send twice.
     */
    async remindEmployees({ activityId, moment }: { activityId: string; moment: 'scheduled' | 'started' }) {
      const activity = await repo.findActivityById(db, activityId)
      if (!activity) return
      const action = `employees_reminded_${moment}`
      if ((await repo.listAudit(db, activityId)).some((e) => e.action === action)) return
      const config = activity.config as ActivityConfig
      const people = (await org.findEmployeesByIds(db, activity.corpId, await participatingEmployeeIds(org, activity.corpId, config))).filter((e) => e.status === 1)
      const when = moment === 'scheduled' ? `将于 ${activity.startsAt.toISOString().slice(0, 16).replace('T', ' ')} (UTC) 开始，现在可以预热` : '已开始'
      const markdown = `**裂变活动「${activity.name}」${when}**\n${config.rules}\n\n推荐话术：${config.scripts.employee}`
      for (let i = 0; i < people.length; i += 1000) await wecom.sendAppMessage({ touser: people.slice(i, i + 1000).map((p) => p.wecomUserId), markdown })
      await repo.insertAudit(db, { corpId: activity.corpId, activityId, actorUserId: null, action, data: { employees: people.length } })
    },

    /**
     * A customer joins as initiator: one participant per activity (joining again returns it), with a personal
     * multi-member contact way of the helper employees once the activity runs. In warm-up they pre-register.
     */
    async join(actor: Actor, activityId: string, customerId: string) {
      const activity = await getRow(db, actor, activityId)
      if (activity.status !== 'scheduled' && activity.status !== 'running') throw fissionError('fission.activity.not_joinable', { status: activity.status })
      const customer = await deps.customers.get(actor, customerId).catch((err: AppError) => { throw err.status === 404 ? fissionError('fission.customer.not_found') : err })
      let participant = await repo.findParticipant(db, activityId, customerId)
      if (!participant) {
        const follows = customer.follows.filter((f) => f.status === 'active')
        const inScope = scopeIds(actor)
        const employeeId = (follows.find((f) => !inScope || inScope.includes(f.employeeId)) ?? follows[0])?.employeeId ?? null
        const helped = await repo.helpOfHelper(db, activityId, customerId)
        participant = await repo.insertParticipant(db, {
          corpId: actor.corpId, activityId, customerId, externalUserId: customer.externalUserId, employeeId, state: newState(),
          invitedByParticipantId: helped ? (await repo.findHelp(db, actor.corpId, helped.id))!.participantId : null,
        }) ?? await repo.findParticipant(db, activityId, customerId)
      }
      if (!participant) throw fissionError('fission.participant.not_found')
      if (activity.status === 'running' && !participant.configId) {
        const helpers = await org.findEmployeesByIds(db, actor.corpId, activity.helperEmployeeIds)
        let way: { configId: string; qrCodeUrl: string }
        try {
          way = await wecom.createContactWay({ userids: helpers.map((h) => h.wecomUserId), skipVerify: true, state: participant.state, remark: activity.name.slice(0, 30) })
        } catch (err) {
          throw fissionError('fission.wecom_rejected', { reason: err instanceof Error ? err.message : String(err) })
        }
        const stored = await repo.setWay(db, participant.id, way)
        if (!stored) await wecom.deleteContactWay(way.configId).catch(() => undefined)        // a concurrent join stored its way first
        participant = stored ?? (await repo.findParticipantById(db, actor.corpId, participant.id))!
      }
      return (await participantViews(actor, [participant]))[0]!
    },

    async participants(actor: Actor, id: string, page: { cursor?: string; limit: number }) {
      await getRow(db, actor, id)
      const rows = await repo.listParticipants(db, id, scopeIds(actor), { after: decodeCursor(page.cursor), limit: page.limit })
      const last = rows[rows.length - 1]
      return { items: await participantViews(actor, rows), nextCursor: rows.length === page.limit && last ? encodeCursor(last.joinedAt, last.id) : null }
    },

    async helps(actor: Actor, id: string, q: { participantId?: string; status?: FissionHelpStatus; cursor?: string; limit: number }) {
      await getRow(db, actor, id)
      if (q.cursor && !/^\d{1,19}$/.test(q.cursor)) throw fissionError('fission.help.not_found')
      const rows = await repo.listHelps(db, id, { ...q, employeeIds: scopeIds(actor) }, { afterId: q.cursor, limit: q.limit })
      const named = await namesFor(actor, rows.map((r) => r.helperCustomerId))
      return { items: rows.map((r) => ({ ...r, helperName: named(r.helperCustomerId).name, helperAvatar: named(r.helperCustomerId).avatar })), nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null }
    },

    async funnel(actor: Actor, id: string) {
      await getRow(db, actor, id)
      const f = await repo.funnel(db, id, scopeIds(actor))
      const n = (status: string) => f.helps.filter((h) => h.status === status).reduce((s, h) => s + Number(h.n), 0)
      const c = (status: string) => Number(f.completions.find((x) => x.status === status)?.n ?? 0)
      const netNew = f.helps.filter((h) => h.newCustomer && h.status !== 'revoked').reduce((s, h) => s + Number(h.n), 0)
      return {
        participatingEmployees: Number(f.p.employees), participants: Number(f.p.participants), completed: f.completed,
        // Helpers new to the corp, whatever their help's outcome (a refused helper still added the employee); net of churn.
        newCustomers: f.helps.filter((h) => h.newCustomer).reduce((s, h) => s + Number(h.n), 0),
        netNewCustomers: netNew,
        counted: n('counted'), held: n('held'), revoked: n('revoked'), voided: n('voided'),
        refused: Object.fromEntries(f.helps.filter((h) => h.status === 'refused').map((h) => [h.reason ?? '', Number(h.n)])),
        // A fulfilled prize was redeemed first: it counts as reserved and redeemed too.
        prizesReserved: c('reserved') + c('redeemed') + c('fulfilled'), prizesRedeemed: c('redeemed') + c('fulfilled'), prizesFulfilled: c('fulfilled'), outOfStock: c('out_of_stock'), chainInitiators: Number(f.p.chain),
        ...prizeCosts(f.prizes, netNew),
      }
    },

    /**
     * The help rules for a batch of adds through initiators' personal ways, in the transaction that stored the
     * helpers (the caller's `tx`): counted helps raise counts and complete tiers, reserving stock; every
     * outcome queues the helper's welcome variant. Returns the helps recorded (none for unknown States).
     */
    recordHelps: (tx: Executor, corpId: string, adds: HelpInput[]) => recorder.recordHelps(tx, corpId, adds),
    queueNotices,

    /**
     * Adds through initiators' personal ways that a sync found (their callbacks never arrived: WeCom gave up while
     * Pond was unreachable) are decided like any help; no welcome, its code expired long ago. An add already
     * decided from its callback is skipped (same initiator, helper and add time).
     */
    async onRelationsDiscovered(tx: Executor, e: DomainEvents['customers.relations.discovered']) {
      const adds = e.relations.filter((r) => r.state.startsWith(STATE_PREFIX)).map((r) => ({
        state: r.state, helperCustomerId: r.customerId, helperExternalUserId: r.externalUserId, isNewCustomer: r.isNewCustomer, employeeId: r.employeeId,
        at: r.addedAt, welcomeCode: null, relationLostAt: null, dedupeKey: `sync:${r.customerId}:${r.employeeId}:${Math.floor(r.addedAt.getTime() / 1000)}`,
      }))
      if (adds.length) await recorder.recordHelps(tx, e.corpId, adds)
    },

    /** A helper deleted the employee within churnHours of helping: the help is revoked and the count drops. Completed tiers stay. */
    async onFollowLost(tx: Executor, e: { corpId: string; customerId: string; employeeId: string; at: Date }) {
      for (const help of await repo.churnableHelps(tx, e.corpId, e.customerId, e.employeeId)) {
        const hours = (help.config as ActivityConfig).helpRules.churnHours
        if (hours === 0 || e.at.getTime() - help.addedAt.getTime() > hours * 3600_000 || e.at < help.addedAt) continue
        const participant = await repo.lockParticipant(tx, help.participantId)
        if (!(await repo.setHelpStatus(tx, help.id, 'revoked', ['counted', 'held'], e.at))) continue
        if (help.status === 'counted') await repo.setHelpCount(tx, participant.id, await repo.countCounted(tx, participant.id))
      }
    },

    /** Operator review: void a help (it stops counting) or restore a voided or held one (it counts, tiers may complete). */
    async reviewHelp(actor: Actor, activityId: string, helpId: string, action: 'void' | 'restore') {
      const reviewed = await db.transaction().execute(async (tx) => {
        const activity = await getRow(tx, actor, activityId)
        const help = await repo.findHelp(tx, actor.corpId, helpId)
        if (!help || help.activityId !== activityId) throw fissionError('fission.help.not_found')
        const participant = await repo.lockParticipant(tx, help.participantId)
        const to = action === 'void' ? 'voided' : 'counted'
        const from: FissionHelpStatus[] = action === 'void' ? ['counted', 'held', 'revoked'] : ['voided', 'held']
        if (!(await repo.setHelpStatus(tx, help.id, to, from))) throw fissionError('fission.help.bad_transition', { status: help.status })
        await audit(tx, actor, activityId, `help_${action}`, { helpId, from: help.status })
        return { helpId, status: to, helpCount: await settle(tx, activity, participant, clock()) }
      })
      if (action === 'restore') queueNotices()       // a restored help may have completed a tier
      return reviewed
    },

    /** Exactly once: the completion row is locked and moves reserved → redeemed in one statement. */
    async redeem(actor: Actor, activityId: string, code: string, address: unknown) {
      return db.transaction().execute(async (tx) => {
        await getRow(tx, actor, activityId)
        const completion = await repo.lockCompletionByCode(tx, activityId, code.toUpperCase())
        if (!completion) throw fissionError('fission.redemption.not_found')
        const participant = (await repo.findParticipantById(tx, actor.corpId, completion.participantId))!
        const inScope = scopeIds(actor)
        if (inScope && !inScope.includes(participant.employeeId ?? '')) throw fissionError('fission.redemption.not_found')
        if (completion.status === 'redeemed' || completion.status === 'fulfilled') throw fissionError('fission.redemption.already_redeemed', { redeemedAt: completion.redeemedAt })
        const done = (await repo.markRedeemed(tx, completion.id, actor.isSystem ? null : actor.userId, address ?? null))!     // locked and reserved: only out_of_stock has no code
        await audit(tx, actor, activityId, 'redeemed', { completionId: completion.id, level: completion.level })
        return { id: done.id, participantId: done.participantId, level: done.level, status: done.status, redeemedAt: done.redeemedAt }
      })
    },

    blacklist: {
      list: async (actor: Actor) => ({ items: await repo.listBlacklist(db, actor.corpId) }),
      async add(actor: Actor, b: { customerId: string; reason: string; appealNote: string }) {
        await deps.customers.get(systemActor(actor.corpId), b.customerId).catch((err: AppError) => { throw err.status === 404 ? fissionError('fission.customer.not_found') : err })
        return repo.upsertBlacklist(db, { corpId: actor.corpId, ...b, createdBy: actor.userId })
      },
      async appeal(actor: Actor, customerId: string, appealNote: string) {
        const row = await repo.setAppeal(db, actor.corpId, customerId, appealNote)
        if (!row) throw fissionError('fission.customer.not_found')
        return row
      },
      async remove(actor: Actor, customerId: string) {
        if (!(await repo.deleteBlacklist(db, actor.corpId, customerId))) throw fissionError('fission.customer.not_found')
      },
    },

    /** Rows that break the activity's invariants (empty when consistent): for tests and the benchmark. */
    invariantViolations: (activityId: string) => repo.invariantViolations(db, activityId),

    /** For the jobs. The helper is invited to start their own (chain fission): their personal link follows when it fits. */
    welcomeText(config: ActivityConfig, help: { status: FissionHelpStatus; reason: string | null; activityId: string; endsAt: Date; helperCustomerId: string }) {
      const text = help.status === 'counted' ? config.welcome.counted
        : config.welcome.refused.variants.find((v) => v.reason === help.reason)?.text ?? config.welcome.refused.default
      const link = deps.inviteLink?.({ id: help.activityId, endsAt: help.endsAt }, help.helperCustomerId)
      const invited = link ? `${text}\n\n发起你自己的助力，领取同款奖品：${link}` : text
      return Buffer.byteLength(invited) <= WELCOME_MAX_BYTES ? invited : text
    },
  }
}
