import type { Database, Executor } from '../../../db/database'
import { AppError } from '../../../http/errors'
import { systemActor, type Actor } from '../../../http/actor'
import type { JobDef, Queue } from '../../../jobs/queue'
import { decodeCursor, encodeCursor } from '../../../shared/cursor'
import type { OrgService } from '../../org'
import type { MarkFailure, MarkTagsPayload } from '../jobs'
import * as customersRepo from '../repo'
import type { SegmentsService } from '../segments'
import { tagJobError } from './errors'
import type { RunPayload } from './jobs'
import * as repo from './repo'
import type { TagJobBody } from './schema'
import type { z } from 'zod'

/** Members per chunk: one transaction each. */
export const CHUNK = 500
/** Chunks per pg-boss job; the next slice is a fresh job, so none runs for long. */
const SLICE = 20
/** mark_tag calls per second per corp: under WeCom's 150,000 an hour per corp and API (CONTRACT §9.2). */
export const MARK_RATE = 40

export interface TagJobDeps {
  db: Database
  queue: Queue
  org: Pick<OrgService, 'findEmployeesByIds' | 'findEmployeesByUserids'>
  segments: Pick<SegmentsService, 'get' | 'materialize' | 'membersPage'>
  clock: () => Date
  markTagsJob: JobDef<z.infer<typeof MarkTagsPayload>, never>
  runJob: JobDef<RunPayload, never>
}

export type TagJobService = ReturnType<typeof createTagJobService>
type Change = { customerId: string; tagId: string }

/** The job acts as the system, but only within the data scope its requester had. */
const actorOf = (job: repo.JobRow): Actor => ({ ...systemActor(job.corpId), scope: job.scope })

/**
 * 批量打标签 as jobs: a segment's members tagged chunk by chunk, each chunk one transaction with its tags,
 * timeline events, WeCom mark_tag jobs (paced per corp) and the job's cursor and counters.
 */
