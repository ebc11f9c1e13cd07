import { segmentsError } from './errors'

/**
 * Boolean expressions over tags. The JSON form references tags by id (what is stored and what the visual
 * builder sends); the text form by name, e.g. `(金卡 OR 白金) AND 理财 AND NOT "沉默 客户"`.
 * Precedence: NOT binds tighter than AND, AND tighter than OR; keywords in any case.
 */
export type Expr<Leaf> = { op: 'and' | 'or'; args: Expr<Leaf>[] } | { op: 'not'; args: [Expr<Leaf>] } | Leaf
export type TagExpr = Expr<{ tag: string }>
/** A parsed text form: leaves are tag names with where they start in the text. */
export type NamedExpr = Expr<{ name: string; position: number }>

export const MAX_DEPTH = 10
export const MAX_TERMS = 100
/** Guards the recursive descent against absurd nesting before the limits above are checked on the tree. */
const MAX_PARSE_NESTING = 64

export const isLeaf = <L extends object>(e: Expr<L>): e is L => !('op' in e)

type TokenKind = 'name' | '(' | ')' | 'and' | 'or' | 'not' | 'end'
interface Token { kind: TokenKind; text: string; position: number }

const invalid = (position: number, expected: string[], found: string) =>
  segmentsError('customers.segment.invalid_expression', { position, expected, found })

/** A quoted name: "…" or '…', with \ escaping the next character. Returns the name and the index after it. */
function readQuoted(text: string, start: number): [string, number] {
  const quote = text[start]!
  let name = ''
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!
    if (c === quote) {
      if (!name) throw invalid(start, ['tag name'], quote + quote)
      return [name, i + 1]
    }
    if (c === '\\' && i + 1 < text.length) i++
    name += text[i]
  }
  throw invalid(start, ['closing quote'], 'end')
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (/\s/.test(c)) { i++; continue }
    if (c === '(' || c === ')') { tokens.push({ kind: c, text: c, position: i++ }); continue }
    if (c === '"' || c === "'") {
      const [name, end] = readQuoted(text, i)
      tokens.push({ kind: 'name', text: name, position: i })
      i = end
      continue
    }
    const start = i
    while (i < text.length && !/[\s()"']/.test(text[i]!)) i++
    const word = text.slice(start, i)
    const keyword = word.toLowerCase()
    tokens.push({ kind: keyword === 'and' || keyword === 'or' || keyword === 'not' ? keyword : 'name', text: word, position: start })
  }
  tokens.push({ kind: 'end', text: '', position: text.length })
  return tokens
}

/**
 * Parses the text form. Errors carry the position (index into the text) and what was expected there:
 * `customers.segment.invalid_expression` { position, expected, found }.
 */
export function parseExpression(text: string): NamedExpr {
  const tokens = tokenize(text)
  let at = 0
  let nesting = 0
  const peek = () => tokens[at]!
  const fail = (expected: string[]): never => {
    const t = peek()
    throw invalid(t.position, expected, t.kind === 'end' ? 'end' : t.text)
  }
  const deeper = <T>(t: Token, parse: () => T): T => {
    if (++nesting > MAX_PARSE_NESTING) throw tooComplex('depth', t.position)
    const result = parse()
    nesting--
    return result
  }
  const chain = (op: 'and' | 'or', operand: () => NamedExpr) => (): NamedExpr => {
    const args = [operand()]
    while (peek().kind === op) { at++; args.push(operand()) }
    return args.length === 1 ? args[0]! : { op, args }
  }
  const unary = (): NamedExpr => {
    const t = peek()
    if (t.kind === 'name') { at++; return { name: t.text, position: t.position } }
    if (t.kind === 'not') { at++; return deeper(t, () => ({ op: 'not', args: [unary()] })) }
    if (t.kind !== '(') return fail(['tag', '(', 'NOT'])
    at++
    const inner = deeper(t, or)
    if (peek().kind !== ')') fail([')', 'AND', 'OR'])
    at++
    return inner
  }
  const and = chain('and', unary)
  const or = chain('or', and)
  const expr = or()
  if (peek().kind !== 'end') fail(['AND', 'OR', 'end'])
  return expr
}

function tooComplex(limit: 'depth' | 'terms', position?: number) {
  return segmentsError('customers.segment.too_complex', { limit, max: limit === 'depth' ? MAX_DEPTH : MAX_TERMS, ...(position === undefined ? {} : { position }) })
}

/** At most MAX_TERMS tag references and MAX_DEPTH nested operators; the text form's errors point at the offending tag. */
export function checkLimits<L extends object>(expr: Expr<L>, positionOf: (leaf: L) => number | undefined = () => undefined) {
  let terms = 0
  const firstLeaf = (e: Expr<L>): L => isLeaf(e) ? e : firstLeaf(e.args[0]!)
  const walk = (e: Expr<L>, depth: number): void => {
    if (isLeaf(e)) {
      if (++terms > MAX_TERMS) throw tooComplex('terms', positionOf(e))
      return
    }
    if (depth >= MAX_DEPTH) throw tooComplex('depth', positionOf(firstLeaf(e)))
    for (const arg of e.args) walk(arg, depth + 1)
  }
  walk(expr, 0)
}

/** The leaves, in order. */
export function leavesOf<L extends object>(expr: Expr<L>): L[] {
  return isLeaf(expr) ? [expr] : expr.args.flatMap((a) => leavesOf(a))
}

/** Same shape, other leaves. */
export function mapLeaves<A extends object, B extends object>(expr: Expr<A>, f: (leaf: A) => B): Expr<B> {
  if (isLeaf(expr)) return f(expr)
  return expr.op === 'not' ? { op: 'not', args: [mapLeaves(expr.args[0], f)] } : { op: expr.op, args: expr.args.map((a) => mapLeaves(a, f)) }
}

const PRECEDENCE = { or: 1, and: 2, not: 3 } as const
const needsQuotes = (name: string) => /[\s()"'\\]/.test(name) || /^(and|or|not)$/i.test(name)

/** The text form, with names; parses back to the same expression (parentheses only where precedence needs them). */
export function formatExpression(expr: TagExpr, nameOf: (tagId: string) => string): string {
  const leaf = (id: string) => {
    const name = nameOf(id)
    return needsQuotes(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name
  }
  const fmt = (e: TagExpr, parent: number): string => {
    if (isLeaf(e)) return leaf(e.tag)
    const own = PRECEDENCE[e.op]
    const text = e.op === 'not' ? `NOT ${fmt(e.args[0], own)}` : e.args.map((a) => fmt(a, own)).join(e.op === 'and' ? ' AND ' : ' OR ')
    return own < parent ? `(${text})` : text
  }
  return fmt(expr, 0)
}

/** intarray's boolean query over tag sequence numbers: `1 & (2 | 3) & !4`. */
export function toQueryInt(expr: TagExpr, seqOf: (tagId: string) => number): string {
  const q = (e: TagExpr): string => {
    if (isLeaf(e)) return String(seqOf(e.tag))
    if (e.op === 'not') return `!${group(e.args[0])}`
    return e.args.map(group).join(e.op === 'and' ? ' & ' : ' | ')
  }
  const group = (e: TagExpr) => isLeaf(e) || e.op === 'not' ? q(e) : `(${q(e)})`
  return q(expr)
}
