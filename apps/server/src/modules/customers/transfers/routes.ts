import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { TransferService } from './service'
import { TransferBody, TransferList, TransferQuery, TransferReply, Unassigned } from './schema'

export const transferRoutes = (transfers: TransferService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['transfers']
  const config = { permission: 'customers.transfer' } as const
  app.post('/api/customers/transfers', { schema: { tags, body: TransferBody, response: { 200: TransferReply } }, config },
    async (req) => transfers.transfer(req.actor, req.body))
  app.get('/api/customers/transfers', { schema: { tags, querystring: TransferQuery, response: { 200: TransferList } }, config },
    async (req) => transfers.list(req.actor, req.query))
  app.get('/api/customers/transfers/unassigned', { schema: { tags, response: { 200: Unassigned } }, config },
    async (req) => transfers.unassigned(req.actor))
  app.post('/api/customers/transfers/refresh', { schema: { tags, response: { 204: z.null() } }, config },
    async (req, reply) => { await transfers.refresh(req.actor.corpId); return reply.code(204).send(null) })
}
