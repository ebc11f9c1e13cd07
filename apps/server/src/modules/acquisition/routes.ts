import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AcquisitionService } from './service'
import { ChannelGroups, LiveCodeIdParams, LiveCodeInput, LiveCodeList, LiveCodeQuery, LiveCodeStats, LiveCodeView } from './schema'

export const acquisitionRoutes = (acquisition: AcquisitionService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['live codes']
  const read = { permission: 'acquisition.live_code.read' } as const
  const write = { permission: 'acquisition.live_code.write' } as const
  app.get('/api/live-codes', { schema: { tags, querystring: LiveCodeQuery, response: { 200: LiveCodeList } }, config: read },
    async (req) => acquisition.list(req.actor, req.query))
  app.get('/api/live-codes/channel-groups', { schema: { tags, response: { 200: ChannelGroups } }, config: read },
    async (req) => acquisition.channelGroups(req.actor))
  app.post('/api/live-codes', { schema: { tags, body: LiveCodeInput, response: { 201: LiveCodeView } }, config: write },
    async (req, reply) => reply.code(201).send(await acquisition.create(req.actor, req.body)))
  app.get('/api/live-codes/:id', { schema: { tags, params: LiveCodeIdParams, response: { 200: LiveCodeView } }, config: read },
    async (req) => acquisition.get(req.actor, req.params.id))
  app.put('/api/live-codes/:id', { schema: { tags, params: LiveCodeIdParams, body: LiveCodeInput, response: { 200: LiveCodeView } }, config: write },
    async (req) => acquisition.update(req.actor, req.params.id, req.body))
  app.delete('/api/live-codes/:id', { schema: { tags, params: LiveCodeIdParams, response: { 204: z.null() } }, config: write },
    async (req, reply) => { await acquisition.delete(req.actor, req.params.id); return reply.code(204).send(null) })
  app.get('/api/live-codes/:id/stats', { schema: { tags, params: LiveCodeIdParams, response: { 200: LiveCodeStats } }, config: read },
    async (req) => acquisition.stats(req.actor, req.params.id))
  app.get('/api/live-codes/:id/qr.png', { schema: { tags, params: LiveCodeIdParams }, config: read }, async (req, reply) => {
    const { png, name } = await acquisition.qrPng(req.actor, req.params.id)
    return reply.type('image/png').header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}.png`).send(png)
  })
}
