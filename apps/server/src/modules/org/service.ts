import { randomBytes } from 'node:crypto'
import type { Database, Executor } from '../../db/database'
import type { Actor, Scope } from '../../http/actor'
import type { WeComPort } from '../../wecom/port'
import { orgError } from './errors'
import { generatePassword, hashPassword, verifyPassword } from './password'
import * as repo from './repo'

const SESSION_DAYS = 7

export type OrgService = ReturnType<typeof createOrgService>

export function createOrgService(deps: { db: Database; clock: () => Date }) {
  const { db, clock } = deps

  /** The scope a console user sees: a manager their department subtree, an employee their own customers. */
  async function scopeOf(user: { corpId: string; role: Actor['role']; employeeId: string | null }): Promise<Scope> {
    if (user.role === 'super_admin' || user.role === 'operator') return { kind: 'all' }
    const employee = user.employeeId ? (await repo.findEmployeesByIds(db, user.corpId, [user.employeeId]))[0] : undefined
    if (!employee) return { kind: 'employees', employeeIds: [] }           // sees nothing rather than everything
    if (user.role === 'employee') return { kind: 'employees', employeeIds: [employee.id] }
    const departments = new Set<number>()
    for (const d of employee.departmentIds) for (const id of await repo.departmentSubtree(db, user.corpId, d)) departments.add(id)
    return { kind: 'employees', employeeIds: await repo.employeeIdsInDepartments(db, user.corpId, [...departments]), departmentIds: employee.departmentIds }
  }

  return {
    /** Registers the corp Pond serves (one per install today; every table carries corp_id for more). */
    ensureCorp: (input: { wecomCorpId: string; name: string; isSandbox: boolean }) => repo.insertCorp(db, input),

    findCorp: (corpId: string) => repo.findCorp(db, corpId),

    /** The first admin is created on first start; the generated password is returned once to be printed. */
    async ensureFirstAdmin(corpId: string, username: string, password?: string): Promise<{ username: string; password: string } | undefined> {
      if (await repo.countAdmins(db, corpId) > 0) return undefined
      const pw = password ?? generatePassword()
      await repo.insertAdmin(db, { corpId, username, displayName: '超级管理员', passwordHash: await hashPassword(pw), role: 'super_admin' })
      return { username, password: pw }
    },

    async createUser({ password, ...input }: { corpId: string; username: string; password: string; displayName: string; role: Actor['role']; employeeId?: string }) {
      return repo.insertAdmin(db, { ...input, passwordHash: await hashPassword(password) })
    },

    async login(username: string, password: string) {
      const user = await repo.findAdminByUsername(db, username)
      if (!user || !(await verifyPassword(password, user.passwordHash))) throw orgError('org.auth.invalid_credentials')
      const sessionId = randomBytes(32).toString('base64url')
      const expiresAt = new Date(clock().getTime() + SESSION_DAYS * 86_400_000)
      await repo.insertSession(db, { id: sessionId, corpId: user.corpId, adminUserId: user.id, expiresAt })
      return { sessionId, expiresAt, user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role } }
    },

    logout: (sessionId: string) => repo.deleteSession(db, sessionId),

    /** Expired sessions are refused at once; this only keeps the table small. */
    purgeExpiredSessions: async () => Number((await repo.deleteExpiredSessions(db, clock())).numDeletedRows),

    async resolveSession(sessionId: string): Promise<(Actor & { displayName: string }) | undefined> {
      const user = await repo.findSessionUser(db, sessionId, clock())
      if (!user) return undefined
      return { corpId: user.corpId, userId: user.id, username: user.username, displayName: user.displayName, role: user.role, scope: await scopeOf(user), employeeId: user.employeeId }
    },

    /** Departments and employees from WeCom (CONTRACT-MORE §11); people WeCom no longer lists are marked left. */
    async syncFromWeCom(corpId: string, wecom: WeComPort) {
      const [departments, employees] = await Promise.all([wecom.listDepartments(), wecom.listEmployees()])
      await db.transaction().execute(async (tx) => {
        await repo.upsertDepartments(tx, corpId, departments)
        await repo.deleteDepartmentsNotIn(tx, corpId, departments.map((d) => d.id))
        await repo.upsertEmployees(tx, corpId, employees)
        await repo.markEmployeesLeftExcept(tx, corpId, employees.map((e) => e.userid))
      })
      return { departments: departments.length, employees: employees.length }
    },

    listDepartments: (actor: Actor) => repo.listDepartments(db, actor.corpId),

    async listEmployees(actor: Actor, q: { departmentId?: number; q?: string; status?: number; cursor?: string; limit: number }) {
      const departmentIds = q.departmentId === undefined ? undefined : await repo.departmentSubtree(db, actor.corpId, q.departmentId)
      const filter = { corpId: actor.corpId, departmentIds, search: q.q, status: q.status }
      const [items, total] = await Promise.all([
        repo.listEmployees(db, { ...filter, after: q.cursor, limit: q.limit }),
        repo.countEmployees(db, filter),
      ])
      return { items, total, nextCursor: items.length === q.limit ? items[items.length - 1]!.wecomUserId : null }
    },

    /** For other modules: employees by our ids, checked to belong to the corp. */
    async getEmployees(ex: Executor, corpId: string, ids: string[]) {
      const rows = await repo.findEmployeesByIds(ex, corpId, [...new Set(ids)])
      if (rows.length !== new Set(ids).size) throw orgError('org.employee.not_found')
      return rows
    },

    /** Everyone who may receive customers (status 1: activated). */
    listActiveEmployees: (corpId: string) => repo.listEmployees(db, { corpId, status: 1, limit: 100_000 }),

    findEmployeesByIds: (ex: Executor, corpId: string, ids: string[]) => repo.findEmployeesByIds(ex, corpId, ids),
    findEmployeeByUserid: (ex: Executor, corpId: string, userid: string) => repo.findEmployeeByUserid(ex, corpId, userid),
    findEmployeesByUserids: (ex: Executor, corpId: string, userids: string[]) => repo.findEmployeesByUserids(ex, corpId, userids),
    /**
     * The employees callbacks name, by userid. A userid not known yet means Pond's copy of the org is behind
     * WeCom: `sync` runs once and they are looked up again; one still unknown fails the callback (it is retried).
     */
    async employeesOfCallbacks(ex: Executor, corpId: string, userids: string[], sync: (corpId: string) => Promise<unknown>) {
      const wanted = [...new Set(userids)]
      let found = await repo.findEmployeesByUserids(ex, corpId, wanted)
      if (found.length < wanted.length) { await sync(corpId); found = await repo.findEmployeesByUserids(ex, corpId, wanted) }
      const byUserid = new Map(found.map((e) => [e.wecomUserId, e]))
      const unknown = wanted.filter((u) => !byUserid.has(u))
      if (unknown.length) throw new Error(`employees ${unknown.join(', ')} are not in WeCom's member list`)
      return byUserid
    },
    departmentSubtree: (corpId: string, rootId: number) => repo.departmentSubtree(db, corpId, rootId),
    /** Everyone in the department or below it, resolved as a manager's scope is (segments filter on it). */
    employeeIdsInSubtree: async (corpId: string, rootId: number) => repo.employeeIdsInDepartments(db, corpId, await repo.departmentSubtree(db, corpId, rootId)),
  }
}
