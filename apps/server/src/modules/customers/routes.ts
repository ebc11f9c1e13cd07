import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { CustomersService } from './service'
import { CountQuery, CountReply, CustomerIdParams, CustomerList, CustomerProfile, CustomerQuery, TagLibrary, Timeline, TimelineQuery } from './schema'

export const customersRoutes = (customers: CustomersService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['customers']
  app.get('/api/customers', { schema: { tags, querystring: CustomerQuery, response: { 200: CustomerList } }, config: { permission: 'customers.read' } },
    async (req) => customers.list(req.actor, req.query))
  app.get('/api/customers/count', { schema: { tags, querystring: CountQuery, response: { 200: CountReply } }, config: { permission: 'customers.read' } },
    async (req) => customers.count(req.actor, req.query))
  app.get('/api/customers/:id', { schema: { tags, params: CustomerIdParams, response: { 200: CustomerProfile } }, config: { permission: 'customers.read' } },
    async (req) => customers.get(req.actor, req.params.id))
  app.get('/api/customers/:id/timeline', { schema: { tags, params: CustomerIdParams, querystring: TimelineQuery, response: { 200: Timeline } }, config: { permission: 'customers.read' } },
    async (req) => customers.timeline(req.actor, req.params.id, req.query))
  app.get('/api/tags', { schema: { tags, response: { 200: TagLibrary } }, config: { permission: 'customers.tag.read' } },
    async (req) => customers.listTags(req.actor))
}
