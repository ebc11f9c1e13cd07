import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { SegmentIdParams } from '../segments/schema'
import { CustomerExportQuery, ExportLogList, ExportLogQuery, SegmentExportQuery } from './schema'
import type { ExportFile, ExportsService } from './service'

const langOf = (req: FastifyRequest) => String(req.headers['accept-language'] ?? '').toLowerCase().startsWith('en') ? 'en' as const : 'zh' as const

/** A download: the filename in ASCII for old clients and in UTF-8 (RFC 6266) for a segment's Chinese name. */
const sendFile = (reply: FastifyReply, file: ExportFile) => reply
  .header('content-type', file.contentType)
  .header('content-disposition', `attachment; filename="${file.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
  .send(file.stream)

export const exportRoutes = (exports: ExportsService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['exports']
  const config = { permission: 'customers.export' } as const
  app.get('/api/customers/export', { schema: { tags, querystring: CustomerExportQuery }, config },
    async (req, reply) => sendFile(reply, await exports.exportCustomers(req.actor, req.query, langOf(req))))
  app.get('/api/segments/:id/export', { schema: { tags, params: SegmentIdParams, querystring: SegmentExportQuery }, config },
    async (req, reply) => sendFile(reply, await exports.exportSegment(req.actor, req.params.id, req.query.format, langOf(req))))
  app.get('/api/customers/exports', { schema: { tags, querystring: ExportLogQuery, response: { 200: ExportLogList } }, config: { permission: 'customers.export.log' } },
    async (req) => exports.listLogs(req.actor, req.query))
}
