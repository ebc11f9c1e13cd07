import { segmentsRoutes } from './routes'
import { createSegmentsService, type SegmentsDeps } from './service'

export type { SegmentsService, SegmentsDeps } from './service'
export type { TagExpr } from './expression'

/** Segments (人群): tag expressions plus filters, counted, previewed, saved and materialised for sends. */
export function createSegmentsModule(deps: SegmentsDeps) {
  const service = createSegmentsService(deps)
  return { service, routes: segmentsRoutes(service) }
}

export { createSegmentsService }
