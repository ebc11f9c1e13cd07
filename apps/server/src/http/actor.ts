/** Who is acting: resolved from the session by the auth hook, passed to every service call. */
export type Role = 'super_admin' | 'operator' | 'department_manager' | 'employee'

/**
 * Which customers an actor may see: all, or those followed by a set of employees (an employee: only
 * themself; a department manager: everyone in their department subtree, resolved at login by org).
 */
export type Scope =
  | { kind: 'all' }
  | {
    kind: 'employees'; employeeIds: string[]
    /** A manager's own departments: the roots of the subtree `employeeIds` was resolved from (segment bitmaps key on them). */
    departmentIds?: number[]
  }

export interface Actor {
  corpId: string
  userId: string
  username: string
  role: Role
  scope: Scope
  /** The WeCom employee this console user is linked to (admin_user.employee_id), if any: the author of their notes. */
  employeeId?: string | null
  /** Background work (jobs, callbacks) acts as the system with the whole corp in scope. */
  isSystem?: boolean
}

/** Every permission, once: the type comes from this list, so a new permission cannot miss the admin role. */
const ALL = [
  'org.read', 'org.sync', 'org.user.read', 'org.user.write',
  'acquisition.live_code.read', 'acquisition.live_code.write',
  'fission.read', 'fission.write',
  /** Marking a claimed prize handed over, and listing the claims: every console role, each within their data scope. */
  'fission.fulfil',
  'customers.read', 'customers.tag.read', 'customers.tag.write', 'customers.loss.manage', 'customers.transfer', 'customers.segment.write',
  'customers.field.write', 'customers.import', 'customers.note.write',
  /** Exports are masked (names, phones) unless the actor also holds `customers.export.unmasked`; every export is logged. */
  'customers.export', 'customers.export.unmasked', 'customers.export.log',
  'sandbox.use',
] as const
export type Permission = (typeof ALL)[number]
const OPERATOR: Permission[] = ALL.filter((p) => p !== 'org.user.write' && p !== 'customers.export.unmasked')

/** Permissions per role. Data scope (which customers) is separate and enforced in services. */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  super_admin: new Set(ALL),
  operator: new Set(OPERATOR),
  department_manager: new Set(['org.read', 'acquisition.live_code.read', 'fission.read', 'fission.fulfil', 'customers.read', 'customers.tag.read', 'customers.note.write', 'customers.export']),
  employee: new Set(['customers.read', 'customers.tag.read', 'customers.note.write', 'fission.fulfil']),
}

export const can = (actor: Actor, permission: Permission): boolean => ROLE_PERMISSIONS[actor.role].has(permission)

export const systemActor = (corpId: string): Actor =>
  ({ corpId, userId: 'system', username: 'system', role: 'super_admin', scope: { kind: 'all' }, isSystem: true })
