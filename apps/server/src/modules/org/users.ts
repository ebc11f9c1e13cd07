import type { Database } from '../../db/database'
import type { Actor, Role } from '../../http/actor'
import { orgError } from './errors'
import { hashPassword } from './password'
import * as repo from './repo'

export type UserService = ReturnType<typeof createUserService>

/** Console users and their roles. A manager or employee user is linked to the WeCom employee whose data scope they get. */
export function createUserService(deps: { db: Database }) {
  const { db } = deps

  async function checkEmployee(corpId: string, role: Role, employeeId: string | null | undefined) {
    if ((role === 'department_manager' || role === 'employee') && !employeeId) throw orgError('org.user.employee_required')
    if (employeeId && (await repo.findEmployeesByIds(db, corpId, [employeeId])).length === 0) throw orgError('org.employee.not_found')
  }

  async function list(actor: Actor) {
    const users = await repo.listAdmins(db, actor.corpId)
    const employees = new Map((await repo.findEmployeesByIds(db, actor.corpId, users.flatMap((u) => u.employeeId ? [u.employeeId] : []))).map((e) => [e.id, e.name]))
    return { items: users.map((u) => ({ ...u, employeeName: u.employeeId ? employees.get(u.employeeId) ?? null : null, disabled: u.disabledAt !== null })) }
  }
  const one = async (actor: Actor, id: string) => (await list(actor)).items.find((u) => u.id === id)!

  return {
    list,

    async create(actor: Actor, input: { username: string; displayName: string; password: string; role: Role; employeeId?: string | null }) {
      await checkEmployee(actor.corpId, input.role, input.employeeId)
      const row = await repo.insertAdmin(db, { corpId: actor.corpId, username: input.username, displayName: input.displayName, role: input.role, employeeId: input.employeeId ?? null, passwordHash: await hashPassword(input.password) })
      if (!row) throw orgError('org.user.duplicate')
      return one(actor, row.id)
    },

    /** Role, link, password or disabling; nobody can remove the last active super admin, nor themself. */
    async update(actor: Actor, id: string, patch: { displayName?: string; role?: Role; employeeId?: string | null; password?: string; disabled?: boolean }) {
      const user = await repo.findAdmin(db, actor.corpId, id)
      if (!user) throw orgError('org.user.not_found')
      const role = patch.role ?? user.role
      const losesAdmin = user.role === 'super_admin' && (role !== 'super_admin' || patch.disabled === true)
      if (losesAdmin && (id === actor.userId || await repo.countActiveSuperAdmins(db, actor.corpId, id) === 0)) throw orgError('org.user.last_admin')
      await checkEmployee(actor.corpId, role, patch.employeeId !== undefined ? patch.employeeId : user.employeeId)
      await repo.updateAdmin(db, id, {
        ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}), ...(patch.role ? { role } : {}),
        ...(patch.employeeId !== undefined ? { employeeId: patch.employeeId } : {}),
        ...(patch.password ? { passwordHash: await hashPassword(patch.password) } : {}),
        ...(patch.disabled !== undefined ? { disabledAt: patch.disabled ? new Date() : null } : {}),
      })
      if (patch.disabled || patch.password || patch.role) await repo.deleteSessionsOf(db, id)     // takes effect at once
      return one(actor, id)
    },
  }
}
