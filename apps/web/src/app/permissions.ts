import type { Role } from '../api/types'
import { useMe } from './session'

/**
 * What each role may do, mirroring the server's ROLE_PERMISSIONS (apps/server/src/http/actor.ts).
 * Only used to hide what a role cannot use; the server enforces every permission again.
 */
export type Permission =
  | 'org.read' | 'org.sync' | 'org.user.read' | 'org.user.write'
  | 'acquisition.live_code.read' | 'acquisition.live_code.write'
  | 'customers.read' | 'customers.tag.read' | 'customers.tag.write' | 'customers.loss.manage'
  | 'sandbox.use'

const ALL: Permission[] = [
  'org.read', 'org.sync', 'org.user.read', 'org.user.write', 'acquisition.live_code.read', 'acquisition.live_code.write',
  'customers.read', 'customers.tag.read', 'customers.tag.write', 'customers.loss.manage', 'sandbox.use',
]

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  super_admin: new Set(ALL),
  operator: new Set(ALL.filter((p) => p !== 'org.user.write')),
  department_manager: new Set(['org.read', 'acquisition.live_code.read', 'customers.read', 'customers.tag.read']),
  employee: new Set(['customers.read', 'customers.tag.read']),
}

export const roleCan = (role: Role, permission: Permission) => ROLE_PERMISSIONS[role]?.has(permission) ?? false

/** `can('customers.tag.write')` for the signed-in user; only valid below <RequireAuth>. */
export function useCan(): (permission: Permission) => boolean {
  const { user } = useMe()
  return (permission) => roleCan(user.role, permission)
}
