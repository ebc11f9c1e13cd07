import { drawName } from './demo-names'
import { createRng, type Rng } from './rng'
import type { Department, Employee } from './world/types'
import type { World } from './world/world'

export interface DemoBankOptions {
  seed?: number
  /** Departments below the root, 1..13; default 7 (five head-office departments and two branches). */
  departments?: number
  employees?: number // default 56
}

export interface DemoBank {
  departments: Department[]
  employees: Employee[]
  tagGroups: { id: string; name: string; tags: { id: string; name: string }[] }[]
}

interface DepartmentPlan {
  name: string
  parent: string | null // null = root
  head: string
  positions: string[]
}

const BRANCH_POSITIONS = ['客户经理', '理财经理', '大堂经理', '客户经理']
const branch = (name: string): DepartmentPlan => ({ name, parent: '零售银行部', head: '网点主任', positions: BRANCH_POSITIONS })

const PLAN: DepartmentPlan[] = [
  { name: '零售银行部', parent: null, head: '部门总经理', positions: ['客户经理', '理财经理', '产品经理'] },
  { name: '财富管理部', parent: null, head: '部门总经理', positions: ['理财经理', '私人银行家', '投资顾问'] },
  { name: '信用卡中心', parent: null, head: '中心主任', positions: ['信用卡专员', '客户经理', '分期业务专员'] },
  { name: '个人贷款部', parent: null, head: '部门总经理', positions: ['信贷经理', '贷款专员', '客户经理'] },
  { name: '网络金融部', parent: null, head: '部门总经理', positions: ['线上客户经理', '运营专员', '产品经理'] },
  branch('北京分行'),
  branch('上海分行'),
  ...['广州分行', '深圳分行', '杭州分行', '南京分行', '成都分行', '武汉分行'].map(branch),
]

const TAG_GROUPS = [
  { name: '客户等级', tags: ['普通', '金卡', '白金', '私行'] },
  { name: '兴趣', tags: ['理财', '基金', '信用卡', '贷款', '保险'] },
  { name: '生命周期', tags: ['新客', '活跃', '沉默'] },
]

/**
 * Seeds 示例银行: departments, employees with Chinese names and pinyin userids, and the corp tag groups an
 * admin would have created in WeCom. Deterministic for a seed; call once per world.
 */
export function seedDemoBank(world: World, opts: DemoBankOptions = {}): DemoBank {
  const rng = createRng(opts.seed ?? 1)
  const plan = PLAN.slice(0, Math.min(Math.max(opts.departments ?? 7, 1), PLAN.length))
  world.addDepartment({ id: 1, name: '示例银行', parentId: 0 })
  const ids = new Map<string, number>()
  const departments = plan.map((p, i) => {
    const parentId = p.parent === null ? 1 : (ids.get(p.parent) ?? 1)
    const dept = world.addDepartment({ id: i + 2, name: p.name, parentId, order: (plan.length - i) * 1000 })
    ids.set(p.name, dept.id)
    return dept
  })
  const employees = seedEmployees(world, rng, plan, departments, opts.employees ?? 56)
  const tagGroups = TAG_GROUPS.map((g, i) => world.addCorpTagGroup({ ...g, order: TAG_GROUPS.length - i }))
  return { departments, employees, tagGroups }
}

function seedEmployees(world: World, rng: Rng, plan: DepartmentPlan[], departments: Department[], count: number): Employee[] {
  const employees: Employee[] = []
  const taken = new Set(world.listEmployees().map((e) => e.userid.toLowerCase()))
  for (let i = 0; i < count; i++) {
    const slot = i % departments.length
    const dept = departments[slot] as Department
    const role = plan[slot] as DepartmentPlan
    const person = drawName(rng)
    let userid = person.pinyin
    for (let n = 2; taken.has(userid); n++) userid = `${person.pinyin}${n}`
    taken.add(userid)
    const position = i < departments.length ? role.head : rng.pick(role.positions)
    employees.push(world.addEmployee({ userid, name: person.name, departments: [dept.id], position }))
  }
  return employees
}
