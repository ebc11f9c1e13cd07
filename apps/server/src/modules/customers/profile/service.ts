import type { Database, Executor } from '../../../db/database'
import type { Actor } from '../../../http/actor'
import { customersError } from '../errors'
import { profileError } from './errors'
import { isBuiltInHeader } from './import-rows'
import * as repo from './repo'
import type { FieldBody, FieldUpdate, ProfileBody } from './schema'
import { applyChanges, checkValue, parseBankNo, parsePhone, type FieldDef, type FieldValue, type ProfileChanges } from './values'

export interface ProfileDeps { db: Database; clock: () => Date }
export type ProfileService = ReturnType<typeof createProfileService>
type FieldRecord = Awaited<ReturnType<typeof repo.listFields>>[number]

const view = ({ archivedAt, corpId: _c, ...f }: FieldRecord) => ({ ...f, archived: archivedAt !== null })

/** Only select fields keep options; they are trimmed of duplicates. */
function normalizeField(body: FieldBody) {
  if (isBuiltInHeader(body.name)) throw profileError('customers.field.name_reserved')
  const isSelect = body.type === 'select'
  const options = isSelect ? [...new Set(body.options)] : []
  if (isSelect && options.length === 0) throw profileError('customers.field.options_required')
  return { ...body, options, multiple: isSelect && body.multiple }
}

/** The live fields of the corp, by id: what values are checked against. */
export async function liveFieldMap(ex: Executor, corpId: string, ids?: string[]): Promise<Map<string, FieldDef>> {
  const rows = ids ? await repo.findLiveFields(ex, corpId, ids) : (await repo.listFields(ex, corpId)).filter((f) => !f.archivedAt)
  return new Map(rows.map((f) => [f.id, f]))
}

export function createProfileService(deps: ProfileDeps) {
  const { db } = deps

  /** A body's values checked against the fields, phones normalised; the first bad one is refused with its field. */
  async function changesOf(tx: Executor, corpId: string, customerId: string, body: ProfileBody): Promise<{ changes: ProfileChanges; fields: Map<string, FieldDef> }> {
    const ids = Object.keys(body.attributes ?? {})
    const fields = await liveFieldMap(tx, corpId, ids)
    const unknown = ids.filter((id) => !fields.has(id))
    if (unknown.length) throw profileError('customers.profile.unknown_field', { fieldIds: unknown })
    const attributes: Record<string, FieldValue | null> = {}
    for (const [id, value] of Object.entries(body.attributes ?? {})) {
      const checked = value === null ? null : checkValue(fields.get(id)!, value)
      if (checked && !checked.ok) throw profileError('customers.profile.invalid_value', { field: id, code: checked.code })
      attributes[id] = checked && checked.value
    }
    const changes: ProfileChanges = { attributes }
    for (const [key, parse] of [['phone', parsePhone], ['bankCustomerNo', parseBankNo]] as const) {
      const raw = body[key]
      if (raw === undefined || raw === null || raw === '') { if (raw !== undefined) changes[key] = null; continue }
      const parsed = parse(raw)
      if (!parsed.ok) throw profileError('customers.profile.invalid_value', { field: key, code: parsed.code })
      changes[key] = parsed.value
    }
    if (changes.bankCustomerNo) {
      const holder = (await repo.bankNoHolders(tx, corpId, [changes.bankCustomerNo]))[0]
      if (holder && holder.id !== customerId) throw profileError('customers.profile.bank_no_taken')
    }
    return { changes, fields }
  }

  async function getField(ex: Executor, corpId: string, id: string) {
    const row = await repo.findField(ex, corpId, id)
    if (!row) throw profileError('customers.field.not_found')
    return row
  }

  return {
    async listFields(actor: Actor, includeArchived: boolean) {
      const rows = await repo.listFields(db, actor.corpId)
      return { items: rows.filter((f) => includeArchived || !f.archivedAt).map(view) }
    },

    async createField(actor: Actor, body: FieldBody) {
      const row = await repo.insertField(db, { corpId: actor.corpId, ...normalizeField(body) })
      if (!row) throw profileError('customers.field.name_taken')
      return view(row)
    },

    /** Type and multi-select are locked once customers hold values; an option in use cannot be removed. */
    async updateField(actor: Actor, id: string, body: FieldUpdate) {
      const next = { ...normalizeField(body), archived: body.archived }
      return db.transaction().execute(async (tx) => {
        const current = await getField(tx, actor.corpId, id)
        const other = (await repo.listFields(tx, actor.corpId)).find((f) => f.name === next.name && f.id !== id)
        if (other) throw profileError('customers.field.name_taken')
        if ((current.type !== next.type || current.multiple !== next.multiple) && await repo.fieldHasValues(tx, actor.corpId, id)) throw profileError('customers.field.type_locked')
        for (const option of current.options.filter((o) => !next.options.includes(o))) {
          if (current.type === 'select' && await repo.optionInUse(tx, actor.corpId, current, option)) throw profileError('customers.field.option_in_use', { option })
        }
        return view((await repo.updateField(tx, actor.corpId, id, next))!)
      })
    },

    /** Deleting drops the definition; a field customers hold values for is archived instead (hidden, values kept). */
    async deleteField(actor: Actor, id: string) {
      await getField(db, actor.corpId, id)
      if (await repo.fieldHasValues(db, actor.corpId, id)) throw profileError('customers.field.has_values')
      await repo.deleteField(db, actor.corpId, id)
    },

    /** An edit from the profile page: only customers in the actor's scope; each edit is a timeline event listing old → new. */
    async updateProfile(actor: Actor, customerId: string, body: ProfileBody) {
      return db.transaction().execute(async (tx) => {
        const [current] = await repo.lockProfiles(tx, actor.corpId, actor.scope, [customerId])
        if (!current) throw customersError('customers.customer.not_found')
        const { changes, fields } = await changesOf(tx, actor.corpId, customerId, body)
        const { next, changed } = applyChanges(current, changes, fields, deps.clock())
        if (changed.length) {
          await repo.updateProfiles(tx, actor.corpId, [{ ...next, id: customerId }])
          await repo.insertEvents(tx, actor.corpId, [{ customerId, kind: 'profile_updated', data: { by: actor.username, changes: changed }, dedupeKey: null, occurredAt: deps.clock() }])
        }
        return { ...next, changes: changed }
      })
    },
  }
}
