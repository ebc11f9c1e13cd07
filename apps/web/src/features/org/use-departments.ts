import { useMemo } from 'react'
import type { Department } from '../../api/types'
import { api, call } from '../../app/api'
import { useRequest } from '../../shared/use-request'

export type DepartmentNode = {
  key: number
  value: number
  title: string
  department: Department
  children: DepartmentNode[]
}

/** WeCom gives a flat list; parents missing from it (e.g. parentId 0) make roots. Larger `order` sorts first. */
export function buildDepartmentTree(departments: Department[]): DepartmentNode[] {
  const nodes = new Map<number, DepartmentNode>()
  for (const department of departments) {
    nodes.set(department.id, { key: department.id, value: department.id, title: department.name, department, children: [] })
  }
  const roots: DepartmentNode[] = []
  for (const node of nodes.values()) {
    const parent = nodes.get(node.department.parentId)
    if (parent && parent !== node) parent.children.push(node)
    else roots.push(node)
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => b.department.order - a.department.order || a.department.id - b.department.id)
    list.forEach((node) => sort(node.children))
  }
  sort(roots)
  return roots
}

/** `enabled` is false for roles without org.read (their pages show department ids instead of names). */
export function useDepartments(enabled = true) {
  const request = useRequest(() => call(api.GET('/api/org/departments')), [], { enabled })
  const items = request.data?.items
  const tree = useMemo(() => buildDepartmentTree(items ?? []), [items])
  const names = useMemo(() => new Map((items ?? []).map((d) => [d.id, d.name])), [items])
  return { ...request, items: items ?? [], tree, names }
}
