import { describe, expect, it } from 'vitest'
import { createWeComClient } from './client'
import { WeComError } from './errors'
import { base, fakeWeCom, ok, recordingSleep } from './fake-wecom.test-helper'

describe('client call', () => {
  it('puts access_token in the query, never in the body, and sends snake_case JSON', async () => {
    const remote = fakeWeCom({ 'externalcontact/mark_tag': () => ok() })
    const client = createWeComClient({ ...base, fetch: remote.fetch })
    await client.tags.markTag({ userid: 'zhangsan', externalUserId: 'wm1', addTag: ['et1'] })
    const request = remote.seen.find((s) => s.api === 'externalcontact/mark_tag')
    expect(request?.method).toBe('POST')
    expect(request?.query.get('access_token')).toBe('tok-1')
    expect(request?.contentType).toContain('application/json')
    expect(JSON.parse(String(request?.body))).toStrictEqual({ userid: 'zhangsan', external_userid: 'wm1', add_tag: ['et1'] })
    expect(String(request?.body)).not.toContain('access_token')
  })

  it('after 42001 invalidates the token, fetches one new token and retries once', async () => {
    const remote = fakeWeCom({
      'externalcontact/get_follow_user_list': ({ query }) =>
        query.get('access_token') === 'tok-1' ? { errcode: 42001, errmsg: 'access_token expired' } : ok({ follow_user: ['zhangsan'] }),
    })
    const client = createWeComClient({ ...base, fetch: remote.fetch })
    expect(await client.externalContact.getFollowUserList()).toStrictEqual(['zhangsan'])
    expect(remote.count('gettoken')).toBe(2)
    expect(remote.count('externalcontact/get_follow_user_list')).toBe(2)
    expect(remote.seen.at(-1)?.query.get('access_token')).toBe('tok-2')
  })

  it('surfaces a second token error in a row instead of looping', async () => {
    const remote = fakeWeCom({ 'externalcontact/get_follow_user_list': () => ({ errcode: 40014, errmsg: 'invalid access_token' }) })
    const client = createWeComClient({ ...base, fetch: remote.fetch })
    const error = await client.externalContact.getFollowUserList().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WeComError)
    expect(error).toMatchObject({ errcode: 40014, api: 'externalcontact/get_follow_user_list' })
    expect(remote.count('externalcontact/get_follow_user_list')).toBe(2)
    expect(remote.count('gettoken')).toBe(2)
  })

  it('backs off on 45009 up to the retry limit, then throws a retryable error', async () => {
    const remote = fakeWeCom({ 'externalcontact/list': () => ({ errcode: 45009, errmsg: 'api freq out of limit, hint: [x]' }) })
    const { delays, sleep } = recordingSleep()
    const client = createWeComClient({ ...base, fetch: remote.fetch, sleep, retry: { attempts: 3, baseDelayMs: 100 } })
    const error = await client.externalContact.list('zhangsan').catch((e: unknown) => e)
    expect(error).toMatchObject({ errcode: 45009, isRetryable: true, reason: 'freq_limit', api: 'externalcontact/list' })
    expect(remote.count('externalcontact/list')).toBe(4)
    expect(delays).toHaveLength(3)
    delays.forEach((delay, n) => {
      expect(delay).toBeGreaterThanOrEqual((100 * 2 ** n) / 2)
      expect(delay).toBeLessThanOrEqual(100 * 2 ** n)
    })
    expect(remote.count('gettoken')).toBe(1)
  })

  it('recovers when a retryable error clears, and retries non-JSON gateway replies', async () => {
    const replies: (object | string)[] = [{ errcode: -1, errmsg: 'system busy' }, '<html>502</html>', ok({ external_userid: ['wm1'] })]
    const remote = fakeWeCom({ 'externalcontact/list': () => replies.shift() ?? ok() })
    const { delays, sleep } = recordingSleep()
    const client = createWeComClient({ ...base, fetch: remote.fetch, sleep })
    expect(await client.externalContact.list('zhangsan')).toStrictEqual(['wm1'])
    expect(delays).toHaveLength(2)
    expect(remote.seen.find((s) => s.api === 'externalcontact/list')?.query.get('userid')).toBe('zhangsan')
  })

  it('does not retry when attempts is 0', async () => {
    const remote = fakeWeCom({ 'externalcontact/list': () => ({ errcode: 45033, errmsg: 'concurrency' }) })
    const client = createWeComClient({ ...base, fetch: remote.fetch, retry: { attempts: 0, baseDelayMs: 1 } })
    await expect(client.externalContact.list('u')).rejects.toMatchObject({ errcode: 45033, isRetryable: true })
    expect(remote.count('externalcontact/list')).toBe(1)
  })

  it('lets one call take its own back-off: batch/get_by_user surfaces 45033 at once for a caller that paces itself', async () => {
    const remote = fakeWeCom({ 'externalcontact/batch/get_by_user': () => ({ errcode: 45033, errmsg: 'api concurrent out of limit' }) })
    const { delays, sleep } = recordingSleep()
    const client = createWeComClient({ ...base, fetch: remote.fetch, sleep, retry: { attempts: 3, baseDelayMs: 100 } })
    await expect(client.externalContact.batchGetByUser({ userIdList: ['u'] }, { retry: { attempts: 0, baseDelayMs: 0 } })).rejects.toMatchObject({ errcode: 45033 })
    expect(remote.count('externalcontact/batch/get_by_user')).toBe(1)
    await expect(client.externalContact.batchGetByUser({ userIdList: ['u'] })).rejects.toMatchObject({ errcode: 45033 })
    expect(remote.count('externalcontact/batch/get_by_user')).toBe(5)
    expect(delays).toHaveLength(3)
  })

  it('turns a business errcode in a 200 body into WeComError with the api name, without retrying', async () => {
    const remote = fakeWeCom({ 'externalcontact/mark_tag': () => ({ errcode: 40068, errmsg: 'invalid tagid' }) })
    const { delays, sleep } = recordingSleep()
    const client = createWeComClient({ ...base, fetch: remote.fetch, sleep })
    const error = await client.tags.markTag({ userid: 'u', externalUserId: 'wm', addTag: ['bad'] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WeComError)
    expect(error).toMatchObject({ errcode: 40068, errmsg: 'invalid tagid', api: 'externalcontact/mark_tag', reason: 'invalid_tag', isRetryable: false })
    expect(remote.count('externalcontact/mark_tag')).toBe(1)
    expect(delays).toHaveLength(0)
  })

  it('keeps a base URL path prefix', async () => {
    const remote = fakeWeCom({ 'externalcontact/list': () => ok({ external_userid: [] }) })
    const seenUrls: string[] = []
    const fetch = ((input: string | URL | Request, init?: RequestInit) => {
      seenUrls.push(String(input))
      return remote.fetch(new URL(String(input).replace('/sandbox', '')), init)
    }) as typeof globalThis.fetch
    await createWeComClient({ ...base, baseUrl: 'https://wecom.test/sandbox/', fetch }).externalContact.list('u')
    expect(seenUrls.every((u) => u.startsWith('https://wecom.test/sandbox/cgi-bin/'))).toBe(true)
  })
})
