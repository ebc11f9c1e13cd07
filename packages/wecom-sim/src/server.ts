import Fastify from 'fastify'
import { contactWayApi } from './api/contact-way'
import { externalContactApi } from './api/external-contact'
import { mediaApi } from './api/media'
import { messageApi } from './api/message'
import { orgApi } from './api/org'
import { registerCgi } from './api/router'
import { tagsApi } from './api/tags'
import { tokenApi } from './api/token'
import { transferApi } from './api/transfer'
import { welcomeApi } from './api/welcome'
import { CallbackDeliverer } from './callbacks'
import { decodeAesKey } from './crypto'
import { Faults } from './faults'
import { RateLimiter } from './rate-limit'
import { TokenStore } from './tokens'
import type { Clock, Sim, SimOptions } from './types'
import { registerWorldRoutes } from './world-routes'
import { World, type WorldDeps } from './world/world'

/** Builds the sandbox: the world, the WeCom API under /cgi-bin, the world API under /sim and the callback sender. */
export function createSim(opts: SimOptions): Sim {
  validateOptions(opts)
  const clock = opts.clock ?? { now: () => Date.now() }
  let listenUrl: string | undefined
  const baseUrl = () => (opts.publicBaseUrl ?? listenUrl)?.replace(/\/+$/, '')
  const deliverer = createDeliverer(opts, clock)
  const world = createWorld(opts, clock, deliverer, baseUrl)
  const app = Fastify({ logger: false })
  const tokens = new TokenStore((opts.tokenTtlSeconds ?? 7200) * 1000)
  const limiter = new RateLimiter(opts.rateLimit ?? {}, clock)
  const faults = new Faults()
  const { corpId, agentId, secret } = opts
  const families = [tokenApi, orgApi, externalContactApi, transferApi, contactWayApi, tagsApi, welcomeApi, messageApi, mediaApi]
  registerCgi(app, { world, tokens, limiter, faults, clock, corpId, agentId, secret, baseUrl }, families)
  registerWorldRoutes(app, { world, deliverer, agentId, baseUrl })
  return {
    world,
    app,
    async listen(listenOpts = {}) {
      listenUrl = await app.listen({ port: listenOpts.port ?? 0, host: listenOpts.host ?? '127.0.0.1' })
      return listenUrl
    },
    async close() {
      await deliverer.close()
      await app.close()
    },
    setCallback: (cb) => deliverer.setCallback(cb),
    deliveries: () => deliverer.records(),
    idle: () => deliverer.idle(),
    snapshot: () => world.snapshot(),
    setRateLimit: (limits) => limiter.configure(limits),
    setLatency: (ms) => { faults.latencyMs = ms },
    failCalls: (rule) => faults.fail(rule),
  }
}

function createDeliverer(opts: SimOptions, clock: Clock): CallbackDeliverer {
  return new CallbackDeliverer({
    corpId: opts.corpId,
    agentId: opts.agentId,
    clock,
    ...(opts.callback ? { callback: opts.callback } : {}),
    timeoutMs: opts.delivery?.timeoutMs ?? 5000, // WeCom waits 5 s, then retries 3 times (CONTRACT §2.5)
    retries: opts.delivery?.retries ?? 3,
    retryDelayMs: opts.delivery?.retryDelayMs ?? 1000,
  })
}

function createWorld(opts: SimOptions, clock: Clock, deliverer: CallbackDeliverer, baseUrl: () => string | undefined): World {
  const deps: WorldDeps = {
    corpId: opts.corpId,
    corpName: opts.corpName ?? '企业',
    clock,
    welcomeCodeTtlSeconds: opts.welcomeCodeTtlSeconds ?? 20, // CONTRACT §3.5
    contactWayQuota: opts.limits?.contactWayQuota ?? 500_000, // CONTRACT §3.3
    corpTagLimit: opts.limits?.corpTags ?? 3000, // CONTRACT §3.2
    customerLimit: opts.limits?.customersPerEmployee ?? 50_000, // UNCONFIRMED: WeCom's per-member cap varies by corp
    emit: (event) => deliverer.deliver({ ...event, createTime: Math.floor(clock.now() / 1000) }),
    baseUrl,
  }
  return opts.snapshot ? World.fromSnapshot(deps, opts.snapshot) : new World(deps)
}

function validateOptions(opts: SimOptions): void {
  if (!/^w[wx][0-9a-zA-Z]{16}$/.test(opts.corpId)) throw new Error(`corpId ${opts.corpId} is not a WeCom corp id (CONTRACT §10)`)
  if (!Number.isInteger(opts.agentId) || opts.agentId <= 0) throw new Error('agentId must be a positive integer')
  if (!opts.secret) throw new Error('secret is required')
  if (opts.callback) decodeAesKey(opts.callback.encodingAESKey)
}
