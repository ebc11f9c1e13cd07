import { stringify } from 'csv-stringify/sync'
import { sql } from 'kysely'
import type { Database, Executor } from '../../db/database'
import { systemActor, type Actor } from '../../http/actor'
import { defineErrors, type AppError } from '../../http/errors'
import type { WeComPort } from '../../wecom/port'
import type { CustomersService, SegmentsService } from '../customers'
import { createUserService, type OrgService } from '../org'
import { fissionError } from './errors'
import * as repo from './repo'
import type { ActivityConfig } from './schema'

/**
 * Leaderboards, results over time and the daily red/black list (issue 4, "Employees" and "Results").
 * Everything is read from the helps as they stand now, so voiding or restoring a help changes the boards at once.
 * A help's numbers: counted = it counts now; new customers = the helper was new to the corp and the help was valid
 * (counted, or counted and later revoked by churn); net new = new and still counted. Completions are never taken
 * back (D13), so they stay after a void.
 */

/** The activity's participating employees: the chosen people and everyone in the chosen departments' subtrees (distinct). */
export async function participatingEmployeeIds(org: Pick<OrgService, 'employeeIdsInSubtree'>, corpId: string, config: ActivityConfig) {
  const inDepartments = await Promise.all(config.participants.departmentIds.map((d) => org.employeeIdsInSubtree(corpId, d)))
  return [...new Set([...config.participants.employeeIds, ...inDepartments.flat()])]
}

export const rankError = defineErrors({
  'fission.rank.no_employee': { status: 404, message: { zh: '当前账号未关联企业微信员工，没有个人排名', en: 'This console user is not linked to an employee, so has no rank' } },
})

/** The day boundaries and the push time of the red/black list are Beijing time. */
export const RANKS_TZ = 'Asia/Shanghai'
const NONE = ['00000000-0000-0000-0000-000000000000']

export interface Metrics { participants: number; counted: number; completed: number; newCustomers: number; netNewCustomers: number }
export type EmployeeRow = Metrics & { rank: number; employeeId: string; name: string; departmentId: number | null }
export type DepartmentRow = Metrics & { rank: number; departmentId: number; name: string; employees: number }

const zero = (): Metrics => ({ participants: 0, counted: 0, completed: 0, newCustomers: 0, netNewCustomers: 0 })
const add = (a: Metrics, b: Metrics): Metrics => ({
  participants: a.participants + b.participants, counted: a.counted + b.counted, completed: a.completed + b.completed,
  newCustomers: a.newCustomers + b.newCustomers, netNewCustomers: a.netNewCustomers + b.netNewCustomers,
})
/** Net new first (the point of the activity), then counted helps, then initiators. */
const order = (a: Metrics, b: Metrics) => b.netNewCustomers - a.netNewCustomers || b.counted - a.counted || b.participants - a.participants
/** Competition ranking: equal metrics share a rank (1, 1, 3). */
function ranked<T extends Metrics>(rows: T[], tie: (a: T, b: T) => number): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => order(a, b) || tie(a, b))
  const out: (T & { rank: number })[] = []
  sorted.forEach((r, i) => out.push({ ...r, rank: i > 0 && order(sorted[i - 1]!, r) === 0 ? out[i - 1]!.rank : i + 1 }))
  return out
}

