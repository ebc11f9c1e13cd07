import { z } from 'zod'
import type { Database, Executor } from '../../../db/database'
import type { Actor } from '../../../http/actor'
import type { OrgService } from '../../org'
import { bitmapAudience, createSegmentBitmaps } from './bitmaps'
import { segmentsError } from './errors'
import { checkLimits, formatExpression, leavesOf, mapLeaves, parseExpression, toQueryInt, type TagExpr } from './expression'
import * as repo from './repo'
import { SegmentFilters, TagExpression, type FieldCondition, type SegmentBody, type SegmentQuery } from './schema'
import { findLiveFields } from '../profile'
import type { CustomFieldType } from '../../../db/types'
import type { AudienceFieldCondition } from './repo'

export interface SegmentsDeps {
  db: Database
  org: Pick<OrgService, 'employeeIdsInSubtree'>
  /** Live codes of a channel group, from acquisition (wired in app.ts, as for the customer list). */
  channels: { idsOfGroup(corpId: string, group: string): Promise<string[]> }
  /** "Now" for relative-day filters; the system clock when absent (bench). */
  clock?: () => Date
}

const PREVIEW_SIZE = 20
const DAY_MS = 86_400_000
const FIELD_OPS: Record<CustomFieldType, readonly FieldCondition['op'][]> = {
  text: ['eq', 'contains', 'empty', 'not_empty'],
  number: ['eq', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'not_empty'],
  date: ['before', 'after', 'between', 'within_days', 'empty', 'not_empty'],
  select: ['in', 'not_in', 'empty', 'not_empty'],
}
/** Today in the corp's time zone (Asia/Shanghai by default), as 'YYYY-MM-DD'. */
const dayOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

/** A condition fits its field's type (op and value shape); within_days becomes a day range ending today. */
function fieldAudience(c: FieldCondition, field: { id: string; type: CustomFieldType; multiple: boolean }, now: Date): AudienceFieldCondition {
  const value = 'value' in c ? c.value : undefined
  const shapeOk = c.op === 'eq' ? typeof value === (field.type === 'number' ? 'number' : 'string')
    : c.op === 'between' ? typeof (value as unknown[])[0] === (field.type === 'number' ? 'number' : 'string') : true
  if (!FIELD_OPS[field.type].includes(c.op) || !shapeOk) throw segmentsError('customers.segment.field_op_invalid', { fieldId: c.fieldId, op: c.op, type: field.type })
  const base = { fieldId: field.id, type: field.type, multiple: field.multiple }
  if (c.op === 'within_days') return { ...base, op: 'between', value: [dayOf(new Date(now.getTime() - c.value * DAY_MS)), dayOf(now)] }
  return { ...base, ...c } as AudienceFieldCondition
}
const Definition = z.object({ expression: TagExpression.nullable(), filters: SegmentFilters })
type Definition = z.infer<typeof Definition>
type SegmentRecord = NonNullable<Awaited<ReturnType<typeof repo.findSegment>>>

export type SegmentsService = ReturnType<typeof createSegmentsService>

