import { simInvalid, simNotFound } from '../errors'
import type { Department, Employee, EmployeeStatus } from './types'

export interface NewDepartment {
  id: number
  name: string
  parentId: number
  order?: number
}

export interface NewEmployee {
  userid: string
  name: string
  departments: number[]
  position?: string
  status?: EmployeeStatus
  customerContact?: boolean
  /** Unix seconds when a member with status 5 left; the world fills in "now" when omitted. */
  dimissionTime?: number
}

const USERID = /^[A-Za-z0-9][A-Za-z0-9_\-@.]{0,63}$/ // CONTRACT-MORE §11.3
export const ROOT_DEPARTMENT_ID = 1

/** Everything the store holds, in insertion order (root included); the indexes are rebuilt from it. */
export interface OrgState {
  departments: Department[]
  employees: Employee[]
}

/** Departments (a tree under root 1) and employees, indexed by id, by parent and by department. */
export class OrgStore {
  private readonly departments = new Map<number, Department>()
  private readonly children = new Map<number, number[]>()
  private readonly employees = new Map<string, Employee>() // key: lower-cased userid (WeCom ignores case)
  private readonly members = new Map<number, Set<string>>()

  constructor(rootName: string) {
    this.departments.set(ROOT_DEPARTMENT_ID, { id: ROOT_DEPARTMENT_ID, name: rootName, parentId: 0, order: 100000000 })
  }

  /** Adds a department; id 1 always exists, so adding it again renames the root. */
  addDepartment(input: NewDepartment): Department {
    if (!Number.isInteger(input.id) || input.id < 1) throw simInvalid('department id must be a positive integer')
    if (!input.name || input.name.length > 32) throw simInvalid('department name must be 1..32 chars')
    const root = this.departments.get(ROOT_DEPARTMENT_ID)
    if (input.id === ROOT_DEPARTMENT_ID && root) {
      root.name = input.name
      if (input.order !== undefined) root.order = input.order
      return root
    }
    if (this.departments.has(input.id)) throw simInvalid(`department ${input.id} already exists`)
    if (!this.departments.has(input.parentId)) throw simNotFound('department', input.parentId)
    const dept: Department = { id: input.id, name: input.name, parentId: input.parentId, order: input.order ?? 0 }
    this.indexDepartment(dept)
    return dept
  }

  private indexDepartment(dept: Department): void {
    this.departments.set(dept.id, dept)
    if (dept.id === ROOT_DEPARTMENT_ID) return
    const siblings = this.children.get(dept.parentId) ?? []
    siblings.push(dept.id)
    this.children.set(dept.parentId, siblings)
  }

  findDepartment(id: number): Department | undefined {
    return this.departments.get(id)
  }

  listDepartments(): Department[] {
    return [...this.departments.values()]
  }

  /** The department and all its descendants, parents before children, siblings by order desc (bigger first). */
  subtree(id: number): Department[] {
    const start = this.departments.get(id)
    if (!start) return []
    const out: Department[] = []
    const queue = [start]
    for (let dept = queue.shift(); dept; dept = queue.shift()) {
      out.push(dept)
      const kids = (this.children.get(dept.id) ?? []).map((k) => this.departments.get(k)).filter((d) => d !== undefined)
      queue.push(...kids.sort((a, b) => b.order - a.order))
    }
    return out
  }

  addEmployee(input: NewEmployee): Employee {
    if (!USERID.test(input.userid)) throw simInvalid(`invalid userid ${input.userid}`)
    if (this.employees.has(input.userid.toLowerCase())) throw simInvalid(`employee ${input.userid} already exists`)
    if (!input.name) throw simInvalid('employee name is required')
    if (input.departments.length === 0) throw simInvalid('an employee needs at least one department')
    for (const id of input.departments) if (!this.departments.has(id)) throw simNotFound('department', id)
    const employee: Employee = {
      userid: input.userid,
      name: input.name,
      departments: [...input.departments],
      position: input.position ?? '',
      status: input.status ?? 1,
      customerContact: input.customerContact ?? true,
      ...(input.status === 5 && input.dimissionTime !== undefined ? { dimissionTime: input.dimissionTime } : {}),
    }
    this.indexEmployee(employee)
    return employee
  }

  /** Changes a member's status; leaving (5) records `dimissionTime` (Unix seconds), coming back clears it. */
  setStatus(userid: string, status: EmployeeStatus, nowSec: number): Employee {
    const employee = this.findEmployee(userid)
    if (!employee) throw simNotFound('employee', userid)
    if (![1, 2, 4, 5].includes(status)) throw simInvalid('status must be 1, 2, 4 or 5')
    if (status === 5 && employee.status !== 5) employee.dimissionTime = nowSec
    if (status !== 5) delete employee.dimissionTime
    employee.status = status
    return employee
  }

  private indexEmployee(employee: Employee): void {
    this.employees.set(employee.userid.toLowerCase(), employee)
    for (const id of employee.departments) {
      const set = this.members.get(id) ?? new Set<string>()
      set.add(employee.userid.toLowerCase())
      this.members.set(id, set)
    }
  }

  exportState(): OrgState {
    return { departments: this.listDepartments(), employees: this.listEmployees() }
  }

  /** Replaces the whole org (the root too) with `state`; the objects are taken over, not copied. */
  importState(state: OrgState): void {
    for (const map of [this.departments, this.children, this.employees, this.members]) map.clear()
    for (const dept of state.departments) this.indexDepartment(dept)
    for (const employee of state.employees) this.indexEmployee(employee)
  }

  /** Case-insensitive, like WeCom's userid matching (CONTRACT-MORE §11.3). */
  findEmployee(userid: string): Employee | undefined {
    return this.employees.get(userid.toLowerCase())
  }

  listEmployees(): Employee[] {
    return [...this.employees.values()]
  }

  /** Members directly in `departmentId`, or in its whole subtree when `recursive`. */
  employeesIn(departmentId: number, recursive: boolean): Employee[] {
    const ids = recursive ? this.subtree(departmentId).map((d) => d.id) : [departmentId]
    const seen = new Set<string>()
    const out: Employee[] = []
    for (const id of ids) {
      for (const key of this.members.get(id) ?? []) {
        const employee = this.employees.get(key)
        if (employee && !seen.has(key)) {
          seen.add(key)
          out.push(employee)
        }
      }
    }
    return out
  }

  /** Who WeCom sees as an employee right now: members who left (status 5) are gone from contacts. */
  isVisible(employee: Employee): boolean {
    return employee.status !== 5
  }

  /** Can take customers: activated with customer contact enabled (CONTRACT §3.3, 41054). */
  canServeCustomers(employee: Employee): boolean {
    return employee.status === 1 && employee.customerContact
  }

  get departmentCount(): number {
    return this.departments.size
  }

  get employeeCount(): number {
    return this.employees.size
  }
}
