import type { CustomFieldType } from '../../../db/types'
import type { RowErrorCode } from './errors'

/** Pure rules for profile values, shared by the profile edit and the import. */
export interface FieldDef { id: string; name: string; type: CustomFieldType; options: string[]; multiple: boolean }
export type FieldValue = string | number | string[]
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: RowErrorCode }

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const fail = (code: RowErrorCode): Parsed<never> => ({ ok: false, code })

export const TEXT_MAX = 500

/** Mainland mobile numbers: spaces, dashes, brackets and a +86 / 0086 / 86 prefix are dropped. */
export function normalizePhone(raw: string): string | undefined {
  const digits = raw.replace(/[\s\-()（）.]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '')
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined
}

export const parsePhone = (raw: string): Parsed<string> => { const p = normalizePhone(raw); return p ? ok(p) : fail('invalid_phone') }
export const parseBankNo = (raw: string): Parsed<string> => /^\S{1,64}$/.test(raw.trim()) ? ok(raw.trim()) : fail('invalid_bank_no')

const YES = new Set(['是', '已实名', '已认证', 'true', '1', 'y', 'yes']), NO = new Set(['否', '未实名', '未认证', 'false', '0', 'n', 'no'])
export function parseVerified(raw: string): Parsed<boolean> {
  const v = raw.trim().toLowerCase()
  return YES.has(v) ? ok(true) : NO.has(v) ? ok(false) : fail('invalid_verified')
}

/** A real calendar day in 'YYYY-MM-DD' (a file may also write 2026/3/5). */
export function parseDay(raw: string): Parsed<string> {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(raw.trim())
  if (!m) return fail('bad_date')
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
  const d = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(day) ? ok(day) : fail('bad_date')
}

/** A file's cell for a custom field (never empty: an empty cell changes nothing). Multi-select cells list options split by commas, 、 or |. */
export function parseCell(field: FieldDef, raw: string): Parsed<FieldValue> {
  const cell = raw.trim()
  switch (field.type) {
    case 'text': return cell.length <= TEXT_MAX ? ok(cell) : fail('text_too_long')
    case 'number': {
      const n = Number(cell.replace(/,/g, ''))
      return cell !== '' && Number.isFinite(n) ? ok(n) : fail('not_a_number')
    }
    case 'date': return parseDay(cell)
    case 'select': {
      const picked = field.multiple ? [...new Set(cell.split(/[,，;；、|]/).map((s) => s.trim()).filter(Boolean))] : [cell]
      if (picked.length === 0 || picked.some((p) => !field.options.includes(p))) return fail('unknown_option')
      return ok(field.multiple ? picked : picked[0]!)
    }
  }
}

/** A JSON value sent for a custom field (the profile edit): same rules, stricter shapes. */
export function checkValue(field: FieldDef, value: unknown): Parsed<FieldValue> {
  switch (field.type) {
    case 'text': return typeof value !== 'string' ? fail('text_too_long') : value.length <= TEXT_MAX ? ok(value) : fail('text_too_long')
    case 'number': return typeof value === 'number' && Number.isFinite(value) ? ok(value) : fail('not_a_number')
    case 'date': return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDay(value) : fail('bad_date')
    case 'select': {
      const picked = field.multiple ? value : [value]
      if (!Array.isArray(picked) || picked.some((p) => typeof p !== 'string' || !field.options.includes(p))) return fail('unknown_option')
      return ok(field.multiple ? [...new Set(picked as string[])] : picked[0] as string)
    }
  }
}

/** What an edit or an import row sets; absent keys are left alone, a null attribute clears the value. */
export interface ProfileChanges { phone?: string | null; bankCustomerNo?: string | null; verified?: boolean; attributes?: Record<string, FieldValue | null> }
export interface ProfileState { phone: string | null; bankCustomerNo: string | null; verified: boolean; verifiedAt: Date | null; attributes: Record<string, unknown> }
export interface Change { field: string; label: string; from: unknown; to: unknown }

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
const BUILT_IN_LABELS = { phone: '手机号', bankCustomerNo: '客户号', verified: '已实名' } as const

/** The customer's next state and the fields that really change (old → new), for the write and the timeline. */
export function applyChanges(current: ProfileState, changes: ProfileChanges, fields: Map<string, FieldDef>, now: Date) {
  const next: ProfileState = { ...current, attributes: { ...current.attributes } }
  const changed: Change[] = []
  for (const key of ['phone', 'bankCustomerNo', 'verified'] as const) {
    const to = changes[key]
    if (to === undefined || same(current[key], to)) continue
    changed.push({ field: key, label: BUILT_IN_LABELS[key], from: current[key], to })
    ;(next as unknown as Record<string, unknown>)[key] = to
  }
  if (next.verified !== current.verified) next.verifiedAt = next.verified ? now : null
  for (const [id, to] of Object.entries(changes.attributes ?? {})) {
    if (same(current.attributes[id], to)) continue
    changed.push({ field: id, label: fields.get(id)?.name ?? id, from: current.attributes[id] ?? null, to })
    if (to === null) delete next.attributes[id]
    else next.attributes[id] = to
  }
  return { next, changed }
}
