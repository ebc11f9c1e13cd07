import { createSegmentBitmaps } from './bitmaps'
import { segmentsRoutes } from './routes'
import { createSegmentsService, type SegmentsDeps } from './service'

export type { SegmentsService, SegmentsDeps } from './service'
export type { TagExpr } from './expression'

/** Segments (人群): tag expressions plus filters, counted, previewed, saved and materialised for sends. */
export function createSegmentsModule(deps: SegmentsDeps & { corpId: string }) {
  const service = createSegmentsService(deps)
  const rebuild = createSegmentBitmaps(deps.db).job(deps.corpId)
  return { service, routes: segmentsRoutes(service), jobs: [rebuild], schedules: [{ job: rebuild.name, cron: '* * * * *', tz: 'UTC' }] }
}

export { createSegmentsService }
export { createSegmentBitmaps } from './bitmaps'
