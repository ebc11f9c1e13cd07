import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { TagService } from './service'
import { GroupView, IdParams, NewGroup, NewTags, Rename } from './schema'

export const tagRoutes = (tags: TagService): FastifyPluginAsyncZod => async (app) => {
  const t = ['tags']
  const config = { permission: 'customers.tag.write' } as const
  app.post('/api/tag-groups', { schema: { tags: t, body: NewGroup, response: { 201: GroupView } }, config },
    async (req, reply) => reply.code(201).send(await tags.createGroup(req.actor, req.body)))
  app.post('/api/tag-groups/:id/tags', { schema: { tags: t, params: IdParams, body: NewTags, response: { 201: GroupView } }, config },
    async (req, reply) => reply.code(201).send(await tags.addTags(req.actor, req.params.id, req.body.names)))
  app.patch('/api/tag-groups/:id', { schema: { tags: t, params: IdParams, body: Rename, response: { 200: GroupView } }, config },
    async (req) => tags.renameGroup(req.actor, req.params.id, req.body.name))
  app.patch('/api/tags/:id', { schema: { tags: t, params: IdParams, body: Rename, response: { 200: GroupView } }, config },
    async (req) => tags.renameTag(req.actor, req.params.id, req.body.name))
  app.delete('/api/tags/:id', { schema: { tags: t, params: IdParams, response: { 204: z.null() } }, config },
    async (req, reply) => { await tags.deleteTag(req.actor, req.params.id); return reply.code(204).send(null) })
  app.delete('/api/tag-groups/:id', { schema: { tags: t, params: IdParams, response: { 204: z.null() } }, config },
    async (req, reply) => { await tags.deleteGroup(req.actor, req.params.id); return reply.code(204).send(null) })
}
