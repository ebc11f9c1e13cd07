export { createOrgService, type OrgService } from './service'
export { orgRoutes } from './routes'
export { orgError } from './errors'
export { purgeSessionsJob } from './jobs'
