import type { Call } from './call'

/** A department (root is 1; `order` larger sorts first). */
export interface Department {
  id: number
  name?: string
  nameEn?: string
  /** Only leaders inside the app's visibility. */
  departmentLeader?: string[]
  parentid: number
  order: number
}

/** A department as department/simplelist returns it. */
export interface DepartmentRef {
  id: number
  parentid: number
  order: number
}

/** A member as user/get and user/list return it. Apps created after 2022-06-20 get no sensitive fields. */
export interface Member {
  userid: string
  name?: string
  department?: number[]
  /** Aligned with `department`. */
  order?: number[]
  position?: string
  mobile?: string
  /** '0' unknown or not permitted, '1' male, '2' female. */
  gender?: string
  email?: string
  bizMail?: string
  /** 0/1 aligned with `department`. */
  isLeaderInDept?: number[]
  directLeader?: string[]
  avatar?: string
  thumbAvatar?: string
  telephone?: string
  alias?: string
  address?: string
  openUserId?: string
  mainDepartment?: number
  /** 1 activated, 2 disabled, 4 not activated, 5 left. */
  status?: number
  qrCode?: string
  externalPosition?: string
  extattr?: { attrs?: unknown[] }
  externalProfile?: Record<string, unknown>
}

/** A member as user/simplelist returns it. */
export interface MemberRef {
  userid: string
  name?: string
  department?: number[]
  openUserId?: string
}

/** Reply of {@link OrgApi.userListId}: one row per (member, department). */
export interface UserListIdReply {
  deptUser: { userid: string; department: number }[]
  /** Absent at the end. */
  nextCursor?: string
}

/** Contacts read APIs; see {@link orgApi}. */
export type OrgApi = ReturnType<typeof orgApi>

/** The `org` family of the client: departments and members, read side (CONTRACT-MORE §11). */
export const orgApi = (call: Call) => ({
  /** A department and all its descendants (whole visible tree without `id`); slow — prefer simple list. Doc 90208. */
  departmentList: async (id?: number): Promise<Department[]> =>
    (await call<{ department?: Department[] }>('department/list', { method: 'GET', query: { id } })).department ?? [],

  /** Department ids below `id` (recursive), without names. Doc 95350. */
  departmentSimpleList: async (id?: number): Promise<DepartmentRef[]> =>
    (await call<{ departmentId?: DepartmentRef[] }>('department/simplelist', { method: 'GET', query: { id } }))
      .departmentId ?? [],

  /** One department. Doc 95351. */
  departmentGet: async (id: number): Promise<Department> =>
    (await call<{ department: Department }>('department/get', { method: 'GET', query: { id } })).department,

  /** One member (fields at the top level of the reply). Doc 90196. */
  userGet: (userid: string): Promise<Member> => call<Member>('user/get', { method: 'GET', query: { userid } }),

  /** Members directly in a department (no recursion), names only. Doc 90200. */
  userSimpleList: async (departmentId: number): Promise<MemberRef[]> =>
    (await call<{ userlist?: MemberRef[] }>('user/simplelist', { method: 'GET', query: { departmentId } }))
      .userlist ?? [],

  /** Members directly in a department with details. Doc 96260. */
  userList: async (departmentId: number): Promise<Member[]> =>
    (await call<{ userlist?: Member[] }>('user/list', { method: 'GET', query: { departmentId } })).userlist ?? [],

  /** All (member, department) pairs, paged; contacts-sync secret only. Doc 96067. */
  userListId: async (request: { cursor?: string; limit: number }): Promise<UserListIdReply> => {
    const reply = await call<Partial<UserListIdReply>>('user/list_id', { body: request })
    return { deptUser: reply.deptUser ?? [], nextCursor: reply.nextCursor || undefined }
  },
})
