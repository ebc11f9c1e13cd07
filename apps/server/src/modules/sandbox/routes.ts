import { SimError, type ScanInput, type Sim } from '@pond/wecom-sim'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import type { Actor } from '../../http/actor'
import type { AcquisitionService } from '../acquisition'
import { isFissionState, type PersonalWays } from '../fission'
import { sandboxError } from './errors'
import {
  ConfigIdParams, Deliveries, ExternalUserParams, LiveCodeParams, Paging, SandboxWays, ScanBody, ScanReply, SimContacts, SimCustomerInbox, SimCustomers,
  SimEmployeeInbox, UseridParams, WayQuery, WayScanBody, WeComConditions,
} from './schema'

/** The sandbox view: what simulated customers and employees see, and a "simulate a scan" control. */
export const sandboxRoutes = (deps: { sim: Sim; acquisition: AcquisitionService; fissionWays: PersonalWays; mediaBase: string }): FastifyPluginAsyncZod => async (app) => {
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

  /** Through world.scan, like a phone: WeCom calls Pond back with the way's State (add_external_contact). */
  const scan = async (input: ScanInput) => {
    const r = await world.scan(input).catch((err: unknown) => { throw err instanceof SimError ? sandboxError('sandbox.scan.refused', { reason: err.message }) : err })
    return { externalUserId: r.externalUserId, customerName: world.getCustomer(r.externalUserId)?.name ?? '', userid: r.userid, state: r.state }
  }

  app.post('/api/sandbox/live-codes/:id/scan', { schema: { tags, params: LiveCodeParams, body: ScanBody, response: { 201: ScanReply } }, config }, async (req, reply) => {
    const code = await deps.acquisition.get(req.actor, req.params.id)
    if (!code.configId) throw sandboxError('sandbox.live_code.not_in_wecom')
    return reply.code(201).send(await scan({ configId: code.configId, ...(req.body.customerName ? { customer: { name: req.body.customerName } } : {}) }))
  })

  // Every QR a customer could scan, named by what Pond made it for; newest first, as the way just made is the one to try.
  app.get('/api/sandbox/contact-ways', { schema: { tags, querystring: WayQuery, response: { 200: SandboxWays } }, config }, async (req) => {
    const keyword = req.query.q?.toLowerCase()
    const matches = (...texts: string[]) => !keyword || texts.some((s) => s.toLowerCase().includes(keyword))
    const ways = (await describeWays(req.actor)).filter((w) => matches(w.name, w.channelGroup, w.initiator?.name ?? '', w.state, w.configId))
    return { items: ways.slice(0, req.query.limit), total: ways.length }
  })

  app.post('/api/sandbox/contact-ways/:configId/scan', { schema: { tags, params: ConfigIdParams, body: WayScanBody, response: { 201: ScanReply } }, config }, async (req, reply) => {
    if (!world.getContactWay(req.params.configId)) throw sandboxError('sandbox.contact_way.not_found')
    const { externalUserId, customerName } = req.body
    if (externalUserId && !world.getCustomer(externalUserId)) throw sandboxError('sandbox.customer.not_found')
    const customer = externalUserId ? { externalUserId } : customerName ? { name: customerName } : undefined
    return reply.code(201).send(await scan({ configId: req.params.configId, ...(customer ? { customer } : {}) }))
  })

  async function describeWays(actor: Actor): Promise<z.infer<typeof SandboxWays>['items']> {
    const ways = world.scannableContactWays()
    const liveCodeOf = await deps.acquisition.idsByState(actor.corpId)
    const codes = new Map((await deps.acquisition.channelsByIds(actor.corpId, ways.flatMap((w) => liveCodeOf.get(w.state) ?? []))).map((c) => [c.liveCodeId, c]))
    const personal = new Map((await deps.fissionWays(actor, ways.filter((w) => isFissionState(w.state)).map((w) => w.configId))).map((p) => [p.configId, p]))
    return ways.flatMap((w): z.infer<typeof SandboxWays>['items'] => {
      const base = { configId: w.configId, state: w.state, members: world.contactWays.members(w).length, createdAt: new Date(w.createdAt) }
      const code = codes.get(liveCodeOf.get(w.state) ?? '')
      if (code) return [{ ...base, kind: 'live_code', name: code.name, channelGroup: code.channelGroup, activityId: null, initiator: null }]
      const p = personal.get(w.configId)
      if (p) return [{ ...base, kind: 'fission', name: p.activityName, channelGroup: '', activityId: p.activityId, initiator: p.initiator }]
      // An initiator's way out of the actor's scope stays unnamed and unlisted, like the participant itself.
      if (isFissionState(w.state)) return []
      return [{ ...base, kind: 'other', name: w.remark, channelGroup: '', activityId: null, initiator: null }]
    })
  }

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
