import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { CORP_ID, SECRET, harness } from '../testing/harness'
import type { Sim } from '../types'

const sims: Sim[] = []
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()))
})

async function gettoken(sim: Sim, query: string) {
  const res = await sim.app.inject({ method: 'GET', url: `/cgi-bin/gettoken?${query}` })
  expect(res.statusCode).toBe(200) // errors are HTTP 200 with errcode (CONTRACT conventions)
  return res.json() as { errcode: number; errmsg: string; access_token?: string; expires_in?: number }
}

describe('gettoken and access_token checks (CONTRACT §1.1)', () => {
  it('issues a token for the right corpid and secret', async () => {
    const { sim } = harness()
    sims.push(sim)
    const body = await gettoken(sim, `corpid=${CORP_ID}&corpsecret=${SECRET}`)
    expect(body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 })
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{32,512}$/)
  })

  it.each([
    [`corpsecret=${SECRET}`, 41002],
    [`corpid=${CORP_ID}`, 41004],
    [`corpid=ww0000000000000000&corpsecret=${SECRET}`, 40013],
    [`corpid=${CORP_ID}&corpsecret=wrong`, 40001],
  ])('gettoken?%s → %i with the WeCom errmsg suffix', async (query, errcode) => {
    const { sim } = harness()
    sims.push(sim)
    const body = await gettoken(sim, query)
    expect(body.errcode).toBe(errcode)
    expect(body.errmsg).toMatch(new RegExp(`, hint: \\[\\d+\\], from ip: .+, more info at https://open\\.work\\.weixin\\.qq\\.com/devtool/query\\?e=${errcode}$`))
  })

  it('rejects missing (41001), unknown (40014) and body-borne tokens', async () => {
    const { sim, token } = harness()
    sims.push(sim)
    const missing = await sim.app.inject({ method: 'GET', url: '/cgi-bin/externalcontact/get_follow_user_list' })
    expect(missing.json()).toMatchObject({ errcode: 41001 })
    const unknown = await sim.app.inject({ method: 'GET', url: '/cgi-bin/externalcontact/get_follow_user_list?access_token=nope' })
    expect(unknown.json()).toMatchObject({ errcode: 40014 })
    const inBody = await sim.app.inject({ method: 'POST', url: '/cgi-bin/externalcontact/get_corp_tag_list', payload: { access_token: await token() } })
    expect(inBody.json()).toMatchObject({ errcode: 41001 })
  })

  it('expires tokens after tokenTtlSeconds by the injected clock (42001)', async () => {
    const { sim, clock, call } = harness({ tokenTtlSeconds: 60 })
    sims.push(sim)
    expect(await call('externalcontact/get_follow_user_list')).toMatchObject({ errcode: 0 })
    clock.advance(59_999)
    expect(await call('externalcontact/get_follow_user_list')).toMatchObject({ errcode: 0 })
    clock.advance(1)
    expect(await call('externalcontact/get_follow_user_list')).toMatchObject({ errcode: 42001 })
  })

  it('answers a wrong method or bad JSON with 40058 and an unknown API with 404', async () => {
    const { sim, call, token } = harness()
    sims.push(sim)
    expect(await call('externalcontact/add_contact_way')).toMatchObject({ errcode: 40058 })
    const bad = await sim.app.inject({
      method: 'POST', url: `/cgi-bin/externalcontact/add_contact_way?access_token=${await token()}`,
      headers: { 'content-type': 'application/json' }, payload: '{not json',
    })
    expect(bad.json()).toMatchObject({ errcode: 40058 })
    expect((bad.json() as { errmsg: string }).errmsg).toContain('wrong json format')
    const missing = await sim.app.inject({ method: 'GET', url: '/cgi-bin/no/such/api' })
    expect(missing.statusCode).toBe(404)
  })
})

describe('rate limits (CONTRACT §9.3)', () => {
  it('answers 45009 past the per-minute count of one API and resets next minute', async () => {
    const { sim, clock, call } = harness({ rateLimit: { perMinutePerApi: 3 } })
    sims.push(sim)
    clock.advance(60_000 - (clock.now() % 60_000)) // start of a minute window
    await call('externalcontact/get_follow_user_list') // gettoken is a different API
    await call('externalcontact/get_follow_user_list')
    await call('externalcontact/get_follow_user_list')
    expect(await call('externalcontact/get_follow_user_list')).toMatchObject({ errcode: 45009 })
    expect(await call('externalcontact/get_corp_tag_list', {})).toMatchObject({ errcode: 0 })
    clock.advance(60_000)
    expect(await call('externalcontact/get_follow_user_list')).toMatchObject({ errcode: 0 })
  })

  it('answers 45033 while another call of the same API is in flight', async () => {
    const { sim, token } = harness({ rateLimit: { concurrencyPerApi: 1 } })
    sims.push(sim)
    const access = await token()
    const base = await sim.listen()
    const path = `/cgi-bin/externalcontact/get_corp_tag_list?access_token=${access}`
    const { port } = new URL(base)
    let text = ''
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': 2 } })
    const slow = new Promise<string>((resolve) => req.on('response', (res) => {
      res.on('data', (c: Buffer) => { text += c.toString() })
      res.on('end', () => resolve(text))
    }))
    req.write('{') // the body is unfinished, so this call stays in flight
    await new Promise((r) => setTimeout(r, 50))
    const second = await fetch(`${base}${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
    expect(await second.json()).toMatchObject({ errcode: 45033 })
    req.end('}')
    expect(JSON.parse(await slow)).toMatchObject({ errcode: 0 })
  })
})
