import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { Executor } from '../../../db/database'
import type { CustomFieldType, DB } from '../../../db/types'
import type { Scope } from '../../../http/actor'
import { inScope } from '../repo'

/** Who is in a segment, as SQL conditions on `customer`. */
export interface Audience {
  corpId: string
  /** The actor's data scope: always applied. */
  scope: Scope
  /** intarray boolean query over tag seqs (`1 & (2 | 3) & !4`); null = no tag condition. */
  tagQuery: string | null
  liveCodeIds?: string[]
  followerIds?: string[]
  departmentEmployeeIds?: string[]
  addedFrom?: Date
  addedTo?: Date
  verified?: boolean
  /** First added before / since this instant (relative-day filters resolved by the service). */
  addedBefore?: Date
  addedSince?: Date
  /** Last activity (or, never active, the first add) before this instant. */
  inactiveSince?: Date
  activeSince?: Date
  fields?: AudienceFieldCondition[]
}

/** A custom-field condition with its field's type (checked by the service); relative days already resolved to dates. */
export type AudienceFieldCondition = { fieldId: string; type: CustomFieldType; multiple: boolean } & (
  | { op: 'eq'; value: string | number } | { op: 'contains'; value: string } | { op: 'empty' | 'not_empty' }
  | { op: 'gt' | 'gte' | 'lt' | 'lte'; value: number } | { op: 'between'; value: [number, number] | [string, string] }
  | { op: 'before' | 'after'; value: string } | { op: 'in' | 'not_in'; value: string[] })

const COMPARE = { gt: '>', gte: '>=', lt: '<', lte: '<=', before: '<', after: '>' } as const

/**
 * customer.attributes holds values by field id: equality and options are jsonb containment (customer_attributes_idx),
 * numbers compare as numeric, days as 'YYYY-MM-DD' text in byte order.
 */
function fieldCondition(eb: ExpressionBuilder<DB, 'customer'>, c: AudienceFieldCondition): Expression<SqlBool> {
  const has = (v: unknown) => sql<boolean>`customer.attributes @> ${JSON.stringify({ [c.fieldId]: v })}::jsonb`
  const text = sql`(customer.attributes ->> ${c.fieldId}) collate "C"`
  const num = sql`case when jsonb_typeof(customer.attributes -> ${c.fieldId}) = 'number' then (customer.attributes ->> ${c.fieldId})::numeric end`
  const scalar = c.type === 'number' ? num : text
  switch (c.op) {
    case 'eq': return has(c.value)
    case 'contains': return sql<boolean>`${text} ilike ${`%${c.value.replace(/[\\%_]/g, '\\$&')}%`}`
    case 'empty': return sql<boolean>`coalesce(customer.attributes ->> ${c.fieldId}, '') in ('', '[]')`
    case 'not_empty': return sql<boolean>`coalesce(customer.attributes ->> ${c.fieldId}, '') not in ('', '[]')`
    case 'between': return sql<boolean>`${scalar} between ${c.value[0]} and ${c.value[1]}`
    case 'in': return eb.or(c.value.map((v) => has(c.multiple ? [v] : v)))
    case 'not_in': return eb.not(eb.or(c.value.map((v) => has(c.multiple ? [v] : v))))
    default: return sql<boolean>`${scalar} ${sql.raw(COMPARE[c.op])} ${c.value}`
  }
}

function audienceWhere(eb: ExpressionBuilder<DB, 'customer'>, a: Audience) {
  const conds: Expression<SqlBool>[] = [eb('customer.corpId', '=', a.corpId), inScope(eb, a.scope)]
  // One GIN lookup for the whole expression (customer_tag_seqs_idx, gin__int_ops).
  if (a.tagQuery !== null) conds.push(sql<boolean>`${eb.ref('customer.tagSeqs')} @@ ${a.tagQuery}::query_int`)
  if (a.liveCodeIds) conds.push(a.liveCodeIds.length ? eb('customer.channelLiveCodeId', 'in', a.liveCodeIds) : eb.val(false))
  // "Followed by one of these employees" is exactly what a data scope means, so it is built the same way.
  if (a.followerIds) conds.push(inScope(eb, { kind: 'employees', employeeIds: a.followerIds }))
  if (a.departmentEmployeeIds) conds.push(inScope(eb, { kind: 'employees', employeeIds: a.departmentEmployeeIds }))
  if (a.addedFrom) conds.push(eb('customer.firstAddedAt', '>=', a.addedFrom))
  if (a.addedTo) conds.push(eb('customer.firstAddedAt', '<', a.addedTo))
  if (a.verified !== undefined) conds.push(eb('customer.verified', '=', a.verified))
  if (a.addedBefore) conds.push(eb('customer.firstAddedAt', '<', a.addedBefore))
  if (a.addedSince) conds.push(eb('customer.firstAddedAt', '>=', a.addedSince))
  if (a.inactiveSince) conds.push(eb(eb.fn.coalesce('customer.lastActiveAt', 'customer.firstAddedAt'), '<', a.inactiveSince))
  if (a.activeSince) conds.push(eb('customer.lastActiveAt', '>=', a.activeSince))
  for (const c of a.fields ?? []) conds.push(fieldCondition(eb, c))
  return eb.and(conds)
}

