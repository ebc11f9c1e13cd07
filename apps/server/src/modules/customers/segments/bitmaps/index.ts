import { z } from 'zod'
import type { Database, Executor } from '../../../../db/database'
import type { Scope } from '../../../../http/actor'
import { defineJob } from '../../../../jobs/queue'
import type { SegmentFilters } from '../schema'
import { ancestry, buildChunk, departmentKey, EVERYONE, idsOf, type KeyExpr } from './chunk'
import * as repo from './repo'

export type { KeyExpr } from './chunk'

const INSERT_BATCH = 100_000

/**
 * The bitmap form of an audience: the tag expression, the data scope and a department filter as keys.
 * Undefined when any part has no key (an employee's own scope, channel, followers, dates, and every filter
 * added later, since only the ones named here are read): the SQL path answers those.
 */
export function bitmapAudience(scope: Scope, tags: KeyExpr | undefined, filters: SegmentFilters): KeyExpr | undefined {
  const { departmentId, ...others } = filters
  if (Object.values(others).some((v) => v !== undefined)) return undefined
  const conds: KeyExpr[] = [{ key: EVERYONE }]
  if (scope.kind === 'employees') {
    if (!scope.departmentIds?.length) return undefined
    conds.push({ op: 'or', args: scope.departmentIds.map((d) => ({ key: departmentKey(d) })) })
  }
  if (tags) conds.push(tags)
  if (departmentId !== undefined) conds.push({ key: departmentKey(departmentId) })
  return { op: 'and', args: conds }
}

export type SegmentBitmaps = ReturnType<typeof createSegmentBitmaps>

/** Per-key customer bitmaps (migration 20261124180000_segment_scope): exact counts without visiting customers. */
export function createSegmentBitmaps(db: Database) {
  /** Rebuilds every chunk marked dirty, from customer, customer_follow, employee and department. */
  async function flush(corpId: string) {
    return db.transaction().execute(async (tx) => {
      await repo.lockFlush(tx, corpId)
      const marks = await repo.dirtyMarks(tx, corpId)
      if (marks.length === 0) return 0
      const ancestorsOf = ancestry(await repo.departmentParents(tx, corpId))
      const chunks = [...new Set(marks.map((m) => m.chunk))]
      for (const chunk of chunks) {
        await repo.replaceChunk(tx, corpId, chunk, buildChunk(await repo.chunkRows(tx, corpId, chunk), ancestorsOf))
      }
      await repo.deleteMarks(tx, marks.map((m) => m.id))
      return chunks.length
    })
  }

  return {
    flush,

    /** Exact: chunks changed since the last rebuild are rebuilt first. */
    async count(corpId: string, audience: KeyExpr) {
      await flush(corpId)
      return repo.countBits(db, corpId, audience)
    },

    /** The audience's ids into segment_member; the caller flushed before its transaction and deleted the old members. */
    async insertMembers(tx: Executor, corpId: string, segmentId: string, audience: KeyExpr) {
      let count = 0
      let batch: number[] = []
      for (const { chunk, bits } of await repo.audienceBits(tx, corpId, audience)) {
        for (const id of idsOf(chunk, bits)) batch.push(id)
        if (batch.length < INSERT_BATCH) continue
        await repo.insertMemberIds(tx, corpId, segmentId, batch)
        count += batch.length
        batch = []
      }
      if (batch.length) await repo.insertMemberIds(tx, corpId, segmentId, batch)
      return count + batch.length
    },

    /** Rebuilds what callbacks and syncs marked, so a count seldom has more than a chunk or two to do. */
    job: (corpId: string) => defineJob({
      name: 'customers.segments.bitmaps',
      payload: z.object({}).passthrough(),
      options: { retryLimit: 2, retryDelay: 30 },
      run: async () => { await flush(corpId) },
    }),
  }
}
