import { z } from 'zod'

export const Role = z.enum(['super_admin', 'operator', 'department_manager', 'employee'])
export const LoginBody = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) })
export const UserView = z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: Role })
export const LoginReply = z.object({ user: UserView })
export const MeReply = z.object({
  user: UserView,
  /** What this user may do; the console shows only what it allows (the server checks every call anyway). */
  permissions: z.array(z.string()),
  corp: z.object({ id: z.string(), name: z.string(), wecomCorpId: z.string(), sandbox: z.boolean() }),
})

export const DepartmentView = z.object({ id: z.number(), name: z.string(), parentId: z.number(), order: z.number(), employeeCount: z.number() })
export const DepartmentList = z.object({ items: z.array(DepartmentView) })

export const EmployeeQuery = z.object({
  departmentId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(64).optional(),
  status: z.coerce.number().int().refine((s) => [1, 2, 4, 5].includes(s), 'status must be 1, 2, 4 or 5').optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
})
export const EmployeeView = z.object({
  id: z.string(), wecomUserId: z.string(), name: z.string(), position: z.string(),
  status: z.number(), departmentIds: z.array(z.number()), customerCount: z.number(),
})
export const EmployeeList = z.object({ items: z.array(EmployeeView), nextCursor: z.string().nullable(), total: z.number() })
export const SyncReply = z.object({ departments: z.number(), employees: z.number() })

export const UserParams = z.object({ id: z.uuid() })
export const NewUser = z.object({
  username: z.string().trim().min(3).max(32).regex(/^[a-z0-9_.-]+$/, 'lower-case letters, digits, _ . - only'),
  displayName: z.string().trim().min(1).max(32),
  password: z.string().min(10).max(128),
  role: Role,
  employeeId: z.uuid().nullable().optional(),
})
export const UserPatch = z.object({
  displayName: z.string().trim().min(1).max(32).optional(),
  role: Role.optional(),
  employeeId: z.uuid().nullable().optional(),
  password: z.string().min(10).max(128).optional(),
  disabled: z.boolean().optional(),
})
export const UserItem = z.object({
  id: z.string(), username: z.string(), displayName: z.string(), role: Role, employeeId: z.string().nullable(),
  employeeName: z.string().nullable(), disabled: z.boolean(), createdAt: z.date(),
})
export const UserList = z.object({ items: z.array(UserItem) })
