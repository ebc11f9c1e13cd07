import { randomBytes } from 'node:crypto'
import type { Database, Executor } from '../../db/database'
import type { Actor } from '../../http/actor'
import type { JobDef, Queue } from '../../jobs/queue'
import type { WeComPort } from '../../wecom/port'
import type { CustomersService } from '../customers'
import { decodeCursor, encodeCursor } from '../../shared/cursor'
import type { OrgService } from '../org'
import { acquisitionError } from './errors'
import * as repo from './repo'
import { businessDay, eligibleEmployees, sameSet } from './rotation'
import type { LiveCodeInput } from './schema'

export interface AcquisitionDeps {
  db: Database
  queue: Queue
  wecom: WeComPort
  org: OrgService
  customers: CustomersService
  clock: () => Date
  rotateJob: JobDef<{ corpId: string; liveCodeId: string }, never>
}

/** State ≤ 30 chars (CONTRACT §3.3); `lc` + 20 base32 chars is unique without a lookup. */
export const newState = (): string => 'lc' + randomBytes(13).toString('base64url').replace(/[-_]/g, '').slice(0, 20).padEnd(20, '0')

export type AcquisitionService = ReturnType<typeof createAcquisitionService>

export function createAcquisitionService(deps: AcquisitionDeps) {
  const { db, wecom, org, clock } = deps

  /** Employees must exist and be active; the backup too; tags must exist. Throws coded errors. */
  async function checkInput(ex: Executor, corpId: string, input: LiveCodeInput) {
    const ids = input.employees.map((e) => e.employeeId)
    if (new Set(ids).size !== ids.length) throw acquisitionError('acquisition.live_code.employee_duplicate')
    const people = await org.getEmployees(ex, corpId, [...ids, ...(input.backupEmployeeId ? [input.backupEmployeeId] : [])])
    if (people.some((p) => p.status !== 1)) throw acquisitionError('acquisition.live_code.employee_inactive', { employees: people.filter((p) => p.status !== 1).map((p) => p.name) })
    const tags = await deps.customers.findTags(ex, corpId, input.tagIds)
    if (tags.length !== new Set(input.tagIds).size) throw acquisitionError('acquisition.live_code.tag_not_found')
    return new Map(people.map((p) => [p.id, p]))
  }

  /** Today's eligible employees as WeCom userids, after the daily caps. */
  async function rotationOf(ex: Executor, liveCode: { id: string; backupEmployeeId: string | null }) {
    const members = await repo.membersOf(ex, [liveCode.id])
    const adds = await repo.addsPerEmployeeOnDay(ex, liveCode.id, businessDay(clock()))
    return eligibleEmployees(members, new Map(adds.map((a) => [a.employeeId, Number(a.n)])), liveCode.backupEmployeeId)
  }

  async function contactWayInput(ex: Executor, corpId: string, employeeIds: string[], row: { state: string; skipVerify: boolean; name: string }) {
    const people = await org.findEmployeesByIds(ex, corpId, employeeIds)
    return { userids: employeeIds.map((id) => people.find((p) => p.id === id)!.wecomUserId), skipVerify: row.skipVerify, state: row.state, remark: row.name.slice(0, 30) }
  }

  async function view(ex: Executor, rows: Awaited<ReturnType<typeof repo.findLiveCode>>[]) {
    const codes = rows.filter((r): r is NonNullable<typeof r> => !!r)
    if (codes.length === 0) return []
    const corpId = codes[0]!.corpId
    const [members, totals, tags] = await Promise.all([
      repo.membersOf(ex, codes.map((c) => c.id)), repo.addTotals(ex, codes.map((c) => c.id), businessDay(clock())),
      deps.customers.findTags(ex, corpId, [...new Set(codes.flatMap((c) => c.tagIds))]),
    ])
    const people = new Map((await org.findEmployeesByIds(ex, corpId, [...new Set([...members.map((m) => m.employeeId), ...codes.flatMap((c) => c.backupEmployeeId ? [c.backupEmployeeId] : [])])])).map((p) => [p.id, p.name]))
    return codes.map((c) => {
      const t = totals.filter((x) => x.liveCodeId === c.id)
      return {
        ...c, welcome: c.welcome as LiveCodeInput['welcome'],
        employees: members.filter((m) => m.liveCodeId === c.id).map((m) => ({ employeeId: m.employeeId, name: people.get(m.employeeId) ?? '', dailyCap: m.dailyCap })),
        backupEmployee: c.backupEmployeeId ? { employeeId: c.backupEmployeeId, name: people.get(c.backupEmployeeId) ?? '' } : null,
        tags: tags.filter((tag) => c.tagIds.includes(tag.id)).map((tag) => ({ id: tag.id, name: tag.name })),
        addsToday: t.reduce((n, x) => n + Number(x.today), 0), addsTotal: t.reduce((n, x) => n + Number(x.total), 0),
      }
    })
  }

  async function getOwned(ex: Executor, actor: Actor, id: string) {
    const row = await repo.findLiveCode(ex, actor.corpId, id)
    if (!row) throw acquisitionError('acquisition.live_code.not_found')
    return row
  }

  return {
    /** Creates the live code and its WeCom contact way in one transaction: WeCom refusing it leaves nothing behind. */
    async create(actor: Actor, input: LiveCodeInput) {
      return db.transaction().execute(async (tx) => {
        await checkInput(tx, actor.corpId, input)
        const { employees: _members, ...fields } = input
        const row = await repo.insertLiveCode(tx, { corpId: actor.corpId, state: newState(), ...fields })
        await repo.replaceMembers(tx, actor.corpId, row.id, input.employees)
        const active = await rotationOf(tx, row)
        const way = await wecom.createContactWay(await contactWayInput(tx, actor.corpId, active, row))
        const saved = await repo.updateLiveCode(tx, actor.corpId, row.id, { configId: way.configId, qrCodeUrl: way.qrCodeUrl, activeEmployeeIds: active })
        return (await view(tx, [saved]))[0]!
      })
    },

    async update(actor: Actor, id: string, input: LiveCodeInput) {
      return db.transaction().execute(async (tx) => {
        const current = await getOwned(tx, actor, id)
        await checkInput(tx, actor.corpId, input)
        await repo.replaceMembers(tx, actor.corpId, id, input.employees)
        const active = await rotationOf(tx, { id, backupEmployeeId: input.backupEmployeeId })
        const { employees: _members, ...fields } = input
        const saved = await repo.updateLiveCode(tx, actor.corpId, id, { ...fields, activeEmployeeIds: active })
        await wecom.updateContactWay(current.configId!, await contactWayInput(tx, actor.corpId, active, { ...current, ...input }))
        return (await view(tx, [saved]))[0]!
      })
    },

    async delete(actor: Actor, id: string) {
      await db.transaction().execute(async (tx) => {
        const deleted = await repo.softDeleteLiveCode(tx, actor.corpId, id)
        if (!deleted) throw acquisitionError('acquisition.live_code.not_found')
        if (deleted.configId) await wecom.deleteContactWay(deleted.configId)
      })
    },

    get: async (actor: Actor, id: string) => (await view(db, [await getOwned(db, actor, id)]))[0]!,

    async list(actor: Actor, q: { q?: string; channelGroup?: string; cursor?: string; limit: number }) {
      const filter = { corpId: actor.corpId, search: q.q, channelGroup: q.channelGroup }
      const [rows, total] = await Promise.all([repo.listLiveCodes(db, { ...filter, after: decodeCursor(q.cursor), limit: q.limit }), repo.countLiveCodes(db, filter)])
      const last = rows[rows.length - 1]
      return { items: await view(db, rows), total, nextCursor: rows.length === q.limit && last ? encodeCursor(last.createdAt, last.id) : null }
    },

    channelGroups: async (actor: Actor) => ({ items: (await repo.listChannelGroups(db, actor.corpId)).map((r) => r.channelGroup) }),

    async qrPng(actor: Actor, id: string) {
      const row = await getOwned(db, actor, id)
      return { png: await wecom.fetchQrPng(row.qrCodeUrl!), name: row.name }
    },

    async stats(actor: Actor, id: string) {
      await getOwned(db, actor, id)
      const today = businessDay(clock())
      const from = businessDay(new Date(clock().getTime() - 29 * 86_400_000))
      const [members, totals, daily] = await Promise.all([repo.membersOf(db, [id]), repo.addTotals(db, [id], today), repo.dailyAdds(db, id, from)])
      const names = new Map((await org.findEmployeesByIds(db, actor.corpId, [...new Set([...members.map((m) => m.employeeId), ...totals.map((t) => t.employeeId)])])).map((p) => [p.id, p.name]))
      const perEmployee = [...new Set([...members.map((m) => m.employeeId), ...totals.map((t) => t.employeeId)])].map((employeeId) => {
        const t = totals.find((x) => x.employeeId === employeeId)
        const cap = members.find((m) => m.employeeId === employeeId)?.dailyCap ?? null
        const addsToday = Number(t?.today ?? 0)
        return { employeeId, name: names.get(employeeId) ?? '', addsToday, addsTotal: Number(t?.total ?? 0), lost: Number(t?.lost ?? 0), dailyCap: cap, capped: cap !== null && addsToday >= cap }
      })
      const sum = (k: 'addsToday' | 'addsTotal' | 'lost') => perEmployee.reduce((n, e) => n + e[k], 0)
      return { addsToday: sum('addsToday'), addsTotal: sum('addsTotal'), lostTotal: sum('lost'), perEmployee, daily: daily.map((d) => ({ day: d.addedDay, adds: Number(d.adds), lost: Number(d.lost) })) }
    },

    /** Re-applies the daily caps to WeCom's member list when the eligible set changed (after an add, at midnight). */
    async rotate(corpId: string, liveCodeId: string) {
      await db.transaction().execute(async (tx) => {
        const row = await repo.findLiveCode(tx, corpId, liveCodeId)
        if (!row?.configId) return
        const active = await rotationOf(tx, row)
        if (sameSet(active, row.activeEmployeeIds)) return
        await repo.updateLiveCode(tx, corpId, liveCodeId, { activeEmployeeIds: active })
        await wecom.updateContactWay(row.configId, await contactWayInput(tx, corpId, active, row))
      })
    },

    /** Queues a rotation check if today's adds may have capped someone. */
    async afterAdd(tx: Executor, corpId: string, liveCodeId: string) {
      const row = await repo.findLiveCode(tx, corpId, liveCodeId)
      if (row && !sameSet(await rotationOf(tx, row), row.activeEmployeeIds)) {
        await deps.queue.send(tx, deps.rotateJob, { corpId, liveCodeId }, { singletonKey: liveCodeId })
      }
    },

    rotateAll: async (corpId: string) => { for (const c of await repo.activeLiveCodes(db, corpId)) await deps.queue.send(db, deps.rotateJob, { corpId, liveCodeId: c.id }) },

    channelsByIds: async (corpId: string, ids: string[]) => (await repo.findLiveCodesByIds(db, corpId, ids)).map((c) => ({ liveCodeId: c.id, name: c.name, channelGroup: c.channelGroup })),
    idsOfGroup: async (corpId: string, group: string) => (await repo.liveCodeIdsOfGroup(db, corpId, group)).map((r) => r.id),
    idsByState: async (corpId: string) => new Map((await repo.liveCodeStates(db, corpId)).map((r) => [r.state, r.id])),
  }
}
