import { describe, expect, it } from 'vitest'
import { WeComError } from './errors'
import { createMemoryTokenStore, createTokenProvider, tokenCacheKey } from './token'

const SECRET = 'app-secret-do-not-leak'

/** A fake WeCom gettoken endpoint whose replies are held until `release()`, so callers really overlap. */
const fakeGettoken = (reply: () => object = () => ({})) => {
  const state = { requests: 0, issued: 0, held: [] as (() => void)[] }
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input))
    expect(url.pathname).toBe('/cgi-bin/gettoken')
    expect(url.searchParams.get('corpid')).toBe('ww1')
    expect(url.searchParams.get('corpsecret')).toBe(SECRET)
    state.requests++
    await new Promise<void>((resolve) => state.held.push(resolve))
    state.issued++
    return Response.json({ errcode: 0, errmsg: 'ok', access_token: `token-${state.issued}`, expires_in: 7200, ...reply() })
  }) as typeof globalThis.fetch
  const release = () => state.held.splice(0).forEach((resolve) => resolve())
  return { state, fetch, release }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

const manualClock = (start: number) => {
  const clock = { at: start, now: () => clock.at }
  return clock
}

describe('TokenProvider', () => {
  it('serves 50 concurrent callers with exactly one gettoken', async () => {
    const remote = fakeGettoken()
    const provider = createTokenProvider({ corpId: 'ww1', secret: SECRET, fetch: remote.fetch })
    const pending = Promise.all(Array.from({ length: 50 }, () => provider.getToken()))
    await settle()
    remote.release()
    const tokens = await pending
    expect(remote.state.requests).toBe(1)
    expect(new Set(tokens)).toEqual(new Set(['token-1']))
  })

  it('renews exactly once when the clock enters the early-renewal window', async () => {
    const clock = manualClock(1_000_000)
    const remote = fakeGettoken()
    const provider = createTokenProvider({ corpId: 'ww1', secret: SECRET, fetch: remote.fetch, clock })
    const first = provider.getToken()
    await settle()
    remote.release()
    expect(await first).toBe('token-1')

    clock.at += (7200 - 300) * 1000 - 1 // one millisecond before the window
    expect(await provider.getToken()).toBe('token-1')
    expect(remote.state.requests).toBe(1)

    clock.at += 1
    const renewed = Promise.all(Array.from({ length: 50 }, () => provider.getToken()))
    await settle()
    remote.release()
    expect(new Set(await renewed)).toEqual(new Set(['token-2']))
    expect(remote.state.requests).toBe(2)
  })

  it('honours a custom early-renewal window', async () => {
    const clock = manualClock(0)
    const remote = fakeGettoken()
    const provider = createTokenProvider({ corpId: 'ww1', secret: SECRET, fetch: remote.fetch, clock, earlyRenewSeconds: 0 })
    const first = provider.getToken()
    await settle()
    remote.release()
    await first
    clock.at = 7200 * 1000 - 1
    expect(await provider.getToken()).toBe('token-1')
    expect(remote.state.requests).toBe(1)
  })

  it('invalidate drops only the token that was rejected', async () => {
    const remote = fakeGettoken()
    const store = createMemoryTokenStore()
    const provider = createTokenProvider({ corpId: 'ww1', secret: SECRET, fetch: remote.fetch, store })
    const first = provider.getToken()
    await settle()
    remote.release()
    await first
    await provider.invalidate('some-older-token')
    expect(await store.get(provider.key)).toMatchObject({ token: 'token-1' })
    await provider.invalidate('token-1')
    expect(await store.get(provider.key)).toBeUndefined()
  })

  it('shares tokens between providers through the store', async () => {
    const remote = fakeGettoken()
    const store = createMemoryTokenStore()
    const a = createTokenProvider({ corpId: 'ww1', secret: SECRET, fetch: remote.fetch, store })
    const b = createTokenProvider({ corpId: 'ww1', secret: SECRET, fetch: remote.fetch, store })
    const first = a.getToken()
    await settle()
    remote.release()
    await first
    expect(await b.getToken()).toBe('token-1')
    expect(remote.state.requests).toBe(1)
  })

  it('keys the cache by corp and a hash of the secret, never the raw secret', () => {
    const key = tokenCacheKey('ww1', SECRET)
    expect(key).not.toContain(SECRET)
    expect(key).toContain('ww1')
    expect(tokenCacheKey('ww1', 'other-secret')).not.toBe(key)
    expect(tokenCacheKey('ww1', SECRET)).toBe(key)
  })

  it('surfaces gettoken errors as WeComError with api "gettoken"', async () => {
    const remote = fakeGettoken(() => ({ errcode: 40001, errmsg: 'invalid credential', access_token: undefined }))
    const provider = createTokenProvider({ corpId: 'ww1', secret: SECRET, fetch: remote.fetch })
    const pending = provider.getToken()
    await settle()
    remote.release()
    const error = await pending.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WeComError)
    expect(error).toMatchObject({ errcode: 40001, api: 'gettoken', reason: 'invalid_secret', isRetryable: false })
  })

  it('keeps using a still-valid token when an early renewal fails', async () => {
    const clock = manualClock(0)
    let fail = false
    const remote = fakeGettoken(() => (fail ? { errcode: 45009, errmsg: 'api freq out of limit' } : {}))
    const provider = createTokenProvider({ corpId: 'ww1', secret: SECRET, fetch: remote.fetch, clock })
    const first = provider.getToken()
    await settle()
    remote.release()
    await first
    fail = true
    clock.at = 7000 * 1000 // inside the renewal window, before expiry
    const renewal = provider.getToken()
    await settle()
    remote.release()
    expect(await renewal).toBe('token-1')
    expect(remote.state.requests).toBe(2)
  })

  it('keeps a fresh token in memory: the shared store is read once, and again after WeCom rejects the token', async () => {
    const remote = fakeGettoken()
    const inner = createMemoryTokenStore()
    const reads = { n: 0 }
    const store = { ...inner, get: (key: string) => { reads.n++; return inner.get(key) } }
    await store.set(tokenCacheKey('ww1', SECRET), { token: 'shared', expiresAt: Date.now() + 3_600_000 })
    const provider = createTokenProvider({ corpId: 'ww1', secret: SECRET, fetch: remote.fetch, store })
    for (let i = 0; i < 5; i++) expect(await provider.getToken()).toBe('shared')
    expect(reads.n).toBe(1)
    await provider.invalidate('shared')
    const renewed = provider.getToken()
    await settle()
    remote.release()
    expect(await renewed).toBe('token-1')
    expect(remote.state.requests).toBe(1)
  })

  it('a store read that overlaps an invalidation does not bring the rejected token back', async () => {
    const remote = fakeGettoken()
    const inner = createMemoryTokenStore()
    await inner.set(tokenCacheKey('ww1', SECRET), { token: 'rejected', expiresAt: Date.now() + 3_600_000 })
    let holdNext = true
    let releaseRead = () => {}
    const store = {
      ...inner,
      get: async (key: string) => {
        const value = await inner.get(key)                   // read now, answer later: a slow round trip
        if (!holdNext) return value
        holdNext = false
        await new Promise<void>((resolve) => { releaseRead = resolve })
        return value
      },
    }
    const provider = createTokenProvider({ corpId: 'ww1', secret: SECRET, fetch: remote.fetch, store })
    const slow = provider.getToken()                           // its read started before the invalidation
    await settle()
    await provider.invalidate('rejected')                      // another caller saw WeCom refuse it
    releaseRead()
    expect(await slow).toBe('rejected')                        // that caller gets its one retry elsewhere
    const next = provider.getToken()
    await settle()
    remote.release()
    expect(await next).toBe('token-1')                         // not the rejected token from memory
  })
})
