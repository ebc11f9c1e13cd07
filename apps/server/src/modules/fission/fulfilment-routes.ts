import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { FulfilmentService } from './fulfilment'
import { IdParams, PageQuery } from './schema'

const ClaimStatus = z.enum(['redeemed', 'fulfilled'])
export const ClaimView = z.object({
  id: z.string(), level: z.number(), prizeName: z.string(), status: ClaimStatus, redemptionCode: z.string().nullable(),
  customer: z.object({ id: z.string(), name: z.string(), avatar: z.string(), externalUserId: z.string() }), employeeId: z.string().nullable(),
  /** The delivery address the customer gave when claiming in H5; null when handed over in person. */
  address: z.object({ name: z.string(), phone: z.string(), address: z.string() }).nullable(),
  redeemedAt: z.date(), fulfilledAt: z.date().nullable(), fulfilledBy: z.string().nullable(), fulfilmentNote: z.string().nullable(),
})
const ClaimParams = IdParams.extend({ completionId: z.string().regex(/^\d{1,19}$/) })
const FulfilBody = z.object({ note: z.string().trim().max(200).optional() })

/** 奖品发放: claimed prizes and marking them handed over; every console role holds fission.fulfil, the service keeps each in their scope. */
export const fulfilmentRoutes = (fulfilment: FulfilmentService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['fission']
  const config = { permission: 'fission.fulfil' } as const
  const base = '/api/fission/activities/:id'
  app.get(`${base}/redemptions`, {
    schema: { tags, params: IdParams, querystring: PageQuery.extend({ status: ClaimStatus.optional() }), response: { 200: z.object({ items: z.array(ClaimView), nextCursor: z.string().nullable() }) } }, config,
  }, async (req) => fulfilment.list(req.actor, req.params.id, req.query))
  app.post(`${base}/completions/:completionId/fulfil`, { schema: { tags, params: ClaimParams, body: FulfilBody, response: { 200: ClaimView } }, config },
    async (req) => fulfilment.fulfil(req.actor, req.params.id, req.params.completionId, req.body.note || null))
}
