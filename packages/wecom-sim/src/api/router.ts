import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { WeComError, formatErrmsg, wecomError } from '../errors'
import type { Faults } from '../faults'
import type { RateLimiter } from '../rate-limit'
import type { TokenStore } from '../tokens'
import type { Clock } from '../types'
import type { World } from '../world/world'
import type { Body } from './params'

export interface CgiDeps {
  world: World
  tokens: TokenStore
  limiter: RateLimiter
  faults: Faults
  clock: Clock
  corpId: string
  agentId: number
  secret: string
  /** The configured or listening base URL, if known; else the request's own host is used. */
  baseUrl(): string | undefined
}

export interface CgiContext {
  query: Record<string, string | undefined>
  body: Body
  request: FastifyRequest
  reply: FastifyReply
  now: number
  baseUrl: string
}

/** Returned by a handler that wrote the reply itself (media/get streams bytes). */
export const SENT = Symbol('sent')
export type CgiHandler = (ctx: CgiContext) => Body | typeof SENT | Promise<Body | typeof SENT>

export interface CgiRouter {
  get(path: string, handler: CgiHandler, opts?: RouteOpts): void
  post(path: string, handler: CgiHandler, opts?: RouteOpts): void
}

interface RouteOpts {
  /** gettoken is the only API without access_token. */
  public?: boolean
  bodyLimit?: number
}

export type CgiFamily = (router: CgiRouter, deps: CgiDeps) => void

const WRONG_JSON = Symbol('wrong json')
const UPLOAD_LIMIT = 25 * 1024 * 1024 // file media ≤ 20 MB plus multipart overhead (CONTRACT-MORE §13.1)
const admitted = new WeakMap<FastifyRequest, string>()

/** Mounts the WeCom API under /cgi-bin: errors are HTTP 200 `{ errcode, errmsg }`, token in the query only. */
export function registerCgi(app: FastifyInstance, deps: CgiDeps, families: CgiFamily[]): void {
  void app.register(async (cgi) => {
    installParsers(cgi)
    cgi.addHook('onRequest', async (req) => {
      const api = req.routeOptions.url
      if (!api) return
      deps.limiter.enter(api)
      admitted.set(req, api)
    })
    cgi.addHook('onResponse', async (req) => {
      const api = admitted.get(req)
      if (api) deps.limiter.leave(api)
    })
    cgi.setErrorHandler((err: FastifyError | WeComError, req, reply) => {
      const wecom = err instanceof WeComError ? err : fromFastifyError(err)
      const errmsg = formatErrmsg(wecom, req.ip, deps.clock.now())
      return reply.code(200).header('error-code', String(wecom.errcode)).send({ errcode: wecom.errcode, errmsg })
    })
    cgi.setNotFoundHandler((req, reply) => reply.code(404).send({ errcode: 404, errmsg: `api not found: ${req.url.split('?')[0]}` }))
    const router = createRouter(cgi, deps)
    for (const family of families) family(router, deps)
  }, { prefix: '/cgi-bin' })
}

function createRouter(cgi: FastifyInstance, deps: CgiDeps): CgiRouter {
  const add = (method: 'GET' | 'POST', path: string, handler: CgiHandler, opts: RouteOpts = {}) => {
    cgi.route({
      method: ['GET', 'POST'],
      url: path,
      bodyLimit: opts.bodyLimit ?? UPLOAD_LIMIT,
      handler: async (request, reply) => {
        const now = deps.clock.now()
        deps.world.completeDueTransfers() // transfers complete lazily, whenever the world is read (world/transfers.ts)
        const query = flatQuery(request.query)
        if (!opts.public) deps.tokens.check(query.access_token, now)
        if (request.method !== method) throw wecomError(40058, `${path} must be called with ${method}`)
        if (request.body === WRONG_JSON) throw wecomError(40058, 'Warning: wrong json format.')
        const body = isBody(request.body) ? request.body : {}
        if (!opts.public) await deps.faults.apply(path, body)
        const baseUrl = deps.baseUrl() ?? `${request.protocol}://${request.host}`
        const result = await handler({ query, body, request, reply, now, baseUrl })
        if (result === SENT) return reply
        return reply.send({ errcode: 0, errmsg: 'ok', ...result })
      },
    })
  }
  return { get: (p, h, o) => add('GET', p, h, o), post: (p, h, o) => add('POST', p, h, o) }
}

/** Bodies are parsed leniently so a bad body becomes WeCom's 40058, not a Fastify 400. */
function installParsers(cgi: FastifyInstance): void {
  cgi.removeAllContentTypeParsers()
  cgi.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, parseJson(String(body))))
  cgi.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, body, done) => done(null, body))
  cgi.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, parseJson(body.toString('utf8'))))
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch {
    return WRONG_JSON
  }
}

const isBody = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v)

function flatQuery(query: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    out[k] = Array.isArray(v) ? String(v[0]) : v === undefined ? undefined : String(v)
  }
  return out
}

function fromFastifyError(err: FastifyError): WeComError {
  if (err.statusCode === 413) return wecomError(45001, 'request body too large')
  if (err.statusCode && err.statusCode < 500) return wecomError(40058, err.message)
  return wecomError(-1)
}
