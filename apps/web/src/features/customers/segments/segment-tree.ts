import type { TagExpression } from '../../../api/types'

/**
 * The visual builder's model: nested groups of tag conditions. It maps onto the server's expression AST
 * (apps/server/src/modules/customers/segments/expression.ts): a group is `{ op: and|or, args }`, a condition
 * is `{ tag }`, and "does not have" / a negated group is wrapped in `{ op: 'not', args: [x] }`.
 */
export type Condition = { key: string; type: 'tag'; tagId?: string; negate: boolean }
export type Group = { key: string; type: 'group'; op: 'and' | 'or'; negate: boolean; children: BuilderNode[] }
export type BuilderNode = Condition | Group

let nextKey = 0
const key = () => `n${++nextKey}`

export const newCondition = (tagId?: string, negate = false): Condition => ({ key: key(), type: 'tag', tagId, negate })
export const newGroup = (op: Group['op'] = 'and', children: BuilderNode[] = [newCondition()]): Group =>
  ({ key: key(), type: 'group', op, negate: false, children })

const isLeaf = (e: TagExpression): e is { tag: string } => 'tag' in e

/** A saved expression → builder tree; the root is always a group so the builder has somewhere to add. */
export function fromExpression(expression: TagExpression | null | undefined): Group {
  if (!expression) return newGroup()
  const node = toNode(expression, false)
  return node.type === 'group' ? node : newGroup('and', [node])
}

function toNode(e: TagExpression, negate: boolean): BuilderNode {
  if (isLeaf(e)) return newCondition(e.tag, negate)
  if (e.op === 'not') return toNode(e.args[0]!, !negate)
  return { key: key(), type: 'group', op: e.op, negate, children: e.args.map((a) => toNode(a, false)) }
}

/**
 * Builder tree → expression. Conditions without a tag and groups left empty are skipped, so a half-built
 * tree still counts; `undefined` means no tag condition at all (filters only).
 */
export function toExpression(node: BuilderNode): TagExpression | undefined {
  let e: TagExpression | undefined
  if (node.type === 'tag') e = node.tagId ? { tag: node.tagId } : undefined
  else {
    const args = node.children.flatMap((c) => toExpression(c) ?? [])
    e = args.length === 0 ? undefined : args.length === 1 ? args[0] : { op: node.op, args }
  }
  return e && node.negate ? { op: 'not', args: [e] } : e
}

/** Whether a condition still lacks its tag (shown as a warning; it is left out of the count). */
export const hasIncomplete = (node: BuilderNode): boolean =>
  node.type === 'tag' ? !node.tagId : node.children.some(hasIncomplete)

/** Replaces the node with `key` (or removes it when `next` is null), returning a new tree. */
export function replaceNode(root: Group, target: string, next: BuilderNode | null): Group {
  const walk = (group: Group): Group => ({
    ...group,
    children: group.children.flatMap((child) => {
      if (child.key === target) return next ? [next] : []
      return child.type === 'group' ? [walk(child)] : [child]
    }),
  })
  return root.key === target && next?.type === 'group' ? next : walk(root)
}

const PRECEDENCE = { or: 1, and: 2, not: 3 } as const
const needsQuotes = (name: string) => /[\s()"'\\]/.test(name) || /^(and|or|not)$/i.test(name)

/** The text form, e.g. `(金卡 OR 白金) AND NOT 沉默`, with parentheses only where precedence needs them (as the server formats it). */
export function formatExpression(expression: TagExpression, nameOf: (tagId: string) => string): string {
  const leaf = (id: string) => {
    const name = nameOf(id)
    return needsQuotes(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name
  }
  const fmt = (e: TagExpression, parent: number): string => {
    if (isLeaf(e)) return leaf(e.tag)
    const own = PRECEDENCE[e.op]
    const text = e.op === 'not' ? `NOT ${fmt(e.args[0]!, own)}` : e.args.map((a) => fmt(a, own)).join(e.op === 'and' ? ' AND ' : ' OR ')
    return own < parent ? `(${text})` : text
  }
  return fmt(expression, 0)
}
