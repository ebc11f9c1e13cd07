import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { LeaderboardService } from './leaderboard'
import { IdParams } from './schema'

const Metrics = { participants: z.number(), counted: z.number(), completed: z.number(), newCustomers: z.number(), netNewCustomers: z.number() }
const EmployeeRank = z.object({ rank: z.number(), employeeId: z.string(), name: z.string(), departmentId: z.number().nullable(), ...Metrics })
const DepartmentRank = z.object({ rank: z.number(), departmentId: z.number(), name: z.string(), employees: z.number(), ...Metrics })
export const Leaderboard = z.object({ by: z.enum(['employee', 'department']), total: z.number(), items: z.array(z.union([EmployeeRank, DepartmentRank])) })
export const LeaderboardQuery = z.object({
  by: z.enum(['employee', 'department']).default('employee'),
  /** Department depth teams are rolled up to: 1 = the top-level branches under the root. */
  level: z.coerce.number().int().min(1).max(10).default(1),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export const MyRank = z.object({
  activityId: z.string(), name: z.string(), status: z.string(), total: z.number(), me: EmployeeRank.nullable(), top: z.array(EmployeeRank),
  script: z.string(), customerScript: z.string(),
  /** `link.url` is absolute when PUBLIC_BASE_URL is set; else the console prefixes `link.path` with its own origin. */
  recommended: z.array(z.object({ id: z.string(), externalUserId: z.string(), name: z.string(), joined: z.boolean(), link: z.object({ url: z.string().nullable(), path: z.string() }) })),
})
export const Stats = z.object({
  bucket: z.literal('day'), timeZone: z.string(),
  items: z.array(z.object({ day: z.string(), counted: z.number(), refused: z.number(), completions: z.number(), newCustomers: z.number(), netNewCustomers: z.number() })),
})

export const leaderboardRoutes = (ranks: LeaderboardService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['fission']
  const read = { permission: 'fission.read' } as const
  const base = '/api/fission/activities/:id'
  app.get(`${base}/leaderboard`, { schema: { tags, params: IdParams, querystring: LeaderboardQuery, response: { 200: Leaderboard } }, config: read },
    async (req) => ranks.leaderboard(req.actor, req.params.id, req.query))
  app.get(`${base}/leaderboard.csv`, { schema: { tags, params: IdParams }, config: read }, async (req, reply) => {
    const file = await ranks.exportCsv(req.actor, req.params.id)
    return reply.header('content-disposition', `attachment; filename="leaderboard.csv"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .type('text/csv; charset=utf-8').send(file.body)
  })
  app.get(`${base}/stats`, { schema: { tags, params: IdParams, querystring: z.object({ bucket: z.literal('day').default('day') }), response: { 200: Stats } }, config: read },
    async (req) => ranks.stats(req.actor, req.params.id))
  // Any signed-in console user linked to an employee: an employee has no fission.read, yet sees their own rank.
  app.get(`${base}/my-rank`, { schema: { tags, params: IdParams, response: { 200: MyRank } } }, async (req) => ranks.myRank(req.actor, req.params.id))
}
