import { z } from 'zod'
import { CustomerQuery } from '../schema'

export const ExportFormat = z.enum(['csv', 'xlsx'])
export type ExportFormat = z.infer<typeof ExportFormat>

/** The customer list's filters (as the list takes them) and a format; paging fields are ignored. */
export const CustomerExportQuery = CustomerQuery.safeExtend({ format: ExportFormat })
export type CustomerExportQuery = z.infer<typeof CustomerExportQuery>
export const SegmentExportQuery = z.object({ format: ExportFormat })

export const ExportLogQuery = z.object({ cursor: z.string().regex(/^\d{1,19}$/).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) })
export const ExportLogList = z.object({
  items: z.array(z.object({
    id: z.string(), username: z.string(), source: z.enum(['customers', 'segment']), segmentId: z.string().nullable(), segmentName: z.string().nullable(),
    filter: z.record(z.string(), z.unknown()), format: ExportFormat, masked: z.boolean(), rowCount: z.number().nullable(),
    status: z.enum(['running', 'done', 'failed']), error: z.string().nullable(), createdAt: z.date(), finishedAt: z.date().nullable(),
  })),
  nextCursor: z.string().nullable(),
})
