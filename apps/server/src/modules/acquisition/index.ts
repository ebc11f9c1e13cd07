import type { Database } from '../../db/database'
import type { EventBus } from '../../events/bus'
import type { Queue } from '../../jobs/queue'
import type { WeComPort } from '../../wecom/port'
import type { CustomersService } from '../customers'
import type { OrgService } from '../org'
import { acquisitionHandlers, onFollowLost, onFollowsImported } from './handlers'
import { dailyResetJob, rotateJob, welcomeJob } from './jobs'
import { acquisitionRoutes } from './routes'
import { createAcquisitionService, type AcquisitionService } from './service'

export type { AcquisitionService } from './service'
export { acquisitionError } from './errors'
export { businessDay } from './rotation'

export interface AcquisitionModuleDeps {
  db: Database; queue: Queue; bus: EventBus; wecom: WeComPort; org: OrgService; customers: CustomersService
  clock: () => Date; corpId: string; syncOrg(corpId: string): Promise<unknown>
}

export function createAcquisitionModule(deps: AcquisitionModuleDeps) {
  // The rotate job calls the service, which queues the job: bind late to close the loop.
  let service: AcquisitionService | undefined
  const rotate = rotateJob((corpId, liveCodeId) => service!.rotate(corpId, liveCodeId))
  service = createAcquisitionService({ ...deps, rotateJob: rotate })
  const welcome = welcomeJob(deps)
  deps.bus.on('customers.follow.lost', onFollowLost)
  deps.bus.on('customers.follows.imported', onFollowsImported)
  return {
    service,
    routes: acquisitionRoutes(service),
    handlers: acquisitionHandlers({ ...deps, acquisition: service, welcomeJob: welcome }),
    jobs: [welcome, rotate, dailyResetJob({ corpId: deps.corpId, rotateAll: service.rotateAll })],
    schedules: [{ job: 'acquisition.live_code.daily_reset', cron: '0 0 * * *', tz: 'Asia/Shanghai' }],
  }
}
