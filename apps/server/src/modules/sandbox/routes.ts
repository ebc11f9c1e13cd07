import type { Sim } from '@pond/wecom-sim'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AcquisitionService } from '../acquisition'
import { sandboxError } from './errors'
import { Deliveries, ExternalUserParams, LiveCodeParams, Paging, ScanBody, ScanReply, SimContacts, SimCustomerInbox, SimCustomers, SimEmployeeInbox, UseridParams, WeComConditions } from './schema'

/** The sandbox view: what simulated customers and employees see, and a "simulate a scan" control. */
export const sandboxRoutes = (deps: { sim: Sim; acquisition: AcquisitionService; mediaBase: string }): FastifyPluginAsyncZod => async (app) => {
  const { world } = deps.sim
  const config = { permission: 'sandbox.use' } as const
  const tags = ['sandbox']
  const nameOf = (userid: string) => world.listEmployees().find((e) => e.userid === userid)?.name ?? userid
  let clearRefusals = () => {}

  // Newest first: the customer who just scanned is the one a user wants to look at.
  app.get('/api/sandbox/customers', { schema: { tags, querystring: Paging, response: { 200: SimCustomers } }, config }, async (req) => {
    const total = world.stats().customers
    const end = Math.max(0, total - req.query.offset)
    const page = world.listCustomers(Math.max(0, end - req.query.limit), Math.min(req.query.limit, end)).reverse()
    return { items: page.map((c) => ({ externalUserId: c.externalUserId, name: c.name, avatar: c.avatar })), total }
  })

  app.get('/api/sandbox/customers/:externalUserId/inbox', { schema: { tags, params: ExternalUserParams, response: { 200: SimCustomerInbox } }, config }, async (req) => ({
    items: world.customerInbox(req.params.externalUserId).flatMap((m) => m.kind !== 'welcome' ? [] : [{
      from: { userid: m.userid, name: nameOf(m.userid) }, at: new Date(m.at), text: m.text ?? '',
      attachments: m.attachments.map((a) => ({ ...a, ...(a.mediaUrl ? { mediaUrl: deps.mediaBase + a.mediaUrl } : {}) })),
    }]),
  }))

  app.get('/api/sandbox/customers/:externalUserId/contacts', { schema: { tags, params: ExternalUserParams, response: { 200: SimContacts } }, config }, async (req) => ({
    items: world.contactsOfCustomer(req.params.externalUserId).map((e) => ({ userid: e.userid, name: e.name, position: e.position })),
  }))

  app.get('/api/sandbox/employees/:userid/inbox', { schema: { tags, params: UseridParams, response: { 200: SimEmployeeInbox } }, config }, async (req) => ({
    items: world.employeeInbox(req.params.userid).flatMap((m) => m.kind !== 'app' ? [] : [{ at: new Date(m.at), msgtype: m.msgtype, content: m.body }]),
  }))

  app.post('/api/sandbox/live-codes/:id/scan', { schema: { tags, params: LiveCodeParams, body: ScanBody, response: { 201: ScanReply } }, config }, async (req, reply) => {
    const code = await deps.acquisition.get(req.actor, req.params.id)
    if (!code.configId) throw sandboxError('sandbox.live_code.not_in_wecom')
    const r = await world.scan({ configId: code.configId, ...(req.body.customerName ? { customer: { name: req.body.customerName } } : {}) })
    return reply.code(201).send({ externalUserId: r.externalUserId, customerName: world.getCustomer(r.externalUserId)?.name ?? '', userid: r.userid, state: r.state })
  })

  app.get('/api/sandbox/deliveries', { schema: { tags, querystring: Paging, response: { 200: Deliveries } }, config }, async (req) => ({
    items: deps.sim.deliveries().slice(-req.query.limit).reverse().map((d) => ({
      id: d.id, changeType: d.event.changeType, status: d.status, attempts: d.attempts, at: new Date(d.at), ...(d.lastError ? { lastError: d.lastError } : {}),
    })),
  }))

  // A bad day at WeCom, on demand: to watch a sync pace itself, retry and report what it could not read.
  app.put('/api/sandbox/wecom-conditions', { schema: { tags, body: WeComConditions, response: { 200: WeComConditions } }, config }, async (req) => {
    const c = req.body
    deps.sim.setLatency(c.latencyMs)
    deps.sim.setRateLimit({ ...(c.concurrencyPerApi ? { concurrencyPerApi: c.concurrencyPerApi } : {}), ...(c.perMinutePerApi ? { perMinutePerApi: c.perMinutePerApi } : {}) })
    clearRefusals()
    clearRefusals = c.refuseUserids.length === 0 ? () => {} : deps.sim.failCalls({
      api: '/externalcontact/batch/get_by_user', errcode: -1, matches: (body) => (body.userid_list as string[]).some((u) => c.refuseUserids.includes(u)),
    })
    return c
  })
}
