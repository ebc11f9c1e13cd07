import fastifyCookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify'
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import { existsSync } from 'node:fs'
import type { Logger } from '../logger'
import { can, type Actor, type Permission } from './actor'
import { AppError, httpError } from './errors'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Checked by the global auth hook; routes without it and without `public` need only a session. */
    permission?: Permission
    /** No session needed (login, health, WeCom callbacks). */
    public?: boolean
  }
  interface FastifyRequest {
    actor: Actor
  }
}

export const SESSION_COOKIE = 'pond_session'

export interface HttpOptions {
  log: Logger
  resolveSession(sessionId: string): Promise<Actor | undefined>
  webDist?: string
  /** Bodies above this are refused with 413 before they are parsed. */
  bodyLimit?: number
}

export type HttpServer = Awaited<ReturnType<typeof createHttpServer>>

export async function createHttpServer(opts: HttpOptions) {
  // Per-request access logs only at debug: at bank scale they would drown everything else.
  const httpLog = opts.log.child({ component: 'http' }, { level: opts.log.isLevelEnabled('debug') ? opts.log.level : 'warn' })
  const app = Fastify({ loggerInstance: httpLog, bodyLimit: opts.bodyLimit ?? 1024 * 1024 })
    .withTypeProvider<ZodTypeProvider>()
  const hasWeb = !!opts.webDist && existsSync(opts.webDist)
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.decorateRequest('actor', null as unknown as Actor)
  await app.register(fastifyCookie)
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Pond API', version: '0.1.0', description: 'Pond SCRM console API. Authenticate with POST /api/auth/login (session cookie).' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas named with .meta({ id }) (recursive ones such as TagExpression) are emitted as components and referenced.
    transformObject: jsonSchemaTransformObject,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger())
  app.get('/healthz', { schema: { hide: true }, config: { public: true } }, async () => ({ ok: true }))

  app.addHook('onRequest', async (req) => {
    const config = req.routeOptions.config
    if (config.public || !req.url.startsWith('/api/')) return
    const sessionId = req.cookies[SESSION_COOKIE] ?? bearer(req)
    const actor = sessionId ? await opts.resolveSession(sessionId) : undefined
    if (!actor) throw httpError('auth.required')
    if (config.permission && !can(actor, config.permission)) throw httpError('auth.forbidden')
    req.actor = actor
  })
  app.setErrorHandler((err, req, reply) => sendError(toAppError(err as FastifyError, req), req, reply))
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && hasWeb && !isApiPath(req.url)) return reply.sendFile('index.html')
    return sendError(httpError('route.not_found'), req, reply)
  })
  if (hasWeb) await app.register(fastifyStatic, { root: opts.webDist!, wildcard: false })
  return app
}

// /h5/api/ is customers' (signed personal links, no session): outside the session hook, but an API all the same.
const isApiPath = (url: string) => url.startsWith('/api/') || url.startsWith('/h5/api/') || url.startsWith('/wecom/') || url.startsWith('/docs') || url === '/openapi.json'

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined
}

function toAppError(err: FastifyError, req: FastifyRequest): AppError {
  if (err instanceof AppError) return err
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => ({ path: `${err.validationContext ?? ''}${v.instancePath}`, message: v.message }))
    return httpError('request.invalid', { fields })
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return httpError('request.too_large')
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return httpError('request.unsupported_media_type')
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return httpError('request.malformed', { reason: err.message })
  // Logged once here, at the edge, with the request id.
  req.log.error({ err, reqId: req.id }, 'unhandled error')
  return httpError('internal')
}

function sendError(err: AppError, req: FastifyRequest, reply: FastifyReply) {
  const lang = String(req.headers['accept-language'] ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh'
  const body: Record<string, unknown> = { code: err.code, message: err.messages[lang] }
  if (err.details !== undefined) body.details = err.details
  return reply.code(err.status).type('application/json').send(JSON.stringify({ error: body }))
}