export function createSegmentsService(deps: SegmentsDeps) {
  const { db, org } = deps
  const bitmaps = createSegmentBitmaps(db)

  /** The JSON form checked against the corp's tags, and its intarray query. */
  async function compileTree(ex: Executor, corpId: string, expression: TagExpr) {
    checkLimits(expression)
    const ids = [...new Set(leavesOf(expression).map((l) => l.tag))]
    const seqOf = new Map((await repo.findTagsByIds(ex, corpId, ids)).map((t) => [t.id, t.seq]))
    const unknown = ids.filter((id) => !seqOf.has(id))
    if (unknown.length) throw segmentsError('customers.segment.unknown_tag', { tagIds: unknown })
    return { expression, tagQuery: toQueryInt(expression, (id) => seqOf.get(id)!), tagKeys: mapLeaves(expression, (l) => ({ key: seqOf.get(l.tag)! })) }
  }

  /** The text form: names become ids; an unknown or ambiguous name is reported where it stands. */
  async function compileText(ex: Executor, corpId: string, text: string) {
    const named = parseExpression(text)
    checkLimits(named, (l) => l.position)
    const leaves = leavesOf(named)
    const byName = new Map<string, string[]>()
    for (const t of await repo.findTagsByNames(ex, corpId, [...new Set(leaves.map((l) => l.name))])) byName.set(t.name, [...(byName.get(t.name) ?? []), t.id])
    const unknown = leaves.filter((l) => !byName.has(l.name))
    if (unknown.length) throw segmentsError('customers.segment.unknown_tag', { names: [...new Set(unknown.map((l) => l.name))], position: unknown[0]!.position })
    const ambiguous = leaves.find((l) => byName.get(l.name)!.length > 1)
    if (ambiguous) throw segmentsError('customers.segment.ambiguous_tag', { name: ambiguous.name, position: ambiguous.position, tagIds: byName.get(ambiguous.name) })
    return compileTree(ex, corpId, mapLeaves(named, (l) => ({ tag: byName.get(l.name)![0]! })))
  }

  async function liveCodesOf(corpId: string, f: SegmentFilters) {
    if (!f.channelGroup) return f.liveCodeIds
    const ids = await deps.channels.idsOfGroup(corpId, f.channelGroup)
    return f.liveCodeIds ? f.liveCodeIds.filter((id) => ids.includes(id)) : ids
  }

  const compile = (ex: Executor, corpId: string, expression: string | TagExpr | undefined) =>
    expression === undefined ? undefined : typeof expression === 'string' ? compileText(ex, corpId, expression) : compileTree(ex, corpId, expression)

  /** What is stored: the expression in its JSON form (tags by id) and the filters as given. */
  async function definitionOf(corpId: string, q: SegmentQuery): Promise<Definition> {
    return { expression: (await compile(db, corpId, q.expression))?.expression ?? null, filters: q.filters }
  }

  /** Profile filters: relative days as instants from now, field conditions checked against the live fields. */
  async function profileFiltersOf(ex: Executor, corpId: string, f: SegmentFilters) {
    const now = (deps.clock ?? (() => new Date()))()
    const ago = (days: number | undefined) => days === undefined ? undefined : new Date(now.getTime() - days * DAY_MS)
    const ids = [...new Set((f.fields ?? []).map((c) => c.fieldId))]
    const fields = new Map((await findLiveFields(ex, corpId, ids)).map((x) => [x.id, x]))
    const unknown = ids.filter((id) => !fields.has(id))
    if (unknown.length) throw segmentsError('customers.segment.unknown_field', { fieldIds: unknown })
    return {
      verified: f.verified, addedBefore: ago(f.addedMoreThanDaysAgo), addedSince: ago(f.addedWithinDays),
      inactiveSince: ago(f.inactiveForDays), activeSince: ago(f.activeWithinDays),
      fields: f.fields?.map((c) => fieldAudience(c, fields.get(c.fieldId)!, now)),
    }
  }

  /** A definition → SQL conditions, always within the actor's data scope. */
  async function audienceOf(ex: Executor, actor: Actor, q: SegmentQuery): Promise<repo.Audience> {
    const compiled = await compile(ex, actor.corpId, q.expression)
    const f = q.filters
    return {
      corpId: actor.corpId, scope: actor.scope, tagQuery: compiled?.tagQuery ?? null,
      liveCodeIds: await liveCodesOf(actor.corpId, f), followerIds: f.followerIds, addedFrom: f.addedFrom, addedTo: f.addedTo,
      departmentEmployeeIds: f.departmentId === undefined ? undefined : await org.employeeIdsInSubtree(actor.corpId, f.departmentId),
      ...await profileFiltersOf(ex, actor.corpId, f),
    }
  }

  /** The same audience as bitmap keys, when every part of it has one (see bitmaps/index.ts). */
  async function bitmapAudienceOf(ex: Executor, actor: Actor, q: SegmentQuery) {
    return bitmapAudience(actor.scope, (await compile(ex, actor.corpId, q.expression))?.tagKeys, q.filters)
  }

  /** Saved segments with their expression's text form under today's tag names (a deleted tag shows as its id). */
  async function views(corpId: string, rows: SegmentRecord[]) {
    const definitions = rows.map((r) => Definition.parse(r.definition))
    const ids = [...new Set(definitions.flatMap((d) => d.expression ? leavesOf(d.expression).map((l) => l.tag) : []))]
    const names = new Map((await repo.findTagsByIds(db, corpId, ids)).map((t) => [t.id, t.name]))
    return rows.map((r, i) => {
      const definition = definitions[i]!
      return {
        id: r.id, name: r.name, definition, createdAt: r.createdAt, updatedAt: r.updatedAt, materializedAt: r.materializedAt, memberCount: r.memberCount,
        text: definition.expression ? formatExpression(definition.expression, (id) => names.get(id) ?? id) : null,
      }
    })
  }

  const viewOf = async (corpId: string, row: SegmentRecord) => (await views(corpId, [row]))[0]!

  async function getRow(corpId: string, id: string) {
    const row = await repo.findSegment(db, corpId, id)
    if (!row) throw segmentsError('customers.segment.not_found')
    return row
  }

  return {
    /** How many customers the actor may see match the definition: the live count while editing. */
    async count(actor: Actor, q: SegmentQuery) {
      const keys = await bitmapAudienceOf(db, actor, q)
      return { count: keys ? await bitmaps.count(actor.corpId, keys) : await repo.countAudience(db, await audienceOf(db, actor, q)) }
    },

    /** The newest matching customers, with their tags. */
    async preview(actor: Actor, q: SegmentQuery) {
      const rows = await repo.previewAudience(db, await audienceOf(db, actor, q), PREVIEW_SIZE)
      const tags = new Map((await repo.findTagsBySeqs(db, actor.corpId, [...new Set(rows.flatMap((r) => r.tagSeqs))])).map((t) => [t.seq, t]))
      return {
        items: rows.map(({ tagSeqs, firstAddedAt, ...r }) => ({
          ...r, addedAt: firstAddedAt, tags: tagSeqs.flatMap((s) => tags.has(s) ? [{ id: tags.get(s)!.id, name: tags.get(s)!.name }] : []),
        })),
      }
    },

    list: async (actor: Actor) => ({ items: await views(actor.corpId, await repo.listSegments(db, actor.corpId)) }),

    get: async (actor: Actor, id: string) => viewOf(actor.corpId, await getRow(actor.corpId, id)),

    /** Saves a definition in its JSON form (a text expression is stored resolved to tag ids). */
    async create(actor: Actor, body: SegmentBody) {
      const definition = await definitionOf(actor.corpId, body)
      const row = await repo.insertSegment(db, { corpId: actor.corpId, name: body.name, definition, createdBy: actor.isSystem ? null : actor.userId })
      if (!row) throw segmentsError('customers.segment.name_taken')
      return viewOf(actor.corpId, row)
    },

    /** A new definition drops the materialised members: a send must never read an audience of the old one. */
    async update(actor: Actor, id: string, body: SegmentBody) {
      const definition = await definitionOf(actor.corpId, body)
      const row = await db.transaction().execute(async (tx) => {
        const other = await repo.findSegmentByName(tx, actor.corpId, body.name)
        if (other && other.id !== id) throw segmentsError('customers.segment.name_taken')
        const updated = await repo.updateSegment(tx, actor.corpId, id, { name: body.name, definition })
        if (!updated) throw segmentsError('customers.segment.not_found')
        await repo.deleteMembers(tx, id)
        return updated
      })
      return viewOf(actor.corpId, row)
    },

    async remove(actor: Actor, id: string) {
      await db.transaction().execute(async (tx) => {
        await repo.deleteMembers(tx, id)
        if (!await repo.deleteSegment(tx, actor.corpId, id)) throw segmentsError('customers.segment.not_found')
      })
    },

    /** Members of the segment's last materialisation that the actor may see, in customer-id order (keyset). */
    async membersPage(actor: Actor, id: string, page: { after?: string; limit: number }) {
      const segment = await getRow(actor.corpId, id)
      if (!segment.materializedAt) throw segmentsError('customers.segment.not_materialized')
      const items = await repo.membersPage(db, actor.corpId, actor.scope, id, page)
      return { items, nextAfter: items.length === page.limit ? items[items.length - 1]!.id : null }
    },

    /**
     * Replaces the segment's members with its audience as the actor sees it now (what a mass send reads):
     * from the bitmaps when the definition has keys for everything (rebuilt first, outside the transaction so
     * counts need not wait for it), else one INSERT … SELECT. The segment row lock makes concurrent runs take turns.
     */
    async materialize(actor: Actor, id: string) {
      await bitmaps.flush(actor.corpId)
      return db.transaction().execute(async (tx) => {
        const segment = await repo.lockSegment(tx, actor.corpId, id)
        if (!segment) throw segmentsError('customers.segment.not_found')
        const { expression, filters } = Definition.parse(segment.definition)
        const q = { expression: expression ?? undefined, filters }
        const keys = await bitmapAudienceOf(tx, actor, q)
        await repo.deleteMembers(tx, id)
        const count = keys ? await bitmaps.insertMembers(tx, actor.corpId, id, keys) : await repo.insertMembers(tx, id, await audienceOf(tx, actor, q))
        await repo.setMaterialized(tx, id, count)
        return { count }
      })
    },
  }
}
