import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { LossService } from './service'
import { AlertSettings, AlertSettingsView, LossList, LossQuery } from './schema'

export const lossRoutes = (losses: LossService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['loss alerts']
  app.get('/api/customers/losses', { schema: { tags, querystring: LossQuery, response: { 200: LossList } }, config: { permission: 'customers.read' } },
    async (req) => losses.list(req.actor, req.query))
  app.get('/api/customers/loss-alerts', { schema: { tags, response: { 200: AlertSettingsView } }, config: { permission: 'customers.loss.manage' } },
    async (req) => losses.settings(req.actor))
  app.put('/api/customers/loss-alerts', { schema: { tags, body: AlertSettings, response: { 200: AlertSettingsView } }, config: { permission: 'customers.loss.manage' } },
    async (req) => losses.updateSettings(req.actor, req.body))
}
