import { sql } from 'kysely'
import type { Executor } from '../../../db/database'
import type { CustomFieldType } from '../../../db/types'
import type { Scope } from '../../../http/actor'
import { inScope } from '../repo'
import type { ProfileState } from './values'

export const listFields = (db: Executor, corpId: string) =>
  db.selectFrom('customerField').selectAll().where('corpId', '=', corpId).orderBy('position').orderBy('createdAt').execute()

export const findField = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('customerField').selectAll().where('corpId', '=', corpId).where('id', '=', id).executeTakeFirst()

/** Live (not archived) fields among `ids`: what values and segment conditions may refer to. */
export const findLiveFields = (db: Executor, corpId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customerField').selectAll().where('corpId', '=', corpId).where('id', 'in', ids).where('archivedAt', 'is', null).execute()

export interface FieldRow { corpId: string; name: string; type: CustomFieldType; options: string[]; multiple: boolean; position: number }

/** undefined = the name is taken (unique per corp). */
export const insertField = (db: Executor, row: FieldRow) =>
  db.insertInto('customerField').values(row).onConflict((oc) => oc.columns(['corpId', 'name']).doNothing()).returningAll().executeTakeFirst()

export const updateField = (db: Executor, corpId: string, id: string, row: Omit<FieldRow, 'corpId'> & { archived: boolean }) =>
  db.updateTable('customerField')
    .set(({ name: row.name, type: row.type, options: row.options, multiple: row.multiple, position: row.position, updatedAt: sql`now()`,
      archivedAt: row.archived ? sql`coalesce(archived_at, now())` : null }))
    .where('corpId', '=', corpId).where('id', '=', id).returningAll().executeTakeFirst()

export const deleteField = (db: Executor, corpId: string, id: string) =>
  db.deleteFrom('customerField').where('corpId', '=', corpId).where('id', '=', id).execute()

export const fieldHasValues = async (db: Executor, corpId: string, id: string) =>
  !!await db.selectFrom('customer').select('id').where('corpId', '=', corpId).where(sql<boolean>`attributes ? ${id}`).limit(1).executeTakeFirst()

/** Does any customer hold `option` (containment uses customer_attributes_idx). */
export const optionInUse = async (db: Executor, corpId: string, field: { id: string; multiple: boolean }, option: string) =>
  !!await db.selectFrom('customer').select('id').where('corpId', '=', corpId)
    .where(sql<boolean>`attributes @> ${JSON.stringify({ [field.id]: field.multiple ? [option] : option })}::jsonb`).limit(1).executeTakeFirst()

export const namesInScope = (db: Executor, corpId: string, scope: Scope, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customer').select(['customer.id', 'customer.name']).where('customer.corpId', '=', corpId).where('customer.id', 'in', ids)
      .where((eb) => inScope(eb, scope)).execute()

const PROFILE = ['customer.id', 'customer.phone', 'customer.bankCustomerNo', 'customer.verified', 'customer.verifiedAt', 'customer.attributes'] as const

/** The profile columns of customers the actor may see, locked for the write that follows. */
export const lockProfiles = (db: Executor, corpId: string, scope: Scope, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('customer').select(PROFILE).where('customer.corpId', '=', corpId).where('customer.id', 'in', ids)
      .where((eb) => inScope(eb, scope)).orderBy('customer.id').forUpdate().execute()

/** New profile states, one UPDATE … FROM unnest for the whole batch. */
export const updateProfiles = (db: Executor, corpId: string, rows: (ProfileState & { id: string })[]) =>
  rows.length === 0 ? Promise.resolve() : sql`
    update customer set phone = u.phone, bank_customer_no = u.bank_customer_no, verified = u.verified, verified_at = u.verified_at,
      attributes = u.attributes, updated_at = now()
    from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.phone)}::text[], ${rows.map((r) => r.bankCustomerNo)}::text[],
      ${rows.map((r) => r.verified)}::boolean[], ${rows.map((r) => r.verifiedAt)}::timestamptz[], ${rows.map((r) => JSON.stringify(r.attributes))}::jsonb[])
      as u(id, phone, bank_customer_no, verified, verified_at, attributes)
    where customer.id = u.id and customer.corp_id = ${corpId}`.execute(db).then(() => undefined)

/** Timeline events for a batch of customers, one INSERT … SELECT unnest. */
export const insertEvents = (db: Executor, corpId: string, rows: { customerId: string; kind: string; data: unknown; dedupeKey: string | null; occurredAt: Date }[]) =>
  rows.length === 0 ? Promise.resolve() : sql`
    insert into customer_event (corp_id, customer_id, kind, data, dedupe_key, occurred_at)
    select ${corpId}, u.customer_id, u.kind, u.data, u.dedupe_key, u.occurred_at
    from unnest(${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => JSON.stringify(r.data))}::jsonb[],
      ${rows.map((r) => r.dedupeKey)}::text[], ${rows.map((r) => r.occurredAt)}::timestamptz[]) as u(customer_id, kind, data, dedupe_key, occurred_at)
    on conflict (corp_id, dedupe_key) do nothing`.execute(db).then(() => undefined)

export const customersByPhones = (db: Executor, corpId: string, scope: Scope, phones: string[]) =>
  db.selectFrom('customer').select(['customer.id', 'customer.phone'])
    .where('customer.corpId', '=', corpId).where('customer.phone', '=', (eb) => eb.fn.any(eb.val(phones))).where((eb) => inScope(eb, scope)).execute()

/** The ways an employee commonly types a mobile number into WeCom: with or without a country prefix, grouped 3-4-4. */
const typedForms = (phone: string) => {
  const bodies = [phone, `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`, `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`]
  return ['', '+86', '+86 ', '86', '0086'].flatMap((prefix) => bodies.map((b) => prefix + b))
}

/**
 * In-scope relations whose remark mobiles hold one of these phones. WeCom keeps them as the employee typed
 * them, so the common typed forms are looked up (one GIN lookup) and the caller normalises what comes back.
 */
export const relationsByRemarkMobiles = (db: Executor, corpId: string, scope: Scope, phones: string[]) =>
  db.selectFrom('customerFollow as f').innerJoin('customer', 'customer.id', 'f.customerId').select(['customer.id', 'f.remarkMobiles'])
    .where('f.corpId', '=', corpId).where((eb) => inScope(eb, scope))
    .where(sql<boolean>`f.remark_mobiles && ${phones.flatMap(typedForms)}::text[]`).execute()

export const customersByBankNos = (db: Executor, corpId: string, scope: Scope, bankNos: string[]) =>
  db.selectFrom('customer').select(['customer.id', 'customer.bankCustomerNo'])
    .where('customer.corpId', '=', corpId).where('customer.bankCustomerNo', '=', (eb) => eb.fn.any(eb.val(bankNos))).where((eb) => inScope(eb, scope)).execute()

/** Who holds these customer numbers, whatever the scope: a number is unique per corp, so a taken one must be refused (the holder is not shown). */
export const bankNoHolders = (db: Executor, corpId: string, bankNos: string[]) =>
  db.selectFrom('customer').select(['id', 'bankCustomerNo']).where('corpId', '=', corpId).where('bankCustomerNo', '=', (eb) => eb.fn.any(eb.val(bankNos))).execute()
