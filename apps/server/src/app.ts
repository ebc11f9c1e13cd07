import { createDatabase, createPool, migrateToLatest, type Database } from './db/database'
import { createEventBus } from './events/bus'
import type { Actor } from './http/actor'
import { createHttpServer } from './http/server'
import { createQueue, type Queue } from './jobs/queue'
import type { Logger } from './logger'
import { createAcquisitionModule } from './modules/acquisition'
import { createCustomersModule } from './modules/customers'
import { createFissionModule } from './modules/fission'
import { createOrgService, createUserService, orgRoutes, purgeSessionsJob } from './modules/org'
import { createLinkSigner } from './shared/signed-link'
import { callbackRoutes } from './wecom/callback-routes'
import { createInbox } from './wecom/inbox'
import type { WeComConnection } from './wecom/adapter'
import type { FastifyPluginAsync } from 'fastify'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface AppOptions {
  databaseUrl: string
  log: Logger
  /** Connects to WeCom given the database (the token store lives there). */
  wecom: (db: Database) => WeComConnection
  role: 'all' | 'api' | 'worker'
  clock?: () => Date
  webDist?: string
  secureCookies?: boolean
  /** Key of customers' personal links (≥ 32 characters); default: random, so links open only while this process runs (tests). */
  linkSecret?: string
  /** PUBLIC_BASE_URL: customers' personal links are absolute with it. */
  publicBaseUrl?: string
  /** Where files Pond makes are kept (rendered posters); default: the system temp dir. */
  dataDir?: string
  /** Seconds between one employee's fission completion digests (default 15, see fission/jobs.ts); tests shorten it. */
  fissionNoticeSlotSeconds?: number
  /** Extra route plugins (the sandbox view), given the assembled services. */
  extraRoutes?: (app: PondApp) => FastifyPluginAsync[]
}

export type PondApp = Awaited<ReturnType<typeof createApp>>

/** Builds the whole service once: database, queue, modules, HTTP. Wiring is plain functions. */
export async function createApp(opts: AppOptions) {
  const clock = opts.clock ?? (() => new Date())
  const pool = createPool(opts.databaseUrl)
  const db: Database = createDatabase(pool)
  await migrateToLatest(db)
  const queue: Queue = createQueue(opts.databaseUrl, opts.log)
  const bus = createEventBus()
  const connection = opts.wecom(db)
  const wecom = connection.port
  const org = createOrgService({ db, clock })
  const corp = await org.ensureCorp({ wecomCorpId: connection.corpId, name: connection.corpName, isSandbox: connection.isSandbox })
  const links = createLinkSigner(opts.linkSecret ?? randomBytes(32).toString('base64url'))

  let acquisitionService: ReturnType<typeof createAcquisitionModule>['service'] | undefined
  const inbox = createInbox({ db, log: opts.log, parse: connection.parse, databaseUrl: opts.databaseUrl })
  const customers = createCustomersModule({
    db, queue, bus, org, wecom, clock, corpId: corp.id, callbacksWaiting: inbox.busy,
    channels: {
      byIds: (corpId, ids) => acquisitionService!.channelsByIds(corpId, ids),
      idsOfGroup: (corpId, g) => acquisitionService!.idsOfGroup(corpId, g),
      idsByState: (corpId) => acquisitionService!.idsByState(corpId),
    },
  })
  const syncOrg = (corpId: string) => org.syncFromWeCom(corpId, wecom)
  const acquisition = createAcquisitionModule({ db, queue, bus, wecom, org, customers: customers.service, clock, corpId: corp.id, syncOrg })
  acquisitionService = acquisition.service
  const fission = createFissionModule({
    db, queue, bus, wecom, org, customers: customers.service, segments: customers.segments, clock, syncOrg, links, publicBaseUrl: opts.publicBaseUrl,
    noticeSlotSeconds: opts.fissionNoticeSlotSeconds,
    posterDir: join(opts.dataDir ?? tmpdir(), 'pond-posters', corp.id),
    backgroundDir: join(opts.dataDir ?? tmpdir(), 'pond-poster-backgrounds', corp.id),
  })
  // An add through an initiator's personal way (State `fi:…`) is fission's, handled in batches; every other add is acquisition's.
  inbox.register(acquisition.handlers)
  inbox.registerBatch('contact.added', fission.contactsAdded)
  inbox.register(customers.handlers)

  const http = await createHttpServer({ log: opts.log, resolveSession: (id) => org.resolveSession(id) as Promise<Actor | undefined>, webDist: opts.webDist })
  await http.register(orgRoutes({ org, users: createUserService({ db }), sync: syncOrg, customerCounts: customers.service.customerCounts, secureCookies: opts.secureCookies ?? false }))
  for (const r of customers.routes) await http.register(r)
  await http.register(acquisition.routes)
  await http.register(fission.routes)
  await http.register(callbackRoutes({ crypto: connection.crypto, corpId: corp.id, inbox }))

  const purgeSessions = purgeSessionsJob(org.purgeExpiredSessions)
  const jobs = [...inbox.jobs, ...customers.jobs, ...acquisition.jobs, ...fission.jobs, purgeSessions]
  const schedules = [...inbox.schedules, ...acquisition.schedules, ...customers.schedules, ...fission.schedules, { job: purgeSessions.name, cron: '17 3 * * *', tz: 'Asia/Shanghai' }]

  const app = {
    db, pool, queue, http, inbox, corp, clock, wecom, links, log: opts.log,
    org, customers: customers.service, customersSync: customers.sync, losses: customers.losses, syncRuns: customers.runs, transfers: customers.transfers, customersSegments: customers.segments, tagJobs: customers.tagJobs, tagRules: customers.tagRules, acquisition: acquisition.service, fission: fission.service, fissionRanks: fission.ranks, fissionWays: fission.personalWays,
    /** Starts the job queue (and workers unless this process only serves the API). */
    async start() {
      await queue.start(jobs, { work: opts.role !== 'api', context: undefined })
      if (opts.role === 'api') return
      for (const s of schedules) await queue.boss.schedule(s.job, s.cron, {}, { tz: s.tz })
      await inbox.startWorking()
    },
    /** Departments, employees and the corp tag library from WeCom. */
    async syncFromWeCom() {
      const orgCounts = await syncOrg(corp.id)
      const tagCounts = await customers.sync.syncTags(corp.id, wecom)
      return { ...orgCounts, ...tagCounts }
    },
    async stop() {
      await http.close()
      await inbox.stop()
      await queue.stop()
      await db.destroy()
    },
  }
  for (const plugin of opts.extraRoutes?.(app) ?? []) await http.register(plugin)
  return app
}
