import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { FissionService } from './service'
import {
  ActivityInput, ActivityList, ActivityView, AppealBody, BlacklistBody, BlacklistView, CompletionView, CustomerParams, ExtendBody, Funnel,
  HelpList, HelpParams, IdParams, JoinBody, PageQuery, ParticipantList, ParticipantView, RedeemBody, TierParams, TopUpBody,
} from './schema'

export const fissionRoutes = (fission: FissionService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['fission']
  const read = { permission: 'fission.read' } as const
  const write = { permission: 'fission.write' } as const
  const base = '/api/fission/activities'
  app.get(base, { schema: { tags, response: { 200: ActivityList } }, config: read }, async (req) => fission.list(req.actor))
  app.post(base, { schema: { tags, body: ActivityInput, response: { 201: ActivityView } }, config: write },
    async (req, reply) => reply.code(201).send(await fission.create(req.actor, req.body)))
  app.get(`${base}/:id`, { schema: { tags, params: IdParams, response: { 200: ActivityView } }, config: read }, async (req) => fission.get(req.actor, req.params.id))
  app.put(`${base}/:id`, { schema: { tags, params: IdParams, body: ActivityInput, response: { 200: ActivityView } }, config: write },
    async (req) => fission.update(req.actor, req.params.id, req.body))
  app.delete(`${base}/:id`, { schema: { tags, params: IdParams, response: { 204: z.null() } }, config: write },
    async (req, reply) => { await fission.remove(req.actor, req.params.id); return reply.code(204).send(null) })

  app.post(`${base}/:id/schedule`, { schema: { tags, params: IdParams, response: { 200: ActivityView } }, config: write }, async (req) => fission.schedule(req.actor, req.params.id))
  app.post(`${base}/:id/end`, { schema: { tags, params: IdParams, response: { 200: ActivityView } }, config: write }, async (req) => fission.endEarly(req.actor, req.params.id))
  app.post(`${base}/:id/archive`, { schema: { tags, params: IdParams, response: { 200: ActivityView } }, config: write }, async (req) => fission.archive(req.actor, req.params.id))
  app.post(`${base}/:id/extend`, { schema: { tags, params: IdParams, body: ExtendBody, response: { 200: ActivityView } }, config: write },
    async (req) => fission.extend(req.actor, req.params.id, req.body.endsAt))
  app.post(`${base}/:id/tiers/:level/stock`, { schema: { tags, params: TierParams, body: TopUpBody, response: { 200: ActivityView } }, config: write },
    async (req) => fission.topUpStock(req.actor, req.params.id, req.params.level, req.body.add, req.body.note))
  app.get(`${base}/:id/audit`, { schema: { tags, params: IdParams }, config: read }, async (req) => fission.auditLog(req.actor, req.params.id))

  app.post(`${base}/:id/participants`, { schema: { tags, params: IdParams, body: JoinBody, response: { 200: ParticipantView } }, config: write },
    async (req) => fission.join(req.actor, req.params.id, req.body.customerId))
  app.get(`${base}/:id/participants`, { schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: ParticipantList } }, config: read },
    async (req) => fission.participants(req.actor, req.params.id, req.query))
  app.get(`${base}/:id/helps`, {
    schema: { tags, params: IdParams, querystring: PageQuery.extend({ participantId: z.string().regex(/^\d{1,19}$/).optional(), status: z.enum(['counted', 'refused', 'held', 'revoked', 'voided']).optional() }), response: { 200: HelpList } },
    config: read,
  }, async (req) => fission.helps(req.actor, req.params.id, req.query))
  app.post(`${base}/:id/helps/:helpId/void`, { schema: { tags, params: HelpParams }, config: write }, async (req) => fission.reviewHelp(req.actor, req.params.id, req.params.helpId, 'void'))
  app.post(`${base}/:id/helps/:helpId/restore`, { schema: { tags, params: HelpParams }, config: write }, async (req) => fission.reviewHelp(req.actor, req.params.id, req.params.helpId, 'restore'))
  app.get(`${base}/:id/funnel`, { schema: { tags, params: IdParams, response: { 200: Funnel } }, config: read }, async (req) => fission.funnel(req.actor, req.params.id))
  app.post(`${base}/:id/redemptions`, { schema: { tags, params: IdParams, body: RedeemBody, response: { 200: CompletionView } }, config: write },
    async (req) => fission.redeem(req.actor, req.params.id, req.body.code, req.body.address))

  app.get('/api/fission/blacklist', { schema: { tags, response: { 200: z.object({ items: z.array(BlacklistView) }) } }, config: read }, async (req) => fission.blacklist.list(req.actor))
  app.post('/api/fission/blacklist', { schema: { tags, body: BlacklistBody, response: { 201: BlacklistView } }, config: write },
    async (req, reply) => reply.code(201).send(await fission.blacklist.add(req.actor, req.body)))
  app.put('/api/fission/blacklist/:customerId', { schema: { tags, params: CustomerParams, body: AppealBody, response: { 200: BlacklistView } }, config: write },
    async (req) => fission.blacklist.appeal(req.actor, req.params.customerId, req.body.appealNote))
  app.delete('/api/fission/blacklist/:customerId', { schema: { tags, params: CustomerParams, response: { 204: z.null() } }, config: write },
    async (req, reply) => { await fission.blacklist.remove(req.actor, req.params.customerId); return reply.code(204).send(null) })
}