/** Per initiator's employee, optionally counting only helps added within `window` (the day's list). */
async function metricsByEmployee(db: Executor, activityId: string, window?: { from: Date; to: Date }) {
  const helps = await db.selectFrom('fissionParticipant as p').innerJoin('fissionHelp as h', 'h.participantId', 'p.id')
    .select((eb) => [
      'p.employeeId',
      eb.fn.countAll<string>().filterWhere('h.status', '=', 'counted').as('counted'),
      eb.fn.countAll<string>().filterWhere((f) => f.and([f('h.newCustomer', '=', true), f('h.status', 'in', ['counted', 'revoked'])])).as('newCustomers'),
      eb.fn.countAll<string>().filterWhere((f) => f.and([f('h.newCustomer', '=', true), f('h.status', '=', 'counted')])).as('netNewCustomers'),
    ])
    .where('p.activityId', '=', activityId).where('p.employeeId', 'is not', null)
    .$if(!!window, (qb) => qb.where('h.addedAt', '>=', window!.from).where('h.addedAt', '<', window!.to))
    .groupBy('p.employeeId').execute()
  const people = await db.selectFrom('fissionParticipant as p')
    .select((eb) => ['p.employeeId', eb.fn.countAll<string>().as('participants'),
      eb.fn.countAll<string>().filterWhere((f) => f.exists(f.selectFrom('fissionCompletion as c').select('c.id').whereRef('c.participantId', '=', 'p.id'))).as('completed')])
    .where('p.activityId', '=', activityId).where('p.employeeId', 'is not', null).groupBy('p.employeeId').execute()
  const out = new Map<string, Metrics>()
  for (const r of people) out.set(r.employeeId!, { ...zero(), participants: Number(r.participants), completed: Number(r.completed) })
  for (const r of helps) out.set(r.employeeId!, { ...(out.get(r.employeeId!) ?? zero()), counted: Number(r.counted), newCustomers: Number(r.newCustomers), netNewCustomers: Number(r.netNewCustomers) })
  return out
}

export type LeaderboardService = ReturnType<typeof createLeaderboard>

export interface LeaderboardDeps {
  db: Database; org: OrgService; customers: CustomersService; segments: SegmentsService; wecom: WeComPort; clock: () => Date
  /** A customer's signed personal link to the activity's H5 page (h5-service's h5Links). */
  linkFor: (activity: { id: string; endsAt: Date }, customerId: string) => { url?: string; path: string }
}

