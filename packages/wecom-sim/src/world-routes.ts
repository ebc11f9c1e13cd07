import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import { sendMedia } from './api/media'
import type { CallbackDeliverer } from './callbacks'
import { SimError, WeComError, simInvalid, simNotFound } from './errors'
import { avatarSvg, scanPage } from './scan-page'
import { customerView, employeeView, followView } from './world-views'
import type { ScanInput, World } from './world/world'

export interface WorldRouteDeps {
  world: World
  deliverer: CallbackDeliverer
  agentId: number
  baseUrl(): string | undefined
}

type Params = Record<string, string>
type Query = Record<string, string | undefined>

/** The sandbox's own JSON API under /sim: read the world, act as a customer, inspect deliveries. */
export function registerWorldRoutes(app: FastifyInstance, deps: WorldRouteDeps): void {
  void app.register(async (sim) => {
    sim.setErrorHandler((err: FastifyError | SimError | WeComError, _req, reply) => {
      const { status, code, message } = toSimError(err)
      return reply.code(status).send({ error: { code, message } })
    })
    sim.addHook('onRequest', async () => void deps.world.completeDueTransfers()) // transfers complete lazily on reads
    readRoutes(sim, deps)
    actionRoutes(sim, deps)
    assetRoutes(sim, deps)
  }, { prefix: '/sim' })
}

function readRoutes(sim: FastifyInstance, deps: WorldRouteDeps): void {
  const { world, deliverer, agentId } = deps
  sim.get('/summary', async () => ({ corpId: world.corpId, agentId, stats: world.stats() }))
  sim.get('/departments', async () => ({ departments: world.listDepartments() }))
  sim.get('/employees', async () => ({ employees: world.listEmployees().map((e) => employeeView(world, e)) }))
  sim.get<{ Params: Params }>('/employees/:userid/inbox', async (req) => {
    if (!world.org.findEmployee(req.params.userid)) throw simNotFound('employee', req.params.userid)
    return { messages: world.employeeInbox(req.params.userid) }
  })
  sim.get<{ Querystring: Query }>('/customers', async (req) => {
    const limit = intParam(req.query.limit, 'limit', 50, 1, 1000)
    const offset = intParam(req.query.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER)
    const items = world.listCustomers(offset, limit).map((c) => customerView(world, c, baseOf(req, deps)))
    return { total: world.stats().customers, offset, limit, items }
  })
  sim.get<{ Params: Params }>('/customers/:externalUserId', async (req) => customerDetail(req, deps))
  sim.get<{ Params: Params }>('/customers/:externalUserId/inbox', async (req) => {
    customerOrThrow(world, req.params.externalUserId)
    return { messages: world.customerInbox(req.params.externalUserId) }
  })
  sim.get('/transfers', async () => ({ pending: world.pendingTransfers() }))
  sim.get<{ Querystring: Query }>('/deliveries', async (req) => {
    const limit = intParam(req.query.limit, 'limit', 100, 1, 5000)
    return { deliveries: deliverer.records().reverse().slice(0, limit) }
  })
}

function customerDetail(req: FastifyRequest<{ Params: Params }>, deps: WorldRouteDeps) {
  const { world } = deps
  const customer = customerOrThrow(world, req.params.externalUserId)
  return {
    customer: customerView(world, customer, baseOf(req, deps)),
    follows: world.followsOfCustomer(customer.externalUserId).map((f) => followView(world, f)),
    contacts: world.contactsOfCustomer(customer.externalUserId),
  }
}

function actionRoutes(sim: FastifyInstance, { world }: WorldRouteDeps): void {
  sim.post<{ Body: unknown }>('/scan', async (req, reply) => {
    const { delivery: _delivery, ...result } = await world.scan(parseScan(req.body))
    return reply.code(201).send(result)
  })
  sim.post<{ Params: Params; Body: unknown }>('/customers/:externalUserId/delete-employee', async (req) => {
    const userid = bodyString(req.body, 'userid')
    const { delivery: _delivery, ...result } = await world.customerDeletesEmployee(req.params.externalUserId, userid)
    return result
  })
  sim.post<{ Params: Params; Body: unknown }>('/employees/:userid/delete-customer', async (req) => {
    const externalUserId = bodyString(req.body, 'externalUserId')
    const { delivery: _delivery, ...result } = await world.employeeDeletesCustomer(req.params.userid, externalUserId)
    return result
  })
  sim.post<{ Params: Params }>('/customers/:externalUserId/refuse-transfer', async (req) => {
    const { delivery: _delivery, ...result } = world.refuseTransfer(req.params.externalUserId)
    return result
  })
  sim.post<{ Params: Params; Body: unknown }>('/employees/:userid/status', async (req) => {
    const status = (req.body as Record<string, unknown> | undefined)?.status
    if (status !== 1 && status !== 2 && status !== 4 && status !== 5) throw simInvalid('status must be 1, 2, 4 or 5')
    return employeeView(world, world.setEmployeeStatus(req.params.userid, status))
  })
}

