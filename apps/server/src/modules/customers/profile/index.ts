import { createImportService, type ImportDeps } from './import-service'
import { profileRoutes } from './routes'
import { createProfileService } from './service'

export type { ProfileService } from './service'
export type { ImportService } from './import-service'
export { findLiveFields } from './repo'

/** Profiles: custom fields (自定义字段), the profile edit, and the bank's attribute imports (导入客户资料). */
export function createProfileModule(deps: ImportDeps) {
  const service = createProfileService(deps)
  const imports = createImportService(deps)
  return { service, imports, routes: profileRoutes(service, imports) }
}
