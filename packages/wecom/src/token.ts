import { createHash } from 'node:crypto'
import { cgiUrl, type HttpFetch } from './call'
import { undiciFetch } from './http'
import { WeComError } from './errors'

/** Milliseconds since the epoch; injectable so tests and the app control time. */
export interface Clock {
  now(): number
}

/** A cached access token; `expiresAt` is when WeCom stops accepting it (ms since the epoch). */
export interface StoredToken {
  token: string
  expiresAt: number
}

/**
 * Where access tokens live. The app implements it over PostgreSQL so several processes share one token
 * per (corp, secret) instead of each calling gettoken (CONTRACT §1.3).
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>
  set(key: string, value: StoredToken): Promise<void>
  delete(key: string): Promise<void>
}

/** A process-local {@link TokenStore}; the default when none is given. */
export const createMemoryTokenStore = (): TokenStore => {
  const tokens = new Map<string, StoredToken>()
  return {
    get: async (key) => tokens.get(key),
    set: async (key, value) => void tokens.set(key, value),
    delete: async (key) => void tokens.delete(key),
  }
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() }

/**
 * Cache key for one (corpid, secret) pair — tokens are bound to the secret that fetched them (doc 91039).
 * Only a SHA-256 prefix of the secret is used, so the key can be logged and stored without leaking it.
 */
export const tokenCacheKey = (corpId: string, secret: string): string =>
  `wecom:token:${corpId}:${createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 16)}`

/** Options of {@link createTokenProvider}. */
export interface TokenProviderOptions {
  corpId: string
  secret: string
  baseUrl?: string
  fetch?: HttpFetch
  clock?: Clock
  store?: TokenStore
  /** Renew this long before WeCom's `expires_in` runs out; default 300 s. */
  earlyRenewSeconds?: number
}

/** Hands out access tokens for one (corpid, secret); see {@link createTokenProvider}. */
export interface TokenProvider {
  /** The store key, derived by {@link tokenCacheKey}. */
  readonly key: string
  getToken(): Promise<string>
  /** Forget `staleToken` after WeCom rejected it (40014/42001); a newer cached token is kept. */
  invalidate(staleToken?: string): Promise<void>
}

interface GettokenReply {
  errcode?: number
  errmsg?: string
  access_token?: string
  expires_in?: number
}

type GettokenOptions = Required<Pick<TokenProviderOptions, 'corpId' | 'secret' | 'baseUrl' | 'fetch'>>

const requestToken = async (options: GettokenOptions) => {
  const url = cgiUrl(options.baseUrl, 'gettoken')
  url.searchParams.set('corpid', options.corpId)
  url.searchParams.set('corpsecret', options.secret)
  const res = await options.fetch(url, { method: 'GET' })
  const nonJson: GettokenReply = { errcode: -1, errmsg: `non-JSON gettoken reply (HTTP ${res.status})` }
  const reply = await res.text().then((t) => (JSON.parse(t) as GettokenReply | null) ?? nonJson).catch(() => nonJson)
  const errcode = reply.errcode ?? 0
  if (errcode !== 0 || !reply.access_token || typeof reply.expires_in !== 'number') {
    const errmsg = reply.errmsg ?? 'gettoken returned no token'
    throw new WeComError({ errcode: errcode || -1, errmsg, api: 'gettoken' })
  }
  return { token: reply.access_token, expiresInSeconds: reply.expires_in }
}

/**
 * Access-token provider for one (corpid, secret) — `GET /cgi-bin/gettoken`, doc 91039.
 * Concurrent callers share one in-flight gettoken (single flight), tokens are renewed `earlyRenewSeconds`
 * before they expire, and {@link TokenProvider.invalidate} drops a token WeCom rejected.
 */
export const createTokenProvider = (options: TokenProviderOptions): TokenProvider => {
  const fetchFn = options.fetch ?? undiciFetch
  const baseUrl = options.baseUrl ?? 'https://qyapi.weixin.qq.com'
  const clock = options.clock ?? systemClock
  const store = options.store ?? createMemoryTokenStore()
  const earlyRenewMs = (options.earlyRenewSeconds ?? 300) * 1000
  const key = tokenCacheKey(options.corpId, options.secret)
  let inflight: Promise<string> | undefined
  // This process's copy: every API call needs the token, and the shared store is a database round trip.
  let memo: StoredToken | undefined
  // Bumped as invalidate starts and ends: a store read overlapping it must not put the rejected token back in memo.
  let generation = 0

  const isFresh = (stored: StoredToken): boolean => clock.now() < stored.expiresAt - earlyRenewMs

  const refresh = async (): Promise<string> => {
    const current = await store.get(key) // another process may have refreshed while we waited
    if (current && isFresh(current)) return current.token
    const fetchedAt = clock.now()
    try {
      const { token, expiresInSeconds } = await requestToken({ ...options, baseUrl, fetch: fetchFn })
      memo = { token, expiresAt: fetchedAt + expiresInSeconds * 1000 }
      await store.set(key, memo)
      return token
    } catch (error) {
      // An early renewal that fails must not break callers while the old token is still valid.
      if (current && fetchedAt < current.expiresAt) return current.token
      throw error
    }
  }

  const getToken = async (): Promise<string> => {
    if (memo && isFresh(memo)) return memo.token
    const readAt = generation
    const stored = await store.get(key)
    if (stored && isFresh(stored)) {
      if (readAt === generation) memo = stored
      return stored.token
    }
    inflight ??= refresh().finally(() => {
      inflight = undefined
    })
    return inflight
  }

  const invalidate = async (staleToken?: string): Promise<void> => {
    generation++
    if (memo && (staleToken === undefined || memo.token === staleToken)) memo = undefined
    const stored = await store.get(key)
    if (stored && (staleToken === undefined || stored.token === staleToken)) await store.delete(key)
    generation++                                        // and a read that overlapped the delete
  }

  return { key, getToken, invalidate }
}
