import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { MineService } from './mine'
import { IdParams } from './schema'

const MyActivity = z.object({
  id: z.string(), name: z.string(), status: z.enum(['scheduled', 'running', 'ended']), startsAt: z.date(), endsAt: z.date(),
  /** The employee script (config.scripts.employee), sent with each customer's link. */
  script: z.string(), hasRecommended: z.boolean(),
  /** Rank among the activity's ranked employees; null when not ranked (ranked = how many are). */
  rank: z.number().nullable(), ranked: z.number(),
  initiators: z.number(), helps: z.number(), completions: z.number(), prizesToFulfil: z.number(),
})
const Recommended = z.object({ id: z.string(), externalUserId: z.string(), name: z.string(), avatar: z.string(), joined: z.boolean(), helpCount: z.number() })

/** Any signed-in console user: the pages answer for the user's own employee and data scope (an employee has no fission.read). */
export const mineRoutes = (mine: MineService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['fission']
  app.get('/api/fission/mine', { schema: { tags, response: { 200: z.object({ employeeId: z.string().nullable(), items: z.array(MyActivity) }) } } },
    async (req) => mine.activities(req.actor))
  app.get('/api/fission/activities/:id/recommended', {
    schema: {
      tags, params: IdParams, querystring: z.object({ cursor: z.string().optional(), limit: z.coerce.number().int().min(1).max(200).default(20) }),
      response: { 200: z.object({ items: z.array(Recommended), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => mine.recommended(req.actor, req.params.id, req.query))
}
