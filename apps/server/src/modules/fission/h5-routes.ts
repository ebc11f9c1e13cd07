import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppError } from '../../http/errors'
import type { CustomersService } from '../customers'
import { fissionError } from './errors'
import type { h5Links, H5Service } from './h5-service'
import { CompletionStatus, IdParams, JoinBody } from './schema'
import type { FissionService } from './service'

const Token = z.object({ t: z.string().min(1).max(1000) })
const H5Progress = z.object({
  tiers: z.array(z.object({ level: z.number(), threshold: z.number(), prizeName: z.string(), outOfStock: z.boolean() })),
  me: z.object({
    joinedAt: z.date(), helpCount: z.number(), posterReady: z.boolean(),
    helpers: z.array(z.object({ name: z.string(), avatar: z.string(), helpedAt: z.date() })),
    completions: z.array(z.object({ id: z.string(), level: z.number(), status: CompletionStatus, redemptionCode: z.string().nullable(), completedAt: z.date(), redeemedAt: z.date().nullable(), fulfilledAt: z.date().nullable() })),
  }).nullable(),
  currentLevel: z.number().nullable(), nextLevel: z.number().nullable(), missing: z.number(), outOfStock: z.boolean(),
})
const ActivityStatus = z.enum(['draft', 'scheduled', 'running', 'ended', 'archived'])
export const H5State = H5Progress.extend({ status: ActivityStatus })
export const H5View = H5Progress.extend({
  activity: z.object({ id: z.string(), name: z.string(), rules: z.string(), status: ActivityStatus, startsAt: z.date(), endsAt: z.date(), shareScript: z.string() }),
  customer: z.object({ name: z.string(), avatar: z.string() }),
})
const RedeemH5Body = z.object({
  completionId: z.string().regex(/^\d{1,19}$/),
  address: z.object({ name: z.string().trim().min(1).max(40), phone: z.string().trim().min(1).max(20), address: z.string().trim().min(1).max(200) }).optional(),
})
const LinkView = z.object({ url: z.string(), expiresAt: z.date() })

/**
 * Customers' pages' API under /h5/api/: no console session, the signed personal link (`?t=`) is the only
 * credential (outside the session hook, which guards /api/ only). Responses are private to the link's holder.
 */
export const fissionH5Routes = (h5: H5Service): FastifyPluginAsyncZod => async (app) => {
  const tags = ['fission-h5']
  const common = { tags, security: [], querystring: Token, params: IdParams }
  const base = '/h5/api/fission/:id'
  app.addHook('onSend', async (_req, reply) => { if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-store') })
  app.get(base, { schema: { ...common, response: { 200: H5View } }, config: { public: true } }, async (req) => h5.view(req.params.id, req.query.t))
  /** Polled every 3 s by the open page: a help lands through WeCom's callback in any process, so there is no in-process event to push. */
  app.get(`${base}/progress`, { schema: { ...common, response: { 200: H5State } }, config: { public: true } }, async (req) => h5.progress(req.params.id, req.query.t))
  app.post(`${base}/join`, { schema: { ...common, response: { 200: H5State } }, config: { public: true } }, async (req) => h5.join(req.params.id, req.query.t))
  app.get(`${base}/poster.png`, { schema: { ...common }, config: { public: true } }, async (req, reply) => {
    const { png, cached } = await h5.poster(req.params.id, req.query.t)
    return reply.type('image/png').header('cache-control', 'private, max-age=600').header('x-poster-cache', cached ? 'hit' : 'miss').send(png)
  })
  app.post(`${base}/redemptions`, { schema: { ...common, body: RedeemH5Body, response: { 200: H5Progress } }, config: { public: true } },
    async (req) => h5.redeem(req.params.id, req.query.t, req.body.completionId, req.body.address))
}

/**
 * An employee's or operator's way to a customer's personal link, to send it: any console user for a customer in
 * their data scope (out of scope → 404 like every customer read).
 */
export const fissionLinkRoutes = (deps: { fission: FissionService; customers: CustomersService; linkFor: ReturnType<typeof h5Links> }): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/fission/activities/:id/links', {
    schema: { tags: ['fission'], params: IdParams, body: JoinBody, response: { 200: LinkView } }, config: { permission: 'customers.read' },
  }, async (req) => {
    const activity = await deps.fission.get(req.actor, req.params.id)
    await deps.customers.get(req.actor, req.body.customerId).catch((err: AppError) => { throw err.status === 404 ? fissionError('fission.customer.not_found') : err })
    const link = deps.linkFor(activity, req.body.customerId)
    return { url: link.url ?? `${req.protocol}://${req.host}${link.path}`, expiresAt: link.expiresAt }
  })
}
