import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import type { WeComDepartment, WeComEmployee } from '../../wecom/port'

export const findCorpByWecomId = (db: Executor, wecomCorpId: string) =>
  db.selectFrom('corp').selectAll().where('wecomCorpId', '=', wecomCorpId).executeTakeFirst()

export const findCorp = (db: Executor, id: string) =>
  db.selectFrom('corp').selectAll().where('id', '=', id).executeTakeFirst()

export const insertCorp = (db: Executor, row: { wecomCorpId: string; name: string; isSandbox: boolean }) =>
  db.insertInto('corp').values(row)
    .onConflict((oc) => oc.column('wecomCorpId').doUpdateSet({ name: row.name, isSandbox: row.isSandbox }))
    .returningAll().executeTakeFirstOrThrow()

export const countAdmins = async (db: Executor, corpId: string) =>
  Number((await db.selectFrom('adminUser').select((eb) => eb.fn.countAll<string>().as('n')).where('corpId', '=', corpId).executeTakeFirstOrThrow()).n)

export const insertAdmin = (db: Executor, row: { corpId: string; username: string; displayName: string; passwordHash: string; role: 'super_admin' | 'operator' | 'department_manager' | 'employee'; employeeId?: string | null }) =>
  db.insertInto('adminUser').values(row).onConflict((oc) => oc.columns(['corpId', 'username']).doNothing()).returningAll().executeTakeFirst()

export const findAdminByUsername = (db: Executor, username: string) =>
  db.selectFrom('adminUser').selectAll().where('username', '=', username).where('disabledAt', 'is', null).orderBy('createdAt').executeTakeFirst()

export const listAdmins = (db: Executor, corpId: string) =>
  db.selectFrom('adminUser').select(['id', 'username', 'displayName', 'role', 'employeeId', 'disabledAt', 'createdAt'])
    .where('corpId', '=', corpId).orderBy('createdAt').execute()

export const findAdmin = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('adminUser').selectAll().where('corpId', '=', corpId).where('id', '=', id).executeTakeFirst()

export const countActiveSuperAdmins = async (db: Executor, corpId: string, exceptId: string) =>
  Number((await db.selectFrom('adminUser').select((eb) => eb.fn.countAll<string>().as('n')).where('corpId', '=', corpId)
    .where('role', '=', 'super_admin').where('disabledAt', 'is', null).where('id', '<>', exceptId).executeTakeFirstOrThrow()).n)

export const updateAdmin = (db: Executor, id: string, patch: { displayName?: string; role?: 'super_admin' | 'operator' | 'department_manager' | 'employee'; employeeId?: string | null; passwordHash?: string; disabledAt?: Date | null }) =>
  db.updateTable('adminUser').set(patch).where('id', '=', id).returning('id').executeTakeFirst()

export const deleteSessionsOf = (db: Executor, adminUserId: string) =>
  db.deleteFrom('adminSession').where('adminUserId', '=', adminUserId).execute()

export const insertSession = (db: Executor, row: { id: string; corpId: string; adminUserId: string; expiresAt: Date }) =>
  db.insertInto('adminSession').values(row).execute()

export const deleteSession = (db: Executor, id: string) =>
  db.deleteFrom('adminSession').where('id', '=', id).execute()

export const deleteExpiredSessions = (db: Executor, now: Date) =>
  db.deleteFrom('adminSession').where('expiresAt', '<', now).executeTakeFirst()

export const findSessionUser = (db: Executor, sessionId: string, now: Date) =>
  db.selectFrom('adminSession as s').innerJoin('adminUser as u', 'u.id', 's.adminUserId')
    .select(['u.id', 'u.corpId', 'u.username', 'u.displayName', 'u.role', 'u.employeeId'])
    .where('s.id', '=', sessionId).where('s.expiresAt', '>', now).where('u.disabledAt', 'is', null).executeTakeFirst()

// Bulk upserts go through unnest arrays (one round trip, any size); raw SQL reads clearest here.
export const upsertDepartments = (db: Executor, corpId: string, rows: WeComDepartment[]) => sql`
  insert into department (corp_id, id, name, parent_id, "order")
  select ${corpId}::uuid, * from unnest(${rows.map((r) => r.id)}::int[], ${rows.map((r) => r.name)}::text[],
    ${rows.map((r) => r.parentId)}::int[], ${rows.map((r) => String(r.order))}::bigint[])
  on conflict (corp_id, id) do update set name = excluded.name, parent_id = excluded.parent_id,
    "order" = excluded."order", updated_at = now()`.execute(db)

export const deleteDepartmentsNotIn = (db: Executor, corpId: string, ids: number[]) =>
  db.deleteFrom('department').where('corpId', '=', corpId).where('id', '<>', sql<number>`all(${ids}::int[])`).execute()

