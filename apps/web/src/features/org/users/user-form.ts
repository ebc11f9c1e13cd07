import type { ConsoleUser, NewUser, Role, UserPatch } from '../../../api/types'
import { needsEmployee } from './roles'

export type UserFormValues = {
  username: string
  displayName: string
  /** Required when creating; when editing, empty keeps the current password. */
  password?: string
  role: Role
  employeeId?: string | null
}

export const EMPTY_USER: UserFormValues = { username: '', displayName: '', password: '', role: 'operator', employeeId: null }

export const toFormValues = (user: ConsoleUser): UserFormValues => ({
  username: user.username,
  displayName: user.displayName,
  password: '',
  role: user.role,
  employeeId: user.employeeId,
})

/** The employee link only exists for roles scoped through an employee; for the others it is cleared. */
const link = (values: UserFormValues) => (needsEmployee(values.role) ? (values.employeeId ?? null) : null)

export const toNewUser = (values: UserFormValues): NewUser => ({
  username: values.username.trim(),
  displayName: values.displayName.trim(),
  password: values.password ?? '',
  role: values.role,
  ...(needsEmployee(values.role) ? { employeeId: link(values) } : {}),
})

/** Only what changed, so an untouched field is never rewritten. */
export function toPatch(user: ConsoleUser, values: UserFormValues): UserPatch {
  const patch: UserPatch = {}
  const displayName = values.displayName.trim()
  if (displayName !== user.displayName) patch.displayName = displayName
  if (values.role !== user.role) patch.role = values.role
  if (link(values) !== user.employeeId) patch.employeeId = link(values)
  if (values.password) patch.password = values.password
  return patch
}
