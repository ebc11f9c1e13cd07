import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { CustomerIdParams } from '../schema'
import { NoteBody, NoteList, NoteListQuery, NoteParams, NoteView } from './schema'
import type { NotesService } from './service'

export const noteRoutes = (notes: NotesService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['notes']
  const write = { permission: 'customers.note.write' } as const
  app.get('/api/customers/:id/notes', { schema: { tags, params: CustomerIdParams, querystring: NoteListQuery, response: { 200: NoteList } }, config: { permission: 'customers.read' } },
    async (req) => notes.list(req.actor, req.params.id, req.query))
  app.post('/api/customers/:id/notes', { schema: { tags, params: CustomerIdParams, body: NoteBody, response: { 201: NoteView } }, config: write },
    async (req, reply) => reply.code(201).send(await notes.create(req.actor, req.params.id, req.body)))
  app.put('/api/customers/:id/notes/:noteId', { schema: { tags, params: NoteParams, body: NoteBody, response: { 200: NoteView } }, config: write },
    async (req) => notes.update(req.actor, req.params.id, req.params.noteId, req.body))
  app.delete('/api/customers/:id/notes/:noteId', { schema: { tags, params: NoteParams, response: { 204: z.null() } }, config: write },
    async (req, reply) => { await notes.remove(req.actor, req.params.id, req.params.noteId); return reply.code(204).send(null) })
}
