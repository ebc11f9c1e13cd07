import type { Database } from '../../db/database'
import type { EventBus } from '../../events/bus'
import type { Queue } from '../../jobs/queue'
import type { WeComPort } from '../../wecom/port'
import type { OrgService } from '../org'
import { customersHandlers } from './handlers'
import { markTagsJob } from './jobs'
import { customersRoutes } from './routes'
import { createCustomersService, type Channel } from './service'
import { createCustomersSync } from './sync'

export type { CustomersService, Channel } from './service'
export { customersError } from './errors'

export interface CustomersModuleDeps {
  db: Database
  queue: Queue
  bus: EventBus
  org: OrgService
  wecom: WeComPort
  channels: { byIds(corpId: string, ids: string[]): Promise<Channel[]>; idsOfGroup(corpId: string, group: string): Promise<string[]>; idsByState(corpId: string): Promise<Map<string, string>> }
}

export function createCustomersModule(deps: CustomersModuleDeps) {
  const markTags = markTagsJob(deps.wecom)
  const service = createCustomersService({ ...deps, markTagsJob: markTags })
  const sync = createCustomersSync({ db: deps.db, org: deps.org, bus: deps.bus, liveCodeIdsByState: deps.channels.idsByState })
  return {
    service,
    sync,
    routes: customersRoutes(service),
    handlers: customersHandlers({ customers: service, org: deps.org }),
    jobs: [markTags],
  }
}