export const upsertEmployees = (db: Executor, corpId: string, rows: WeComEmployee[]) => sql`
  insert into employee (corp_id, wecom_user_id, name, position, status, department_ids, main_department_id)
  select ${corpId}::uuid, e.userid, e.name, e.position, e.status, e.dept::int[], e.main_dept
  from unnest(${rows.map((r) => r.userid)}::text[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.position)}::text[],
    ${rows.map((r) => r.status)}::smallint[], ${rows.map((r) => `{${r.departmentIds.join(',')}}`)}::text[],
    ${rows.map((r) => r.mainDepartmentId)}::int[]) as e(userid, name, position, status, dept, main_dept)
  on conflict (corp_id, wecom_user_id) do update set name = excluded.name, position = excluded.position,
    status = excluded.status, department_ids = excluded.department_ids,
    main_department_id = excluded.main_department_id, updated_at = now()`.execute(db)

/** Employees WeCom no longer lists have left the corp (status 5); their customers stay for inheritance. */
export const markEmployeesLeftExcept = (db: Executor, corpId: string, userids: string[]) =>
  db.updateTable('employee').set({ status: 5, updatedAt: sql`now()` })
    .where('corpId', '=', corpId).where('status', '<>', 5)
    .where('wecomUserId', '<>', sql<string>`all(${userids}::text[])`).execute()

/** Departments with the number of active employees in each one's whole subtree (each person once). */
export const listDepartments = async (db: Executor, corpId: string) => (await sql<{ id: number; name: string; parentId: number; order: string; employeeCount: string }>`
  with recursive tree(root, id) as (
    select id, id from department where corp_id = ${corpId}
    union all
    select t.root, d.id from department d join tree t on d.parent_id = t.id where d.corp_id = ${corpId}
  ), counts as (
    select t.root, count(distinct e.id) as n
    from tree t join employee e on e.corp_id = ${corpId} and e.status <> 5 and t.id = any(e.department_ids)
    group by t.root
  )
  select d.id, d.name, d.parent_id, d."order", coalesce(c.n, 0) as employee_count
  from department d left join counts c on c.root = d.id
  where d.corp_id = ${corpId}
  order by d.parent_id, d."order" desc, d.id`.execute(db)).rows

export interface EmployeeFilter { corpId: string; departmentIds?: number[]; search?: string; status?: number }

/** The employee list's filter, shared by the page and its total. */
const filteredEmployees = (db: Executor, q: EmployeeFilter) =>
  db.selectFrom('employee')
    .where('corpId', '=', q.corpId)
    .$if(!!q.departmentIds, (qb) => qb.where(sql<boolean>`department_ids && ${q.departmentIds}::int[]`))
    .$if(!!q.search, (qb) => qb.where((eb) => eb.or([eb('name', 'ilike', `%${q.search}%`), eb('wecomUserId', 'ilike', `%${q.search}%`)])))
    .$if(q.status !== undefined, (qb) => qb.where('status', '=', q.status!))

export const listEmployees = (db: Executor, q: EmployeeFilter & { after?: string; limit: number }) =>
  filteredEmployees(db, q).selectAll()
    .$if(!!q.after, (qb) => qb.where('wecomUserId', '>', q.after!))
    .orderBy('wecomUserId').limit(q.limit).execute()

export const countEmployees = async (db: Executor, q: EmployeeFilter) =>
  Number((await filteredEmployees(db, q).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)

export const findEmployeesByIds = (db: Executor, corpId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('employee').selectAll().where('corpId', '=', corpId).where('id', 'in', ids).execute()

export const findEmployeeByUserid = (db: Executor, corpId: string, wecomUserId: string) =>
  db.selectFrom('employee').selectAll().where('corpId', '=', corpId).where('wecomUserId', '=', wecomUserId).executeTakeFirst()

export const findEmployeesByUserids = (db: Executor, corpId: string, userids: string[]) =>
  userids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('employee').selectAll().where('corpId', '=', corpId).where('wecomUserId', 'in', userids).execute()

export const employeeIdsInDepartments = async (db: Executor, corpId: string, departmentIds: number[]) =>
  (await db.selectFrom('employee').select('id').where('corpId', '=', corpId)
    .where(sql<boolean>`department_ids && ${departmentIds}::int[]`).execute()).map((r) => r.id)

/** The department and all its descendants. */
export const departmentSubtree = async (db: Executor, corpId: string, rootId: number): Promise<number[]> =>
  (await sql<{ id: number }>`
    with recursive sub(id) as (
      select id from department where corp_id = ${corpId} and id = ${rootId}
      union select d.id from department d join sub on d.parent_id = sub.id where d.corp_id = ${corpId}
    ) select id from sub`.execute(db)).rows.map((r) => r.id)