function assetRoutes(sim: FastifyInstance, deps: WorldRouteDeps): void {
  const { world } = deps
  const qrCache = new Map<string, Buffer>()
  sim.get<{ Params: Params }>('/scan/:configId', async (req, reply) => {
    const way = world.contactWays.find(req.params.configId)
    if (!way) throw simNotFound('contact_way', req.params.configId)
    return reply.type('text/html; charset=utf-8').send(scanPage(way, world.contactWays.members(way)))
  })
  sim.get<{ Params: Params }>('/qr/:file', async (req, reply) => {
    const configId = req.params.file.replace(/\.png$/, '')
    if (!world.contactWays.find(configId)) throw simNotFound('contact_way', configId)
    const target = `${baseOf(req, deps)}/sim/scan/${configId}`
    const png = qrCache.get(target) ?? (await QRCode.toBuffer(target, { type: 'png', margin: 2, width: 300 }))
    qrCache.set(target, png)
    return reply.type('image/png').send(png)
  })
  sim.get<{ Params: Params }>('/media/:mediaId', async (req, reply) => {
    const media = world.media.find(req.params.mediaId, world.now())
    if (!media) throw simNotFound('media', req.params.mediaId)
    sendMedia(reply, media, 'inline')
    return reply
  })
  sim.get<{ Params: Params }>('/avatar/:file', async (req, reply) => {
    const id = req.params.file.replace(/\.svg$/, '')
    const svg = avatarSvg(id, world.getCustomer(id)?.name ?? '客')
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg)
  })
}

function baseOf(req: FastifyRequest, deps: Pick<WorldRouteDeps, 'baseUrl'>): string {
  return deps.baseUrl() ?? `${req.protocol}://${req.host}`
}

function customerOrThrow(world: World, externalUserId: string | undefined) {
  const customer = world.getCustomer(externalUserId ?? '')
  if (!customer) throw simNotFound('customer', externalUserId ?? '')
  return customer
}

function parseScan(body: unknown): ScanInput {
  const input = (body ?? {}) as Record<string, unknown>
  if (typeof input !== 'object' || Array.isArray(input)) throw simInvalid('body must be an object')
  const configId = optionalString(input, 'configId')
  const state = optionalString(input, 'state')
  if (configId === undefined && state === undefined) throw simInvalid('configId or state is required')
  const raw = input.customer
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) throw simInvalid('customer must be an object')
  const c = (raw ?? {}) as Record<string, unknown>
  const gender = c.gender as 0 | 1 | 2 | undefined
  if (gender !== undefined && ![0, 1, 2].includes(gender)) throw simInvalid('customer.gender must be 0, 1 or 2')
  const customer = { externalUserId: optionalString(c, 'externalUserId'), name: optionalString(c, 'name'), avatar: optionalString(c, 'avatar'), gender }
  return { configId, state, ...(raw !== undefined ? { customer: stripUndefined(customer) } : {}) }
}

const stripUndefined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T

function optionalString(o: Record<string, unknown>, name: string): string | undefined {
  const v = o[name]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string' || v === '') throw simInvalid(`${name} must be a non-empty string`)
  return v
}

function bodyString(body: unknown, name: string): string {
  const value = typeof body === 'object' && body !== null ? optionalString(body as Record<string, unknown>, name) : undefined
  if (value === undefined) throw simInvalid(`${name} is required`)
  return value
}

function intParam(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) throw simInvalid(`${name} must be an integer in [${min}, ${max}]`)
  return value
}

function toSimError(err: FastifyError | SimError | WeComError): { status: number; code: string; message: string } {
  if (err instanceof SimError) return { status: err.status, code: err.code, message: err.message }
  if (err instanceof WeComError) return { status: 400, code: `wecom.${err.errcode}`, message: err.message }
  if (err.statusCode && err.statusCode < 500) return { status: err.statusCode, code: 'sim.request.invalid', message: err.message }
  return { status: 500, code: 'internal', message: 'internal error' }
}
