import { describe, expect, it } from 'vitest'
import { checkLimits, formatExpression, mapLeaves, parseExpression, toQueryInt, type NamedExpr, type TagExpr } from './expression'

/** The parse tree with names only, to compare shapes. */
const shape = (text: string) => mapLeaves(parseExpression(text), (l) => ({ tag: l.name }))
const t = (tag: string) => ({ tag })

function errorOf(run: () => unknown) {
  try {
    run()
  } catch (err) {
    return err as { code: string; status: number; details: Record<string, unknown> }
  }
  throw new Error('expected an error')
}

describe('parseExpression', () => {
  it('reads a single tag', () => {
    expect(parseExpression('理财')).toEqual({ name: '理财', position: 0 })
  })

  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(shape('a OR b AND NOT c')).toEqual({ op: 'or', args: [t('a'), { op: 'and', args: [t('b'), { op: 'not', args: [t('c')] }] }] })
    expect(shape('NOT a AND b')).toEqual({ op: 'and', args: [{ op: 'not', args: [t('a')] }, t('b')] })
  })

  it('lets parentheses override precedence and flattens chains of one operator', () => {
    expect(shape('(金卡 OR 白金) AND 理财 AND NOT 沉默')).toEqual({
      op: 'and', args: [{ op: 'or', args: [t('金卡'), t('白金')] }, t('理财'), { op: 'not', args: [t('沉默')] }],
    })
    expect(shape('a or b or c')).toEqual({ op: 'or', args: [t('a'), t('b'), t('c')] })
  })

  it('nests, negates groups and double negations, in any keyword case', () => {
    expect(shape('not (a and (b or not not c))')).toEqual({
      op: 'not', args: [{ op: 'and', args: [t('a'), { op: 'or', args: [t('b'), { op: 'not', args: [{ op: 'not', args: [t('c')] }] }] }] }],
    })
    expect(shape('((a))')).toEqual(t('a'))
  })

  it('takes quoted names: spaces, keywords, parentheses and escaped quotes', () => {
    expect(parseExpression('"高 净值" AND \'OR\' AND "a\\"(b)"')).toEqual({
      op: 'and', args: [{ name: '高 净值', position: 0 }, { name: 'OR', position: 11 }, { name: 'a"(b)', position: 20 }],
    })
  })

  it('records where each tag starts', () => {
    const leaves = (parseExpression('  金卡 AND  (白金 OR 理财)') as Extract<NamedExpr, { op: string }>).args
    expect(leaves[0]).toEqual({ name: '金卡', position: 2 })
    expect((leaves[1] as Extract<NamedExpr, { op: string }>).args).toEqual([{ name: '白金', position: 11 }, { name: '理财', position: 17 }])
  })

  it.each([
    ['', 0, ['tag', '(', 'NOT'], 'end'],
    ['   ', 3, ['tag', '(', 'NOT'], 'end'],
    ['金卡 AND', 6, ['tag', '(', 'NOT'], 'end'],
    ['金卡 理财', 3, ['AND', 'OR', 'end'], '理财'],
    ['(金卡 OR 白金', 9, [')', 'AND', 'OR'], 'end'],
    ['(金卡 OR 白金 理财)', 10, [')', 'AND', 'OR'], '理财'],
    ['金卡)', 2, ['AND', 'OR', 'end'], ')'],
    ['AND 金卡', 0, ['tag', '(', 'NOT'], 'AND'],
    ['金卡 AND OR 白金', 7, ['tag', '(', 'NOT'], 'OR'],
    ['NOT', 3, ['tag', '(', 'NOT'], 'end'],
    ['()', 1, ['tag', '(', 'NOT'], ')'],
    ['金卡 AND "沉默', 7, ['closing quote'], 'end'],
    ['"" OR a', 0, ['tag name'], '""'],
  ])('rejects %j at %i', (text, position, expected, found) => {
    const err = errorOf(() => parseExpression(text))
    expect(err.code).toBe('customers.segment.invalid_expression')
    expect(err.status).toBe(400)
    expect(err.details).toEqual({ position, expected, found })
  })

  it('refuses absurd nesting without exhausting the stack', () => {
    const err = errorOf(() => parseExpression('('.repeat(10_000) + 'a' + ')'.repeat(10_000)))
    expect(err.code).toBe('customers.segment.too_complex')
    expect(err.details).toMatchObject({ limit: 'depth', position: 64 })
  })
})

describe('checkLimits', () => {
  const nested = (depth: number): TagExpr => depth === 0 ? t('x') : { op: 'not', args: [nested(depth - 1)] }

  it('allows 10 nested operators and 100 tags, not more', () => {
    expect(() => checkLimits(nested(10))).not.toThrow()
    expect(errorOf(() => checkLimits(nested(11)))).toMatchObject({ code: 'customers.segment.too_complex', status: 422, details: { limit: 'depth', max: 10 } })
    const wide = (n: number): TagExpr => ({ op: 'or', args: Array.from({ length: n }, (_, i) => t(`t${i}`)) })
    expect(() => checkLimits(wide(100))).not.toThrow()
    expect(errorOf(() => checkLimits(wide(101)))).toMatchObject({ details: { limit: 'terms', max: 100 } })
  })

  it('points the text form at the tag beyond the limit', () => {
    const text = Array.from({ length: 101 }, (_, i) => `t${String(i).padStart(3, '0')}`).join(' OR ')
    const err = errorOf(() => checkLimits(parseExpression(text), (l) => l.position))
    expect(err.details).toEqual({ limit: 'terms', max: 100, position: 100 * 8 })
  })
})

describe('formatExpression and toQueryInt', () => {
  const names: Record<string, string> = { a: '金卡', b: '白金', c: '理财', d: '沉默 客户', e: 'not' }
  const expr: TagExpr = { op: 'and', args: [{ op: 'or', args: [t('a'), t('b')] }, t('c'), { op: 'not', args: [{ op: 'or', args: [t('d'), t('e')] }] }] }

  it('writes the text form with parentheses only where needed and quotes where needed', () => {
    expect(formatExpression(expr, (id) => names[id]!)).toBe('(金卡 OR 白金) AND 理财 AND NOT ("沉默 客户" OR "not")')
  })

  it('round-trips through the parser', () => {
    const text = formatExpression(expr, (id) => names[id]!)
    const byName = Object.fromEntries(Object.entries(names).map(([id, name]) => [name, id]))
    expect(mapLeaves(parseExpression(text), (l) => t(byName[l.name]!))).toEqual(expr)
  })

  it('compiles to an intarray query over tag sequence numbers', () => {
    const seq: Record<string, number> = { a: 1, b: 2, c: 3, d: 4, e: 5 }
    expect(toQueryInt(expr, (id) => seq[id]!)).toBe('(1 | 2) & 3 & !(4 | 5)')
    expect(toQueryInt({ op: 'not', args: [{ op: 'not', args: [t('a')] }] }, (id) => seq[id]!)).toBe('!!1')
  })
})
