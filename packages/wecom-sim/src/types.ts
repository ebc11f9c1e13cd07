import type { FastifyInstance } from 'fastify'
import type { FaultRule } from './faults'
import type { RateLimitOptions } from './rate-limit'
import type { WorldSnapshot } from './world/snapshot'
import type { World } from './world/world'

export interface Clock {
  now(): number // ms
}

export interface CallbackConfig {
  url: string
  token: string
  encodingAESKey: string
}

export interface SimOptions {
  corpId: string
  agentId: number
  secret: string
  callback?: CallbackConfig
  /** Base URL used in qr_code URLs and media links; defaults to the listen address. */
  publicBaseUrl?: string
  clock?: Clock
  tokenTtlSeconds?: number // default 7200 (CONTRACT §1.1)
  welcomeCodeTtlSeconds?: number // default 20 (CONTRACT §3.5)
  rateLimit?: RateLimitOptions
  delivery?: { timeoutMs?: number; retries?: number; retryDelayMs?: number }
  /**
   * Business caps (CONTRACT §9.2); lower them in tests. `customersPerEmployee`: a takeover at this many
   * customers gets no more by transfer (40099 at start, status 4 at completion); default 50,000 (UNCONFIRMED).
   */
  limits?: { contactWayQuota?: number; corpTags?: number; customersPerEmployee?: number }
  /** Name of the root department before any seeding; default "企业". */
  corpName?: string
  /** Start from this world (from `sim.snapshot()`, possibly through JSON) instead of an empty corp. */
  snapshot?: WorldSnapshot
}

/** Events the sim emits, in the self-built app format (CONTRACT §7.1). */
export interface ExternalContactEvent {
  event: 'change_external_contact'
  changeType: 'add_external_contact' | 'del_external_contact' | 'del_follow_user' | 'transfer_fail'
  /** The member; for `transfer_fail` the takeover member. */
  userid: string
  externalUserId: string
  state?: string
  welcomeCode?: string
  /** del_external_contact only: `DELETE_BY_TRANSFER` when an on-job transfer removed the handover's relation. */
  source?: 'DELETE_BY_TRANSFER'
  /** transfer_fail only (CONTRACT §7.1). */
  failReason?: 'customer_refused' | 'customer_limit_exceed'
  createTime: number // seconds
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

export interface DeliveryRecord {
  id: string
  event: ExternalContactEvent
  url?: string
  attempts: number
  status: DeliveryStatus
  lastError?: string
  at: number // ms, when the event was emitted
  settledAt?: number
}

export interface ScanResult {
  externalUserId: string
  userid: string
  welcomeCode: string
  state: string
  configId: string
  delivery: Promise<DeliveryRecord>
}

export interface ChangeResult {
  externalUserId: string
  userid: string
  delivery: Promise<DeliveryRecord>
}

export interface Sim {
  world: World
  app: FastifyInstance
  listen(opts?: { port?: number; host?: string }): Promise<string>
  close(): Promise<void>
  setCallback(cb: CallbackConfig): void
  deliveries(): DeliveryRecord[]
  idle(): Promise<void>
  /** `world.snapshot()`: the world as plain JSON, to pass back as `SimOptions.snapshot` after a restart. */
  snapshot(): WorldSnapshot
  /** Switches 45009/45033 limits on, off or to other numbers while running (CONTRACT §9.3). */
  setRateLimit(limits: RateLimitOptions): void
  /** Every API call (not gettoken) takes this long to answer; 0 turns it off. */
  setLatency(ms: number): void
  /** Matching calls answer the rule's errcode; returns a function that clears the rule. */
  failCalls(rule: FaultRule): () => void
}
