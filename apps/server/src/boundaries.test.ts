import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..', '..', '..')
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f)
  return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : []
})
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'([^']+)'/g)].map((m) => m[1]!)

/** Which module owns which table (DESIGN: a module owns its tables; others go through its index.ts). */
const OWNER: Record<string, string[]> = {
  org: ['corp', 'department', 'employee', 'admin_user', 'admin_session'],
  customers: ['customer', 'customer_follow', 'customer_tag', 'customer_event', 'customer_loss', 'customer_loss_alert', 'customer_sync_run', 'customer_transfer',
    'customer_external_id', 'customer_field', 'customer_import', 'customer_import_row', 'customer_note', 'customer_export_log',
    'customer_tag_job', 'customer_tag_job_failure', 'customer_tag_rule', 'customer_mark_pace', 'customer_tag_push', 'customer_profile_fill_usage',
    'tag', 'tag_group', 'segment', 'segment_member', 'segment_bitmap', 'segment_bitmap_dirty'],
  acquisition: ['live_code', 'live_code_employee', 'live_code_add', 'welcome_send'],
  fission: ['fission_activity', 'fission_tier', 'fission_participant', 'fission_help', 'fission_completion', 'fission_stock_ledger', 'fission_audit', 'fission_blacklist'],
  wecom: ['inbox_event', 'wecom_token'],
}
/**
 * Reads across a boundary, each with its reason. The segment bitmaps' chunk rebuild is one SQL statement per
 * 65,536 customers that needs each follower's departments and the department tree (D9); going through org's
 * service would ship every follow row to Node and back.
 */
const READS: Record<string, string[]> = { 'apps/server/src/modules/customers/segments/bitmaps/repo.ts': ['employee', 'department'] }
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const ALL_TABLES = Object.values(OWNER).flat()

function tablesNamed(source: string): Set<string> {
  const found = new Set<string>()
  const ctes = new Set([...source.matchAll(/\.with\('([a-zA-Z]+)'/g)].map((m) => snake(m[1]!)))
  for (const m of source.matchAll(/(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin)\('([a-zA-Z]+)/g)) if (!ctes.has(snake(m[1]!))) found.add(snake(m[1]!))
  for (const m of source.matchAll(/\b(?:from|into|update|join)\s+([a-z_]+)\b/g)) if (ALL_TABLES.includes(m[1]!)) found.add(m[1]!)
  return found
}

describe('module boundaries', () => {
  it('modules import each other only through index.ts', () => {
    const modules = resolve(ROOT, 'apps/server/src/modules')
    const moduleOf = (path: string) => relative(modules, path).split(sep)[0]!
    const offenders = files(modules).filter((f) => !f.endsWith('.test.ts')).flatMap((f) => importsOf(f)
      .filter((i) => i.startsWith('.'))
      .map((i) => ({ i, target: resolve(dirname(f), i) }))
      .filter(({ target }) => target.startsWith(modules + sep) && moduleOf(target) !== moduleOf(f))
      .filter(({ target }) => relative(modules, target).split(sep).length > 1 && !target.endsWith(`${sep}index`))
      .map(({ i }) => `${relative(ROOT, f)} → ${i}`))
    expect(offenders).toEqual([])
  })

  it('a repo names only its own module\'s tables', () => {
    const dirs: [string, string][] = [...Object.keys(OWNER).filter((m) => m !== 'wecom').map((m) => [m, `apps/server/src/modules/${m}`] as [string, string]), ['wecom', 'apps/server/src/wecom']]
    const offenders = dirs.flatMap(([module, dir]) => files(resolve(ROOT, dir)).filter((f) => /repo\.ts$/.test(f)).flatMap((f) =>
      [...tablesNamed(readFileSync(f, 'utf8'))].filter((t) => !OWNER[module]!.includes(t) && !READS[relative(ROOT, f)]?.includes(t)).map((t) => `${relative(ROOT, f)} uses ${t}`)))
    expect(offenders).toEqual([])
  })

  it('packages/wecom and packages/wecom-sim depend on nothing in the repo, nor on each other', () => {
    for (const [pkg, forbidden] of [['wecom', /@pond\/|apps\/|wecom-sim/], ['wecom-sim', /@pond\/|apps\/|packages\/wecom\b/]] as const) {
      const offenders = files(resolve(ROOT, 'packages', pkg, 'src')).flatMap((f) => importsOf(f).filter((i) => forbidden.test(i)).map((i) => `${relative(ROOT, f)} → ${i}`))
      expect(offenders).toEqual([])
      const manifest = JSON.parse(readFileSync(resolve(ROOT, 'packages', pkg, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
      expect(Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@pond/'))).toEqual([])
    }
  })
})
