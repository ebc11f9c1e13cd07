import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { TagRuleService } from './rules'
import { FailureList, IdParams, TagJobBody, TagJobList, TagJobQuery, TagJobView, TagRuleBody, TagRuleList, TagRuleView } from './schema'
import type { TagJobService } from './service'

/** Both need customers.tag.write: a job's counts describe audiences beyond a manager's or employee's scope. */
export const tagJobRoutes = (jobs: TagJobService, rules: TagRuleService): FastifyPluginAsyncZod => async (app) => {
  const config = { permission: 'customers.tag.write' } as const
  const tags = ['tag-jobs']
  app.post('/api/tag-jobs', { schema: { tags, body: TagJobBody, response: { 201: TagJobView } }, config },
    async (req, reply) => reply.code(201).send(await jobs.create(req.actor, req.body)))
  app.get('/api/tag-jobs', { schema: { tags, querystring: TagJobQuery, response: { 200: TagJobList } }, config },
    async (req) => jobs.list(req.actor, req.query))
  app.get('/api/tag-jobs/:id', { schema: { tags, params: IdParams, response: { 200: TagJobView } }, config },
    async (req) => jobs.get(req.actor, req.params.id))
  app.post('/api/tag-jobs/:id/cancel', { schema: { tags, params: IdParams, response: { 200: TagJobView } }, config },
    async (req) => jobs.cancel(req.actor, req.params.id))
  app.get('/api/tag-jobs/:id/failures', { schema: { tags, params: IdParams, response: { 200: FailureList } }, config },
    async (req) => jobs.failures(req.actor, req.params.id))

  const ruleTags = ['tag-rules']
  app.get('/api/tag-rules', { schema: { tags: ruleTags, response: { 200: TagRuleList } }, config },
    async (req) => rules.list(req.actor))
  app.post('/api/tag-rules', { schema: { tags: ruleTags, body: TagRuleBody, response: { 201: TagRuleView } }, config },
    async (req, reply) => reply.code(201).send(await rules.create(req.actor, req.body)))
  app.put('/api/tag-rules/:id', { schema: { tags: ruleTags, params: IdParams, body: TagRuleBody, response: { 200: TagRuleView } }, config },
    async (req) => rules.update(req.actor, req.params.id, req.body))
  app.delete('/api/tag-rules/:id', { schema: { tags: ruleTags, params: IdParams, response: { 204: z.null() } }, config },
    async (req, reply) => { await rules.remove(req.actor, req.params.id); return reply.code(204).send(null) })
  app.post('/api/tag-rules/:id/run', { schema: { tags: ruleTags, params: IdParams, response: { 201: TagJobView } }, config },
    async (req, reply) => reply.code(201).send(await rules.runNow(req.actor, req.params.id)))
}
