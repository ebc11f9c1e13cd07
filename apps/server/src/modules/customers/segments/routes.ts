import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { segmentsError } from './errors'
import { MAX_DEPTH } from './expression'
import { CountReply, PreviewReply, SegmentBody, SegmentIdParams, SegmentList, SegmentQuery, SegmentView } from './schema'
import type { SegmentsService } from './service'

/** Each operator is two JSON levels ({ op, args: [ … ] }); anything deeper than the rule allows is refused before zod recurses into it. */
const MAX_JSON_DEPTH = 2 * MAX_DEPTH + 3

function jsonDepth(value: unknown): number {
  let max = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length) {
    const [v, depth] = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    if (depth > max) max = depth
    if (max > MAX_JSON_DEPTH) break
    for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
  return max
}

const guardDepth = async (req: FastifyRequest) => {
  const expression = (req.body as { expression?: unknown } | undefined)?.expression
  if (jsonDepth(expression) > MAX_JSON_DEPTH) throw segmentsError('customers.segment.too_complex', { limit: 'depth', max: MAX_DEPTH })
}

export const segmentsRoutes = (segments: SegmentsService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['segments']
  const read = { permission: 'customers.read' } as const
  const write = { permission: 'customers.segment.write' } as const
  app.post('/api/segments/count', { schema: { tags, body: SegmentQuery, response: { 200: CountReply } }, config: read, preValidation: guardDepth },
    async (req) => segments.count(req.actor, req.body))
  app.post('/api/segments/preview', { schema: { tags, body: SegmentQuery, response: { 200: PreviewReply } }, config: read, preValidation: guardDepth },
    async (req) => segments.preview(req.actor, req.body))
  app.get('/api/segments', { schema: { tags, response: { 200: SegmentList } }, config: read },
    async (req) => segments.list(req.actor))
  app.post('/api/segments', { schema: { tags, body: SegmentBody, response: { 201: SegmentView } }, config: write, preValidation: guardDepth },
    async (req, reply) => reply.code(201).send(await segments.create(req.actor, req.body)))
  app.get('/api/segments/:id', { schema: { tags, params: SegmentIdParams, response: { 200: SegmentView } }, config: read },
    async (req) => segments.get(req.actor, req.params.id))
  app.put('/api/segments/:id', { schema: { tags, params: SegmentIdParams, body: SegmentBody, response: { 200: SegmentView } }, config: write, preValidation: guardDepth },
    async (req) => segments.update(req.actor, req.params.id, req.body))
  app.delete('/api/segments/:id', { schema: { tags, params: SegmentIdParams, response: { 204: z.null() } }, config: write },
    async (req, reply) => { await segments.remove(req.actor, req.params.id); return reply.code(204).send(null) })
  app.post('/api/segments/:id/materialize', { schema: { tags, params: SegmentIdParams, response: { 200: CountReply } }, config: write },
    async (req) => segments.materialize(req.actor, req.params.id))
}
