import type { Role } from '../../../api/types'

export const ROLES: Role[] = ['super_admin', 'operator', 'department_manager', 'employee']

export const ROLE_COLOR: Record<Role, string> = {
  super_admin: 'red',
  operator: 'blue',
  department_manager: 'purple',
  employee: 'green',
}

/** These roles see customers through a WeCom employee: a manager their department subtree, an employee their own. */
export const needsEmployee = (role: Role | undefined) => role === 'department_manager' || role === 'employee'

/** Server rules mirrored in the form (the server validates again). */
export const USER_RULES = {
  username: /^[a-z0-9_.-]{3,32}$/,
  displayNameMax: 32,
  passwordMin: 10,
  passwordMax: 128,
} as const
