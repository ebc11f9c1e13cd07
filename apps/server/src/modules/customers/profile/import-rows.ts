import type { ImportMatchBy } from '../../../db/types'
import { profileError, type RowErrorCode } from './errors'
import type { ImportTable } from './import-file'
import { parseBankNo, parseCell, parsePhone, parseVerified, type FieldDef, type Parsed, type ProfileChanges } from './values'

/** Where a column goes: a built-in profile column or a custom field (`field:<id>`); null = ignored. */
export type Target = string | null
export interface RowError { code: RowErrorCode; column?: string }
export interface RowOutcome { rowNo: number; cells: string[]; customerId: string | null; changes: ProfileChanges; errors: RowError[] }

/** Customers the importing actor may see, found by key (phones → every matching customer). */
export interface Matchers {
  byPhone(phones: string[]): Promise<Map<string, string[]>>
  byBankNo(bankNos: string[]): Promise<Map<string, string>>
  /** Holders of customer numbers in the whole corp (numbers are unique per corp). */
  bankNoHolders(bankNos: string[]): Promise<Map<string, string>>
}

const ALIASES: Record<string, string[]> = {
  phone: ['手机号', '手机', '手机号码', '联系电话', 'phone', 'mobile'],
  bankCustomerNo: ['客户号', '客户编号', 'bank_customer_no', 'bankcustomerno', 'customer_no'],
  verified: ['已实名', '实名认证', '是否实名', 'verified'],
}
const norm = (h: string) => h.trim().toLowerCase().replace(/\s+/g, '')

/** A header the built-in columns answer to (a custom field may not take such a name). */
export const isBuiltInHeader = (h: string) => Object.values(ALIASES).some((names) => names.includes(norm(h)))

/** Columns mapped by header: the built-in aliases, then a header equal to a live field's name. Each target once. */
export function autoMap(headers: string[], fields: FieldDef[]): Target[] {
  const taken = new Set<string>()
  return headers.map((h) => {
    const key = norm(h)
    const target = Object.keys(ALIASES).find((t) => ALIASES[t]!.includes(key)) ?? fields.find((f) => norm(f.name) === key && key !== '')?.id
    const mapped = target && (ALIASES[target] ? target : `field:${target}`)
    if (!mapped || taken.has(mapped)) return null
    taken.add(mapped)
    return mapped
  })
}

/** Checks a mapping against the file and the live fields. */
export function checkMapping(headers: string[], mapping: Target[], matchBy: ImportMatchBy, fields: Map<string, FieldDef>) {
  const targets = mapping.filter((t): t is string => t !== null)
  if (mapping.length !== headers.length || new Set(targets).size !== targets.length
    || targets.some((t) => t.startsWith('field:') && !fields.has(t.slice(6)))) throw profileError('customers.import.bad_mapping')
  const keyColumn = mapping.indexOf(matchBy === 'phone' ? 'phone' : 'bankCustomerNo')
  if (keyColumn < 0) throw profileError('customers.import.no_key_column')
  return keyColumn
}

/** One row's cells → its key and changes; a bad cell is an error on its column, an empty one changes nothing. */
function parseRow(row: string[], headers: string[], mapping: Target[], keyColumn: number, fields: Map<string, FieldDef>) {
  const changes: ProfileChanges = {}
  const errors: RowError[] = []
  let key: string | undefined
  mapping.forEach((target, i) => {
    const cell = row[i]!
    if (target === null || cell === '') return
    const parsed: Parsed<unknown> = target === 'phone' ? parsePhone(cell) : target === 'bankCustomerNo' ? parseBankNo(cell)
      : target === 'verified' ? parseVerified(cell) : parseCell(fields.get(target.slice(6))!, cell)
    if (!parsed.ok) return errors.push({ code: parsed.code, column: headers[i] })
    if (i === keyColumn) key = parsed.value as string
    if (target.startsWith('field:')) (changes.attributes ??= {})[target.slice(6)] = parsed.value as never
    else if (i !== keyColumn || target === 'phone') Object.assign(changes, { [target]: parsed.value })
  })
  if (row[keyColumn] === '') errors.push({ code: 'missing_key', column: headers[keyColumn] })
  return { key, changes, errors }
}

const repeated = <T>(values: (T | undefined)[]) => {
  const seen = new Map<T, number>()
  for (const v of values) if (v !== undefined) seen.set(v, (seen.get(v) ?? 0) + 1)
  return (v: T | undefined) => v !== undefined && seen.get(v)! > 1
}

/** Every row's outcome: what it will change on which customer, or why it cannot. */
export async function rowOutcomes(table: ImportTable, plan: { matchBy: ImportMatchBy; mapping: Target[]; fields: Map<string, FieldDef> }, m: Matchers): Promise<RowOutcome[]> {
  const keyColumn = checkMapping(table.headers, plan.mapping, plan.matchBy, plan.fields)
  const keyHeader = table.headers[keyColumn]
  const parsed = table.rows.map((row) => parseRow(row, table.headers, plan.mapping, keyColumn, plan.fields))
  const keyRepeats = repeated(parsed.map((p) => p.key))
  const keys = [...new Set(parsed.flatMap((p) => p.key && !keyRepeats(p.key) ? [p.key] : []))]
  const byPhone = plan.matchBy === 'phone' ? await m.byPhone(keys) : new Map<string, string[]>()
  const byBankNo = plan.matchBy === 'bank_customer_no' ? await m.byBankNo(keys) : new Map<string, string>()
  const out = parsed.map(({ key, changes, errors }, i): RowOutcome => {
    let customerId: string | null = null
    if (key !== undefined && keyRepeats(key)) errors.push({ code: 'duplicate_key', column: keyHeader })
    else if (key !== undefined) {
      const found = plan.matchBy === 'phone' ? byPhone.get(key) ?? [] : byBankNo.has(key) ? [byBankNo.get(key)!] : []
      if (found.length === 1) customerId = found[0]!
      else errors.push({ code: found.length === 0 ? 'no_match' : 'ambiguous_phone', column: keyHeader })
    }
    return { rowNo: i + 1, cells: table.rows[i]!, customerId, changes, errors }
  })
  const customerRepeats = repeated(out.map((o) => o.customerId ?? undefined))
  for (const o of out) if (customerRepeats(o.customerId ?? undefined)) o.errors.push({ code: 'duplicate_customer', column: keyHeader })
  await checkNewBankNos(out, table.headers[plan.mapping.indexOf('bankCustomerNo')], m)
  return out
}

/** A customer number set by a row must be free (or already this customer's) and set by one row only. */
async function checkNewBankNos(out: RowOutcome[], column: string | undefined, m: Matchers) {
  const setting = out.filter((o) => o.changes.bankCustomerNo)
  if (setting.length === 0) return
  const holders = await m.bankNoHolders([...new Set(setting.map((o) => o.changes.bankCustomerNo!))])
  const repeats = repeated(setting.map((o) => o.changes.bankCustomerNo!))
  for (const o of setting) {
    const holder = holders.get(o.changes.bankCustomerNo!)
    if (repeats(o.changes.bankCustomerNo!)) o.errors.push({ code: 'duplicate_key', column })
    else if (holder && holder !== o.customerId) o.errors.push({ code: 'bank_no_taken', column })
  }
}