export function createLeaderboard(deps: LeaderboardDeps) {
  const { db, org } = deps
  const users = createUserService({ db })

  async function activityOf(actor: Actor, id: string) {
    const row = await repo.findActivity(db, actor.corpId, id)
    if (!row) throw fissionError('fission.activity.not_found')
    return row
  }

  /**
   * Every participating employee and every employee with initiators, zeros included (a black list needs those
   * who did nothing). `inScope` narrows to a manager's subtree.
   */
  async function employeeBoard(activity: { id: string; corpId: string; config: unknown }, inScope: string[] | undefined, window?: { from: Date; to: Date }): Promise<EmployeeRow[]> {
    const metrics = await metricsByEmployee(db, activity.id, window)
    const ids = [...new Set([...await participatingEmployeeIds(org, activity.corpId, activity.config as ActivityConfig), ...metrics.keys()])]
      .filter((id) => !inScope || inScope.includes(id))
    const people = await org.findEmployeesByIds(db, activity.corpId, ids.length ? ids : NONE)
    return ranked(people.map((e) => ({
      employeeId: e.id, name: e.name, departmentId: e.mainDepartmentId ?? e.departmentIds[0] ?? null, ...(metrics.get(e.id) ?? zero()),
    })), (a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  }

  /** Team PK: each employee's numbers go to their main department's ancestor at `level` (1 = the root's children). */
  async function departmentBoard(actor: Actor, rows: EmployeeRow[], level: number): Promise<DepartmentRow[]> {
    const departments = await org.listDepartments(actor)
    const byId = new Map(departments.map((d) => [d.id, d]))
    const path = (id: number) => { const p: number[] = []; for (let d = byId.get(id); d; d = byId.get(d.parentId)) p.unshift(d.id); return p }
    const teams = new Map<number, DepartmentRow>()
    for (const r of rows) {
      if (r.departmentId === null || !byId.has(r.departmentId)) continue
      const chain = path(r.departmentId)
      const team = chain[Math.min(level, chain.length - 1)]!
      const t = teams.get(team) ?? { ...zero(), rank: 0, departmentId: team, name: byId.get(team)!.name, employees: 0 }
      teams.set(team, { ...t, ...add(t, r), employees: t.employees + 1 })
    }
    return ranked([...teams.values()], (a, b) => a.departmentId - b.departmentId)
  }

  const scopeIds = (actor: Actor) => actor.scope.kind === 'all' ? undefined : actor.scope.employeeIds

  /** Beijing calendar day [from, to) containing `at`, and its date. */
  function dayOf(at: Date) {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: RANKS_TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
    const from = new Date(`${day}T00:00:00+08:00`)
    return { day, from, to: new Date(from.getTime() + 86_400_000) }
  }

  return {
    async leaderboard(actor: Actor, id: string, q: { by: 'employee' | 'department'; level: number; limit: number }) {
      const activity = await activityOf(actor, id)
      const rows = await employeeBoard(activity, scopeIds(actor))
      if (q.by === 'employee') return { by: q.by, total: rows.length, items: rows.slice(0, q.limit) }
      const teams = await departmentBoard(actor, rows, q.level)
      return { by: q.by, total: teams.length, items: teams.slice(0, q.limit) }
    },

    async exportCsv(actor: Actor, id: string) {
      const activity = await activityOf(actor, id)
      const rows = await employeeBoard(activity, scopeIds(actor))
      const body = stringify([
        ['排名', '员工', '参与客户', '有效助力', '完成任务', '新增客户', '净增客户'],
        ...rows.map((r) => [r.rank, r.name, r.participants, r.counted, r.completed, r.newCustomers, r.netNewCustomers]),
      ], { bom: true })
      return { filename: `${activity.name}-员工排行.csv`, body }
    },

    /**
     * An employee's own view: their rank among all ranked employees (names and numbers only, no customers of
     * others), and their recommended customers — the activity's segment as they may see it (their own customers) —
     * each with their personal link to copy and send with the script.
     */
    async myRank(actor: Actor, id: string) {
      if (!actor.employeeId) throw rankError('fission.rank.no_employee')
      const activity = await activityOf(actor, id)
      const config = activity.config as ActivityConfig
      const rows = await employeeBoard(activity, undefined)
      const me = rows.find((r) => r.employeeId === actor.employeeId) ?? null
      let recommended: { id: string; externalUserId: string; name: string; joined: boolean; link: { url: string | null; path: string } }[] = []
      if (config.recommendedSegmentId) {
        const page = await deps.segments.membersPage(actor, config.recommendedSegmentId, { limit: 50 })
          .catch((err: AppError) => { if (err.code === 'customers.segment.not_materialized' || err.status === 404) return { items: [] }; throw err })
        const joined = new Set(page.items.length ? (await db.selectFrom('fissionParticipant').select('customerId').where('activityId', '=', id)
          .where('customerId', 'in', page.items.map((c) => c.id)).execute()).map((p) => p.customerId) : [])
        recommended = await Promise.all(page.items.map(async (c) => {
          const link = deps.linkFor(activity, c.id)
          return { ...c, name: (await deps.customers.get(actor, c.id)).name, joined: joined.has(c.id), link: { url: link.url ?? null, path: link.path } }
        }))
      }
      return { activityId: id, name: activity.name, status: activity.status, total: rows.length, me, top: rows.slice(0, 10), script: config.scripts.employee, customerScript: config.scripts.customer, recommended }
    },

    /** Per Beijing day: helps counted now and refused, completions, new and net new customers. */
    async stats(actor: Actor, id: string) {
      await activityOf(actor, id)
      const inScope = scopeIds(actor)
      const mine = (qb: Executor) => qb.selectFrom('fissionParticipant').select('id').where('activityId', '=', id)
        .$if(!!inScope, (q) => q.where('employeeId', 'in', inScope!.length ? inScope! : NONE))
      const day = (col: string) => sql<string>`to_char(${sql.ref(col)} at time zone ${RANKS_TZ}, 'YYYY-MM-DD')`
      const helps = await db.selectFrom('fissionHelp as h').select((eb) => [
        day('h.addedAt').as('day'),
        eb.fn.countAll<string>().filterWhere('h.status', '=', 'counted').as('counted'),
        eb.fn.countAll<string>().filterWhere('h.status', '=', 'refused').as('refused'),
        eb.fn.countAll<string>().filterWhere((f) => f.and([f('h.newCustomer', '=', true), f('h.status', 'in', ['counted', 'revoked'])])).as('newCustomers'),
        eb.fn.countAll<string>().filterWhere((f) => f.and([f('h.newCustomer', '=', true), f('h.status', '=', 'counted')])).as('netNewCustomers'),
      ]).where('h.participantId', 'in', mine(db)).groupBy(sql`1`).execute()
      const completions = await db.selectFrom('fissionCompletion as c').select((eb) => [day('c.completedAt').as('day'), eb.fn.countAll<string>().as('n')])
        .where('c.participantId', 'in', mine(db)).groupBy(sql`1`).execute()
      const days = [...new Set([...helps.map((h) => h.day), ...completions.map((c) => c.day)])].sort()
      return {
        bucket: 'day' as const, timeZone: RANKS_TZ,
        items: days.map((d) => {
          const h = helps.find((x) => x.day === d)
          return {
            day: d, counted: Number(h?.counted ?? 0), refused: Number(h?.refused ?? 0), completions: Number(completions.find((x) => x.day === d)?.n ?? 0),
            newCustomers: Number(h?.newCustomers ?? 0), netNewCustomers: Number(h?.netNewCustomers ?? 0),
          }
        }),
      }
    },

    /**
     * The daily red/black list (红黑榜) of every running activity: top 3 and bottom 3 employees by the day's net new
     * customers, to the department managers (console users with that role) whose subtree holds a ranked employee.
     * Once per activity and Beijing day: an advisory lock and an audit row make a rerun or retry send nothing.
     */
    async pushRedBlack() {
      const now = deps.clock()
      const { day, from, to } = dayOf(now)
      const running = await db.selectFrom('fissionActivity').selectAll().where('status', '=', 'running').execute()
      let sent = 0
      for (const activity of running) {
        await db.transaction().execute(async (tx) => {
          await sql`select pg_advisory_xact_lock(hashtext(${`fission.redblack:${activity.id}:${day}`}))`.execute(tx)
          const done = await tx.selectFrom('fissionAudit').select('id').where('activityId', '=', activity.id).where('action', '=', 'red_black_sent')
            .where(sql<boolean>`data->>'day' = ${day}`).executeTakeFirst()
          if (done) return
          const rows = await employeeBoard(activity, undefined, { from, to })
          if (rows.length === 0) return
          const recipients = await managersOf(activity.corpId, rows.map((r) => r.employeeId))
          if (recipients.length) await deps.wecom.sendAppMessage({ touser: recipients, markdown: redBlackMarkdown(activity.name, day, rows) })
          await repo.insertAudit(tx, { corpId: activity.corpId, activityId: activity.id, actorUserId: null, action: 'red_black_sent', data: { day, recipients: recipients.length } })
          sent++
        })
      }
      return { day, sent }
    },
  }

  /** WeCom userids of the active department managers whose department subtree holds one of `employeeIds`. */
  async function managersOf(corpId: string, employeeIds: string[]) {
    const managers = (await users.list(systemActor(corpId))).items.filter((u) => u.role === 'department_manager' && !u.disabled && u.employeeId)
    const people = await org.findEmployeesByIds(db, corpId, managers.map((m) => m.employeeId!))
    const out: string[] = []
    for (const m of people.filter((p) => p.status === 1)) {
      const subtree = (await Promise.all(m.departmentIds.map((d) => org.employeeIdsInSubtree(corpId, d)))).flat()
      if (employeeIds.some((id) => subtree.includes(id))) out.push(m.wecomUserId)
    }
    return [...new Set(out)]
  }
}

/** The message the managers read (zh-CN): the day's top 3 and bottom 3; when fewer than six rank, nobody is on both. */
export function redBlackMarkdown(activityName: string, day: string, rows: EmployeeRow[]) {
  const top = rows.slice(0, 3)
  const bottom = rows.slice(Math.max(top.length, rows.length - 3)).reverse()
  const line = (r: EmployeeRow) => `${r.rank}. ${r.name}：净增 ${r.netNewCustomers} 人，有效助力 ${r.counted} 次`
  return [
    `**裂变活动「${activityName}」${day} 红黑榜**`,
    `<font color="warning">红榜</font>`, ...top.map(line),
    ...(bottom.length ? [`<font color="comment">黑榜</font>`, ...bottom.map(line)] : []),
    `共 ${rows.length} 位员工参与排名`,
  ].join('\n')
}
