import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { SyncRuns } from './runs'

const Failure = z.object({
  userids: z.array(z.string()), employeeNames: z.array(z.string()), cursor: z.string().nullable(), errcode: z.number(), message: z.string(), attempts: z.number(),
})

const Run = z.object({
  id: z.string(), kind: z.enum(['import', 'reconcile']), status: z.enum(['queued', 'running', 'succeeded', 'partial', 'failed']),
  stats: z.record(z.string(), z.number()), failures: z.array(Failure), error: z.string().nullable(),
  startedAt: z.date().nullable(), finishedAt: z.date().nullable(), createdAt: z.date(),
})

export const syncRoutes = (runs: SyncRuns): FastifyPluginAsyncZod => async (app) => {
  const tags = ['customer sync']
  app.post('/api/customers/sync-runs', { schema: { tags, body: z.object({ kind: z.enum(['import', 'reconcile']) }), response: { 202: Run } }, config: { permission: 'org.sync' } },
    async (req, reply) => reply.code(202).send(await runs.start(req.actor, req.body.kind)))
  app.get('/api/customers/sync-runs', { schema: { tags, response: { 200: z.object({ items: z.array(Run) }) } }, config: { permission: 'org.sync' } },
    async (req) => runs.list(req.actor))
}
