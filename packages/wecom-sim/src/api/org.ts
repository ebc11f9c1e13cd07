import { wecomError } from '../errors'
import type { Department, Employee } from '../world/types'
import type { World } from '../world/world'
import { decodeCursor, encodeCursor, isNumber, optInt, optString } from './params'
import type { CgiFamily } from './router'

/**
 * Contacts read APIs (CONTRACT-MORE §11). The app's visible range is the whole corp; it is a self-built
 * app created after 2022-06-20, so the sensitive keys (mobile, email, avatar, gender, qr_code, address…)
 * are omitted, not sent empty (§11.1).
 */
export const orgApi: CgiFamily = (router, { world }) => {
  router.get('/department/list', ({ query }) => ({ department: departmentTree(world, query.id).map(departmentView) }))
  router.get('/department/simplelist', ({ query }) => ({
    department_id: departmentTree(world, query.id).map((d) => ({ id: d.id, parentid: d.parentId, order: d.order })),
  }))
  router.get('/department/get', ({ query }) => {
    if (!query.id) throw wecomError(60123, 'id is required')
    return { department: departmentView(departmentOrThrow(world, query.id)) }
  })
  router.get('/user/get', ({ query }) => userView(employeeOrThrow(world, query.userid)))
  router.get('/user/simplelist', ({ query }) => ({
    userlist: membersOf(world, query.department_id, query.fetch_child).map((e) => ({ userid: e.userid, name: e.name, department: e.departments })),
  }))
  router.get('/user/list', ({ query }) => ({ userlist: membersOf(world, query.department_id, query.fetch_child).map(userView) }))
  router.post('/user/list_id', ({ body }) => listIds(world, body))
}

function departmentTree(world: World, id: string | undefined): Department[] {
  return id ? world.org.subtree(departmentOrThrow(world, id).id) : world.org.subtree(1)
}

function departmentOrThrow(world: World, raw: string): Department {
  if (!/^\d+$/.test(raw)) throw wecomError(60123, raw)
  const dept = world.org.findDepartment(Number(raw))
  if (!dept) throw wecomError(60003, raw)
  return dept
}

function employeeOrThrow(world: World, userid: string | undefined): Employee {
  if (!userid) throw wecomError(40003, 'userid is required')
  const employee = world.org.findEmployee(userid)
  if (!employee || !world.org.isVisible(employee)) throw wecomError(60111, userid)
  return employee
}

/** Direct members only; the retired fetch_child=1 is still honoured (UNCONFIRMED, §11.3). */
function membersOf(world: World, departmentId: string | undefined, fetchChild: string | undefined): Employee[] {
  if (!departmentId) throw wecomError(40058, 'department_id is required')
  const dept = departmentOrThrow(world, departmentId)
  return world.org.employeesIn(dept.id, fetchChild === '1').filter((e) => world.org.isVisible(e))
}

const departmentView = (d: Department) => ({ id: d.id, name: d.name, department_leader: [] as string[], parentid: d.parentId, order: d.order })

function userView(e: Employee) {
  return {
    userid: e.userid,
    name: e.name,
    department: e.departments,
    order: e.departments.map(() => 0),
    position: e.position,
    is_leader_in_dept: e.departments.map(() => 0),
    direct_leader: [] as string[],
    main_department: e.departments[0],
    status: e.status,
    alias: '',
    telephone: '',
    extattr: { attrs: [] as unknown[] },
    external_position: '',
    external_profile: { external_corp_name: '', external_attr: [] as unknown[] },
  }
}

/** user/list_id: one row per (user, department), opaque offset cursor (§11.3). */
function listIds(world: World, body: Record<string, unknown>) {
  const limit = optInt(body, 'limit', 1, 10000) ?? 1000
  const offset = decodeCursor(optString(body, 'cursor'), isNumber) ?? 0
  const rows = world.org.listEmployees().filter((e) => world.org.isVisible(e))
    .flatMap((e) => e.departments.map((department) => ({ userid: e.userid, department })))
  const page = rows.slice(offset, offset + limit)
  const next = offset + limit < rows.length ? encodeCursor(offset + limit) : ''
  return { next_cursor: next, dept_user: page }
}
