import type { Database } from '../../../db/database'
import type { JobDef, Queue } from '../../../jobs/queue'
import type { OrgService } from '../../org'
import type { MarkTagsPayload } from '../jobs'
import type { SegmentsService } from '../segments'
import { tagJobRunJob, tagRulesNightlyJob } from './jobs'
import { tagJobRoutes } from './routes'
import { createTagRuleService } from './rules'
import { createTagJobService, type TagJobService } from './service'
import type { z } from 'zod'

export type { TagJobService } from './service'

/** 批量打标签 jobs and 自动打标签 rules. */
export function createTagJobsModule(deps: {
  db: Database; queue: Queue; org: OrgService; segments: SegmentsService; clock: () => Date; corpId: string
  markTagsJob: JobDef<z.infer<typeof MarkTagsPayload>, never>
}) {
  let service: TagJobService | undefined
  const runJob = tagJobRunJob((p) => service!.runSlice(p))
  service = createTagJobService({ ...deps, runJob })
  const rules = createTagRuleService({ ...deps, jobs: service })
  const nightly = tagRulesNightlyJob({ corpId: deps.corpId, runAll: rules.runAll })
  return {
    service, rules,
    routes: tagJobRoutes(service, rules),
    jobs: [runJob, nightly],
    schedules: [{ job: nightly.name, cron: '0 3 * * *', tz: 'Asia/Shanghai' }],
  }
}
