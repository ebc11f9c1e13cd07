import type { Database } from '../../db/database'
import type { EventBus } from '../../events/bus'
import type { Queue } from '../../jobs/queue'
import type { WeComPort } from '../../wecom/port'
import type { OrgService } from '../org'
import { customersHandlers } from './handlers'
import { markTagsJob } from './jobs'
import { profileFillJob } from './sync/profile-fill'
import { lossDigestJob, notifyLossJob } from './losses/jobs'
import { lossRoutes } from './losses/routes'
import { noteRoutes } from './notes/routes'
import { createNotesService } from './notes/service'
import { exportRoutes } from './exports/routes'
import { createExportsService } from './exports/service'
import { createProfileModule } from './profile'
import { listFields } from './profile/repo'
import { createLossService, type LossService } from './losses/service'
import { createTagJobsModule } from './tag-jobs'
import { tagHandlers } from './tags/handlers'
import { tagRoutes } from './tags/routes'
import { createTagService } from './tags/service'
import { customersRoutes } from './routes'
import { createSegmentsModule } from './segments'
import { createCustomersService, type Channel } from './service'
import { syncRoutes } from './sync/routes'
import { createSyncRuns } from './sync/runs'
import { refreshTransfersJob } from './transfers/jobs'
import { transferRoutes } from './transfers/routes'
import { createTransferService } from './transfers/service'
import { createCustomersSync } from './sync/service'

export type { CustomersService, Channel } from './service'
export { createSegmentsService, type SegmentsService } from './segments'
export { customersError } from './errors'

export interface CustomersModuleDeps {
  db: Database
  queue: Queue
  bus: EventBus
  org: OrgService
  wecom: WeComPort
  clock: () => Date
  corpId: string
  /** This process has callbacks waiting: the profile fill slows down for them. */
  callbacksWaiting?: () => boolean
  channels: { byIds(corpId: string, ids: string[]): Promise<Channel[]>; idsOfGroup(corpId: string, group: string): Promise<string[]>; idsByState(corpId: string): Promise<Map<string, string>> }
}

export function createCustomersModule(deps: CustomersModuleDeps) {
  // The mark_tag job records bulk-tagging failures through the tag jobs, which queue it: bind late.
  let tagJobs: ReturnType<typeof createTagJobsModule> | undefined
  const markTags = markTagsJob({ ...deps, recordFailure: (f) => tagJobs!.service.recordFailure(f) })
  const tags = createTagService(deps)
  // The notify job calls the loss service, which queues it: bind late.
  let losses: LossService | undefined
  const notifyLoss = notifyLossJob((id) => losses!.notifyOne(id))
  losses = createLossService({ ...deps, notifyJob: notifyLoss })
  const profileFill = profileFillJob(deps)
  const service = createCustomersService({ ...deps, losses, markTagsJob: markTags, profileFillJob: profileFill })
  const sync = createCustomersSync({ ...deps, tags, liveCodeIdsByState: deps.channels.idsByState, recordFollowLost: service.recordFollowLost })
  const runs = createSyncRuns({ ...deps, sync })
  const transfers = createTransferService(deps)
  const refreshTransfers = refreshTransfersJob({ corpId: deps.corpId, refresh: transfers.refresh })
  const segments = createSegmentsModule(deps)
  tagJobs = createTagJobsModule({ ...deps, segments: segments.service, markTagsJob: markTags })
  const notes = createNotesService(deps)
  const profile = createProfileModule(deps)
  const exports = createExportsService({
    ...deps, customers: service, segments: segments.service,
    fields: async (corpId) => (await listFields(deps.db, corpId)).filter((f) => !f.archivedAt),
  })
  return {
    service,
    sync,
    routes: [customersRoutes(service), lossRoutes(losses), tagRoutes(tags), syncRoutes(runs), transferRoutes(transfers), segments.routes, tagJobs.routes, noteRoutes(notes), exportRoutes(exports), profile.routes],
    runs,
    transfers,
    tags,
    losses,
    segments: segments.service,
    profile: profile.service,
    imports: profile.imports,
    tagJobs: tagJobs.service,
    tagRules: tagJobs.rules,
    handlers: { ...customersHandlers({ customers: service, org: deps.org, wecom: deps.wecom, transfers }), ...tagHandlers({ tags, wecom: deps.wecom }) },
    jobs: [markTags, profileFill, notifyLoss, lossDigestJob({ corpId: deps.corpId, digest: losses.digest }), ...runs.jobs, refreshTransfers, ...tagJobs.jobs, ...segments.jobs],
    schedules: [{ job: 'customers.loss.digest', cron: '0 9 * * *', tz: 'Asia/Shanghai' }, ...runs.schedules, ...tagJobs.schedules,
      { job: refreshTransfers.name, cron: '*/10 * * * *', tz: 'UTC' }, { job: profileFill.name, cron: '* * * * *', tz: 'UTC' }, ...segments.schedules],
  }
}