export const countAudience = async (db: Executor, a: Audience) =>
  Number((await db.selectFrom('customer').select((eb) => eb.fn.countAll<string>().as('n')).where((eb) => audienceWhere(eb, a)).executeTakeFirstOrThrow()).n)

/** The newest customers of the audience, as the customer list orders them. */
export const previewAudience = (db: Executor, a: Audience, limit: number) =>
  db.selectFrom('customer')
    .select(['customer.id', 'customer.externalUserId', 'customer.name', 'customer.avatar', 'customer.gender', 'customer.firstAddedAt', 'customer.tagSeqs'])
    .where((eb) => audienceWhere(eb, a)).orderBy('customer.firstAddedAt', 'desc').orderBy('customer.id', 'desc').limit(limit).execute()

/** The audience's ids into the segment, in one INSERT … SELECT; returns how many. */
export const insertMembers = async (db: Executor, segmentId: string, a: Audience) => Number((await db.insertInto('segmentMember')
  .columns(['corpId', 'segmentId', 'customerId'])
  .expression(db.selectFrom('customer').select((eb) => [eb.val(a.corpId).as('corpId'), eb.val(segmentId).as('segmentId'), 'customer.id'])
    .where((eb) => audienceWhere(eb, a)))
  .executeTakeFirstOrThrow()).numInsertedOrUpdatedRows ?? 0n)

export const deleteMembers = (db: Executor, segmentId: string) =>
  db.deleteFrom('segmentMember').where('segmentId', '=', segmentId).execute()

export const findTagsByIds = (db: Executor, corpId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('tag').select(['id', 'name', 'seq']).where('corpId', '=', corpId).where('id', 'in', ids).execute()

export const findTagsByNames = (db: Executor, corpId: string, names: string[]) =>
  names.length === 0 ? Promise.resolve([]) :
    db.selectFrom('tag').select(['id', 'name', 'seq']).where('corpId', '=', corpId).where('name', 'in', names).execute()

export const findTagsBySeqs = (db: Executor, corpId: string, seqs: number[]) =>
  seqs.length === 0 ? Promise.resolve([]) :
    db.selectFrom('tag').select(['id', 'name', 'seq']).where('corpId', '=', corpId).where('seq', 'in', seqs).execute()

export interface SegmentRow { corpId: string; name: string; definition: unknown; createdBy: string | null }

/** undefined = the name is taken (unique per corp). */
export const insertSegment = (db: Executor, row: SegmentRow) =>
  db.insertInto('segment').values({ ...row, definition: JSON.stringify(row.definition) })
    .onConflict((oc) => oc.columns(['corpId', 'name']).doNothing()).returningAll().executeTakeFirst()

/** A changed definition invalidates the materialised members (deleted by the caller in the same transaction). */
export const updateSegment = (db: Executor, corpId: string, id: string, row: { name: string; definition: unknown }) =>
  db.updateTable('segment').set({ name: row.name, definition: JSON.stringify(row.definition), updatedAt: sql`now()`, materializedAt: null, memberCount: null })
    .where('corpId', '=', corpId).where('id', '=', id).returningAll().executeTakeFirst()

export const deleteSegment = (db: Executor, corpId: string, id: string) =>
  db.deleteFrom('segment').where('corpId', '=', corpId).where('id', '=', id).returning('id').executeTakeFirst()

export const findSegment = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('segment').selectAll().where('corpId', '=', corpId).where('id', '=', id).executeTakeFirst()

/** Materialisations of one segment run one at a time (delete + insert would collide otherwise). */
export const lockSegment = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('segment').selectAll().where('corpId', '=', corpId).where('id', '=', id).forUpdate().executeTakeFirst()

export const findSegmentByName = (db: Executor, corpId: string, name: string) =>
  db.selectFrom('segment').select('id').where('corpId', '=', corpId).where('name', '=', name).executeTakeFirst()

export const listSegments = (db: Executor, corpId: string) =>
  db.selectFrom('segment').selectAll().where('corpId', '=', corpId).orderBy('updatedAt', 'desc').orderBy('id').limit(1000).execute()

export const setMaterialized = (db: Executor, id: string, memberCount: number) =>
  db.updateTable('segment').set({ materializedAt: sql`now()`, memberCount }).where('id', '=', id).execute()

/**
 * A page of a materialised segment's members the actor may see, by customer id (keyset): what bulk work
 * (tagging, exports, sends) reads. Members were written under the materialising actor's scope, so the
 * reader's scope is applied again.
 */
export const membersPage = (db: Executor, corpId: string, scope: Scope, segmentId: string, page: { after?: string; limit: number }) =>
  db.selectFrom('segmentMember as m').innerJoin('customer', 'customer.id', 'm.customerId')
    .select(['customer.id', 'customer.externalUserId'])
    .where('m.segmentId', '=', segmentId).where('customer.corpId', '=', corpId).where((eb) => inScope(eb, scope))
    .$if(page.after !== undefined, (qb) => qb.where('m.customerId', '>', page.after!))
    .orderBy('m.customerId').limit(page.limit).execute()