export function createTagJobService(deps: TagJobDeps) {
  const { db, queue, clock } = deps

  async function views(corpId: string, rows: repo.JobRow[]) {
    const tags = new Map((await customersRepo.findTags(db, corpId, [...new Set(rows.flatMap((r) => [...r.addTagIds, ...r.removeTagIds]))])).map((t) => [t.id, t.name]))
    const refs = (ids: string[]) => ids.flatMap((id) => tags.has(id) ? [{ id, name: tags.get(id)! }] : [])
    return rows.map(({ addTagIds, removeTagIds, cursor: _cursor, scope: _scope, corpId: _corp, updatedAt: _updated, ...r }) =>
      ({ ...r, addTags: refs(addTagIds), removeTags: refs(removeTagIds) }))
  }

  async function getRow(actor: Actor, id: string) {
    const row = await repo.findJob(db, actor.corpId, id)
    if (!row) throw tagJobError('customers.tag_job.not_found')
    return row
  }

  async function checkTags(corpId: string, ids: string[]) {
    if ((await customersRepo.findTags(db, corpId, ids)).length !== new Set(ids).size) throw tagJobError('customers.tag_job.unknown_tag')
  }

  /** Queues a job; it starts when the transaction commits. */
  async function enqueue(row: repo.NewJob) {
    return db.transaction().execute(async (tx) => {
      const job = await repo.insertJob(tx, row)
      await queue.send(tx, deps.runJob, { corpId: job.corpId, jobId: job.id })
      return job
    })
  }

  /** Timeline events and mark_tag jobs for what one chunk changed; returns how many mark_tag calls it queued. */
  async function recordChanges(tx: Executor, job: repo.JobRow, added: Change[], removed: Change[]) {
    const at = clock()
    const tags = new Map((await customersRepo.findTags(tx, job.corpId, [...job.addTagIds, ...job.removeTagIds])).map((t) => [t.id, t]))
    const byCustomer = (changes: Change[]) => changes.reduce((m, c) => m.set(c.customerId, [...(m.get(c.customerId) ?? []), c.tagId]), new Map<string, string[]>())
    const adds = byCustomer(added)
    const removes = byCustomer(removed)
    for (const [kind, changes] of [['tagged', adds], ['untagged', removes]] as const) {
      const ids = [...changes.keys()]
      await repo.insertEvents(tx, job.corpId, {
        kind, at, customerIds: ids, dedupeKeys: ids.map((id) => `tag-job:${job.id}:${kind}:${id}`),
        data: ids.map((id) => ({ tags: changes.get(id)!.map((t) => tags.get(t)?.name ?? t), reason: job.kind, jobId: job.id, ...(job.ruleId ? { ruleId: job.ruleId } : {}) })),
      })
    }
    const wecomIds = (ids: string[] = []) => ids.flatMap((id) => tags.get(id)?.wecomTagId ? [tags.get(id)!.wecomTagId!] : [])
    const follows = await repo.activeFollows(tx, job.corpId, [...new Set([...adds.keys(), ...removes.keys()])])
    const userids = new Map((await deps.org.findEmployeesByIds(tx, job.corpId, [...new Set(follows.map((f) => f.employeeId))])).map((e) => [e.id, e.wecomUserId]))
    const marks = follows.flatMap((f) => {
      const add = wecomIds(adds.get(f.customerId))
      const remove = wecomIds(removes.get(f.customerId))
      const userid = userids.get(f.employeeId)
      return userid && add.length + remove.length > 0 ? [{ corpId: job.corpId, userid, externalUserId: f.externalUserId, add, remove, tagJobId: job.id, customerId: f.customerId }] : []
    })
    if (marks.length === 0) return 0
    const pushed = new Set(marks.filter((m) => m.add.length > 0).map((m) => m.customerId))
    await customersRepo.insertTagPushes(tx, job.corpId, added.filter((c) => pushed.has(c.customerId) && tags.get(c.tagId)?.wecomTagId))
    const delay = await repo.reservePace(tx, job.corpId, marks.length / MARK_RATE)
    for (const [i, mark] of marks.entries()) await queue.send(tx, deps.markTagsJob, mark, { startAfterSeconds: delay + i / MARK_RATE })
    return marks.length
  }

  const distinctCustomers = (changes: Change[]) => new Set(changes.map((c) => c.customerId)).size

  async function tagMembers(tx: Executor, job: repo.JobRow) {
    const page = await deps.segments.membersPage(actorOf(job), job.segmentId!, { after: job.cursor ?? undefined, limit: CHUNK })
    if (page.items.length === 0) {
      if (!job.removeUnmatched) return finish(tx, job)
      await repo.advanceJob(tx, job.id, { cursor: null, phase: 'prune', processed: 0, added: 0, already: 0, removed: 0, marksQueued: 0 }, clock())
      return true
    }
    const ids = page.items.map((m) => m.id)
    const added = await repo.insertCustomerTags(tx, job.corpId, ids, job.addTagIds)
    const removed = await repo.deleteCustomerTags(tx, job.corpId, ids, job.removeTagIds)
    const marksQueued = await recordChanges(tx, job, added, removed)
    const newlyTagged = distinctCustomers(added)
    await repo.advanceJob(tx, job.id, {
      cursor: ids[ids.length - 1]!, phase: 'members', processed: ids.length, added: newlyTagged,
      already: job.addTagIds.length ? ids.length - newlyTagged : 0, removed: distinctCustomers(removed), marksQueued,
    }, clock())
    return true
  }

  /** A rule's second phase: customers holding its tags who are no longer in its segment lose them. */
  async function pruneUnmatched(tx: Executor, job: repo.JobRow) {
    const rows = await repo.unmatchedTagged(tx, { corpId: job.corpId, scope: job.scope, segmentId: job.segmentId!, tagIds: job.addTagIds, after: job.cursor ?? undefined, limit: CHUNK })
    if (rows.length === 0) return finish(tx, job)
    const removed = await repo.deleteCustomerTags(tx, job.corpId, rows.map((r) => r.id), job.addTagIds)
    const marksQueued = await recordChanges(tx, job, [], removed)
    await repo.advanceJob(tx, job.id, { cursor: rows[rows.length - 1]!.id, phase: 'prune', processed: 0, added: 0, already: 0, removed: distinctCustomers(removed), marksQueued }, clock())
    return true
  }

  async function finish(tx: Executor, job: repo.JobRow) {
    await repo.finishJob(tx, job.id, 'done', clock())
    return false
  }

  /**
   * One unit of work: the first materialises the segment within the requester's scope; each later one
   * processes a chunk. Returns whether work remains.
   */
  async function step(corpId: string, jobId: string): Promise<boolean> {
    const job = await repo.findJob(db, corpId, jobId)
    if (job?.status === 'queued') {
      if (!job.segmentId) throw tagJobError('customers.tag_job.segment_gone')
      const { count } = await deps.segments.materialize(actorOf(job), job.segmentId)
      await repo.startJob(db, job.id, count, clock())
    }
    return db.transaction().execute(async (tx) => {
      const locked = await repo.lockJob(tx, corpId, jobId)
      if (locked?.status !== 'running') return false
      if (!locked.segmentId) throw tagJobError('customers.tag_job.segment_gone')
      return locked.phase === 'members' ? tagMembers(tx, locked) : pruneUnmatched(tx, locked)
    })
  }

  return {
    enqueue,
    step,
    views,

    /** 批量打标签: queues a job over a saved segment's members as the actor sees them. */
    async create(actor: Actor, body: TagJobBody) {
      if (body.addTagIds.some((id) => body.removeTagIds.includes(id))) throw tagJobError('customers.tag_job.overlap')
      await checkTags(actor.corpId, [...body.addTagIds, ...body.removeTagIds])
      const segment = await deps.segments.get(actor, body.segmentId)
      const job = await enqueue({
        corpId: actor.corpId, kind: 'bulk', segmentId: segment.id, segmentName: segment.name, ruleId: null,
        addTagIds: [...new Set(body.addTagIds)], removeTagIds: [...new Set(body.removeTagIds)], removeUnmatched: false,
        scope: actor.scope, requestedBy: actor.isSystem ? null : actor.userId,
      })
      return (await views(actor.corpId, [job]))[0]!
    },

    /** Runs a slice of chunks, then hands the rest to a fresh job. Coded errors (segment gone) fail the job. */
    async runSlice({ corpId, jobId }: RunPayload) {
      try {
        for (let i = 0; i < SLICE; i++) if (!await step(corpId, jobId)) return
        await queue.send(db, deps.runJob, { corpId, jobId })
      } catch (err) {
        if (!(err instanceof AppError)) {
          await repo.noteError(db, jobId, err instanceof Error ? err.message : String(err), clock())
          throw err                                                    // pg-boss retries; the cursor holds
        }
        await repo.finishJob(db, jobId, 'failed', clock(), err.messages.zh)
      }
    },

    get: async (actor: Actor, id: string) => (await views(actor.corpId, [await getRow(actor, id)]))[0]!,

    async list(actor: Actor, q: { cursor?: string; limit: number }) {
      const rows = await repo.listJobs(db, actor.corpId, { before: decodeCursor(q.cursor), limit: q.limit })
      const last = rows[rows.length - 1]
      return { items: await views(actor.corpId, rows), nextCursor: rows.length === q.limit && last ? encodeCursor(last.createdAt, last.id) : null }
    },

    /** Stops after the chunk in progress; what was tagged stays tagged, queued mark_tag calls still go out. */
    async cancel(actor: Actor, id: string) {
      await getRow(actor, id)
      if (!await repo.cancelJob(db, actor.corpId, id, clock())) throw tagJobError('customers.tag_job.finished')
      return (await views(actor.corpId, [await getRow(actor, id)]))[0]!
    },

    /** The report's failures: relations WeCom refused for good (or still rate-limited after every attempt). */
    async failures(actor: Actor, id: string) {
      await getRow(actor, id)
      const rows = await repo.listFailures(db, actor.corpId, id, 1000)
      const names = new Map((await deps.org.findEmployeesByUserids(db, actor.corpId, [...new Set(rows.map((r) => r.userid))])).map((e) => [e.wecomUserId, e.name]))
      return {
        items: rows.map((r) => ({ customerId: r.customerId, customerName: r.customerName, userid: r.userid, employeeName: names.get(r.userid) ?? r.userid, errcode: r.errcode, message: r.message, at: r.createdAt })),
      }
    },

    /** Called by the mark_tag job when it gives up on one relation. */
    recordFailure: (f: MarkFailure) => db.transaction().execute(async (tx) => {
      if (await repo.insertFailure(tx, { corpId: f.corpId, jobId: f.tagJobId, customerId: f.customerId, userid: f.userid, errcode: f.errcode, message: f.message })) await repo.bumpFailed(tx, f.tagJobId)
    }),
  }
}
