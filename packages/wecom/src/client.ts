import type { Call, HttpFetch, RetryOptions } from './call'
import { createCaller } from './call'
import { contactWayApi } from './contact-way'
import { externalContactApi } from './external-contact'
import { undiciFetch } from './http'
import { mediaApi } from './media'
import { messageApi } from './message'
import { orgApi } from './org'
import { tagsApi } from './tags'
import type { Clock, TokenStore } from './token'
import { createTokenProvider } from './token'

/** Options of {@link createWeComClient}; the client takes everything from outside (STYLE.md). */
export interface WeComClientOptions {
  corpId: string
  /** The secret of one app; tokens are cached per (corpId, secret). */
  secret: string
  /** Default `agentid` for message.send. */
  agentId?: number
  /** Default `https://qyapi.weixin.qq.com`; a sandbox URL in tests. */
  baseUrl?: string
  /** Default: undici's request (http.ts). */
  fetch?: HttpFetch
  clock?: Clock
  /** Default: in memory. The app passes a PostgreSQL store so processes share tokens. */
  tokenStore?: TokenStore
  /** Back-off for -1/45009/45033; default `{ attempts: 2, baseDelayMs: 500 }`, attempts 0 disables. */
  retry?: RetryOptions
  /** Renew tokens this long before expiry; default 300 s. */
  earlyRenewSeconds?: number
  /** How back-off waits; injectable so tests need no timers. */
  sleep?: (ms: number) => Promise<void>
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * A WeCom server-API client for one app secret (CONTRACT §1, §3, CONTRACT-MORE §11–§13).
 * Every request goes through one `call`: access_token in the query (doc 91039), the decision on `errcode`
 * only, one transparent retry after 40014/42001, back-off with jitter on -1/45009/45033, and
 * {@link WeComError} for everything else. Families speak camelCase; the wire is snake_case.
 */
export const createWeComClient = (options: WeComClientOptions) => {
  const baseUrl = options.baseUrl ?? 'https://qyapi.weixin.qq.com'
  const fetchFn = options.fetch ?? undiciFetch
  const tokens = createTokenProvider({
    corpId: options.corpId,
    secret: options.secret,
    baseUrl,
    fetch: fetchFn,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.tokenStore ? { store: options.tokenStore } : {}),
    ...(options.earlyRenewSeconds !== undefined ? { earlyRenewSeconds: options.earlyRenewSeconds } : {}),
  })
  const call: Call = createCaller({
    baseUrl,
    fetch: fetchFn,
    tokens,
    retry: options.retry ?? { attempts: 2, baseDelayMs: 500 },
    sleep: options.sleep ?? realSleep,
    random: Math.random,
  })
  return {
    corpId: options.corpId,
    /** The token provider, e.g. to warm the cache or read the current token. */
    tokens,
    /** Escape hatch for APIs without a typed family yet; same token, retry and error rules. */
    call,
    externalContact: externalContactApi(call),
    contactWay: contactWayApi(call),
    tags: tagsApi(call),
    org: orgApi(call),
    message: messageApi(call, options.agentId),
    media: mediaApi(call),
  }
}

/** The object {@link createWeComClient} returns. */
export type WeComClient = ReturnType<typeof createWeComClient>
