import type { Database } from '../../../db/database'
import { systemActor, type Actor } from '../../../http/actor'
import * as customersRepo from '../repo'
import type { SegmentsService } from '../segments'
import { tagJobError } from './errors'
import * as repo from './repo'
import type { TagRuleBody } from './schema'
import type { TagJobService } from './service'

type RuleRecord = NonNullable<Awaited<ReturnType<typeof repo.findRule>>>

/** 03:00 Asia/Shanghai (UTC+8, no daylight saving) is 19:00 UTC the day before. */
export function nextNightlyRun(now: Date): Date {
  const next = new Date(now)
  next.setUTCHours(19, 0, 0, 0)
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1)
  return next
}

export type TagRuleService = ReturnType<typeof createTagRuleService>

/**
 * 自动打标签规则: a saved segment as the condition, tags to add, optionally taken away from those who no
 * longer match. Every run — nightly or "run now" — is a tag job of kind 'rule', corp-wide.
 */
export function createTagRuleService(deps: { db: Database; jobs: TagJobService; segments: Pick<SegmentsService, 'get' | 'list'>; clock: () => Date }) {
  const { db, jobs } = deps

  async function getRow(actor: Actor, id: string) {
    const row = await repo.findRule(db, actor.corpId, id)
    if (!row) throw tagJobError('customers.tag_rule.not_found')
    return row
  }

  async function checked(actor: Actor, body: TagRuleBody) {
    if ((await customersRepo.findTags(db, actor.corpId, body.addTagIds)).length !== new Set(body.addTagIds).size) throw tagJobError('customers.tag_job.unknown_tag')
    await deps.segments.get(actor, body.segmentId)                             // 404 when it is not the corp's
    return { corpId: actor.corpId, name: body.name, segmentId: body.segmentId, addTagIds: [...new Set(body.addTagIds)], removeUnmatched: body.removeUnmatched, enabled: body.enabled }
  }

  async function views(actor: Actor, rows: RuleRecord[]) {
    const segments = new Map((await deps.segments.list(actor)).items.map((s) => [s.id, s.name]))
    const latest = await repo.latestJobsOfRules(db, actor.corpId, rows.map((r) => r.id))
    const lastJobs = new Map((await jobs.views(actor.corpId, latest)).map((j) => [j.ruleId, j]))
    const tags = new Map((await customersRepo.findTags(db, actor.corpId, [...new Set(rows.flatMap((r) => r.addTagIds))])).map((t) => [t.id, t.name]))
    return rows.map((r) => ({
      id: r.id, name: r.name, segmentId: r.segmentId, segmentName: r.segmentId ? segments.get(r.segmentId) ?? null : null,
      addTags: r.addTagIds.flatMap((id) => tags.has(id) ? [{ id, name: tags.get(id)! }] : []),
      removeUnmatched: r.removeUnmatched, enabled: r.enabled, nextRunAt: r.enabled ? nextNightlyRun(deps.clock()) : null,
      lastJob: lastJobs.get(r.id) ?? null, createdAt: r.createdAt, updatedAt: r.updatedAt,
    }))
  }

  async function isRunning(rule: RuleRecord) {
    const [last] = await repo.latestJobsOfRules(db, rule.corpId, [rule.id])
    return !!last && (last.status === 'queued' || last.status === 'running')
  }

  /** A run of the rule over the whole corp (rules are the corp's, not one person's view). */
  async function run(rule: RuleRecord, requestedBy: string | null) {
    if (!rule.segmentId) throw tagJobError('customers.tag_rule.no_segment')
    if (await isRunning(rule)) throw tagJobError('customers.tag_rule.running')
    const segment = await deps.segments.get(systemActor(rule.corpId), rule.segmentId)
    return jobs.enqueue({
      corpId: rule.corpId, kind: 'rule', segmentId: segment.id, segmentName: segment.name, ruleId: rule.id, addTagIds: rule.addTagIds, removeTagIds: [],
      removeUnmatched: rule.removeUnmatched, scope: { kind: 'all' }, requestedBy,
    })
  }

  return {
    list: async (actor: Actor) => ({ items: await views(actor, await repo.listRules(db, actor.corpId)) }),

    async create(actor: Actor, body: TagRuleBody) {
      const row = await repo.insertRule(db, { ...await checked(actor, body), createdBy: actor.isSystem ? null : actor.userId })
      if (!row) throw tagJobError('customers.tag_rule.name_taken')
      return (await views(actor, [row]))[0]!
    },

    async update(actor: Actor, id: string, body: TagRuleBody) {
      const values = await checked(actor, body)
      const other = await repo.findRuleByName(db, actor.corpId, body.name)
      if (other && other.id !== id) throw tagJobError('customers.tag_rule.name_taken')
      const row = await repo.updateRule(db, id, values, deps.clock())
      if (!row) throw tagJobError('customers.tag_rule.not_found')
      return (await views(actor, [row]))[0]!
    },

    async remove(actor: Actor, id: string) {
      if (!await repo.deleteRule(db, actor.corpId, id)) throw tagJobError('customers.tag_rule.not_found')
    },

    /** 立即运行: the run's job, whose progress and report the jobs page shows. */
    async runNow(actor: Actor, id: string) {
      const job = await run(await getRow(actor, id), actor.isSystem ? null : actor.userId)
      return (await jobs.views(actor.corpId, [job]))[0]!
    },

    /** The nightly schedule: every enabled rule that has a segment and is not still running. */
    async runAll(corpId: string) {
      for (const rule of await repo.listRules(db, corpId, { enabledOnly: true })) {
        if (rule.segmentId && !await isRunning(rule)) await run(rule, null)
      }
    },
  }
}
