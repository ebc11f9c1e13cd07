import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Database } from '../../db/database'
import type { EventBus } from '../../events/bus'
import type { Queue } from '../../jobs/queue'
import type { WeComPort } from '../../wecom/port'
import type { CustomersService, SegmentsService } from '../customers'
import type { OrgService } from '../org'
import type { LinkSigner } from '../../shared/signed-link'
import { createFulfilment } from './fulfilment'
import { fulfilmentRoutes } from './fulfilment-routes'
import { backgroundRoutes, createBackgroundStore } from './backgrounds'
import { fissionContactsAdded } from './handlers'
import { fissionH5Routes, fissionLinkRoutes } from './h5-routes'
import { createH5Service, h5Links } from './h5-service'
import { createLeaderboard } from './leaderboard'
import { leaderboardRoutes } from './leaderboard-routes'
import { createMine } from './mine'
import { mineRoutes } from './mine-routes'
import { RED_BLACK_SCHEDULE, redBlackJob } from './ranks-jobs'
import { createResultsExport, resultsRoutes } from './results'
import { cleanupJob, notifyJob, remindJob, tickJob, welcomeJob } from './jobs'
import { createCompletionNotices } from './notices'
import { fissionRoutes } from './routes'
import { createPersonalWays } from './personal-ways'
import { createFissionService, STATE_PREFIX, type FissionService } from './service'

export type { FissionService } from './service'
export type { PersonalWays } from './personal-ways'
export { fissionError } from './errors'

export interface FissionModuleDeps {
  db: Database; queue: Queue; bus: EventBus; wecom: WeComPort; org: OrgService; customers: CustomersService; segments: SegmentsService
  clock: () => Date; syncOrg(corpId: string): Promise<unknown>
  /** Customers' personal links (the H5 pages' only credential). */
  links: LinkSigner
  /** Where rendered posters are kept. */
  posterDir: string
  /** Where uploaded poster backgrounds are kept. */
  backgroundDir: string
  /** PUBLIC_BASE_URL: makes links absolute (the helper's welcome invites them with one); undefined → none in welcomes. */
  publicBaseUrl?: string
  /** Seconds between one employee's completion digests; default NOTICE_SLOT_SECONDS. */
  noticeSlotSeconds?: number
}

/** Whether an add's State belongs to fission (an initiator's personal contact way) rather than a live code. */
export const isFissionState = (state: string) => state.startsWith(STATE_PREFIX)

export function createFissionModule(deps: FissionModuleDeps) {
  // The jobs call the service, which queues them: bind late.
  let service: FissionService | undefined
  const welcome = welcomeJob({ ...deps, service: () => service! })
  const notices = createCompletionNotices(deps)
  const notify = notifyJob(notices.sendDue)
  const cleanup = cleanupJob((id) => service!.cleanupWays(id))
  const tick = tickJob(() => service!.tick())
  const remind = remindJob((p) => service!.remindEmployees(p))
  const linkFor = h5Links(deps.links, deps.publicBaseUrl)
  service = createFissionService({ ...deps, welcomeJob: welcome, notifyJob: notify, cleanupJob: cleanup, remindJob: remind, inviteLink: (a, customerId) => linkFor(a, customerId).url })
  const backgrounds = createBackgroundStore(deps.backgroundDir)
  const h5 = createH5Service({ db: deps.db, fission: service, customers: deps.customers, links: deps.links, clock: deps.clock, posterDir: deps.posterDir, backgrounds })
  deps.bus.on('customers.follow.lost', (tx, e) => service!.onFollowLost(tx, e))
  deps.bus.on('customers.relations.discovered', (tx, e) => service!.onRelationsDiscovered(tx, e))
  const ranks = createLeaderboard({ ...deps, linkFor })
  const redBlack = redBlackJob(() => ranks.pushRedBlack())
  const fulfilment = createFulfilment(deps)
  const mine = createMine({ ...deps, ranks })
  const contactsAdded = fissionContactsAdded({ ...deps, fission: service, welcomeJob: welcome, isFissionState })
  return {
    service,
    ranks,
    h5,
    personalWays: createPersonalWays({ db: deps.db, customers: deps.customers }),
    fulfilment,
    mine,
    routes: (async (app) => {
      await app.register(fissionRoutes(service)); await app.register(leaderboardRoutes(ranks)); await app.register(resultsRoutes(createResultsExport({ fission: service, ranks, org: deps.org })))
      await app.register(backgroundRoutes(backgrounds)); await app.register(fissionH5Routes(h5)); await app.register(fissionLinkRoutes({ fission: service, customers: deps.customers, linkFor }))
      await app.register(fulfilmentRoutes(fulfilment)); await app.register(mineRoutes(mine))
    }) satisfies FastifyPluginAsyncZod,
    /** The inbox's batch handler for adds whose State starts with `fi:`; everything else stays with acquisition. */
    contactsAdded,
    jobs: [welcome, notify, cleanup, tick, remind, redBlack],
    schedules: [{ job: tick.name, cron: '* * * * *', tz: 'UTC' }, { job: redBlack.name, ...RED_BLACK_SCHEDULE }],
  }
}
