import { createCallbackCrypto } from '@pond/wecom'
import { seedDemoBank, type Sim } from '@pond/wecom-sim'
import { randomBytes } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { inject } from 'vitest'
import { createApp, type PondApp } from '../app'
import { ensureDatabase } from '../db/database'
import { createLogger } from '../logger'
import { sandboxRoutes, startSandbox, type SandboxKeys } from '../modules/sandbox'
import { connectWeCom } from '../wecom/adapter'

export const TEST_KEYS: SandboxKeys = {
  corpId: 'ww1436e0e65a779aee', secret: 'test-secret-1234567890', agentId: 1000002,
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo', encodingAESKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
}

/** A fresh database cloned from the migrated template: every test file gets its own. */
export async function testDatabaseUrl(): Promise<string> {
  return ensureDatabase(inject('pgAdminUrl'), `pond_t_${randomBytes(6).toString('hex')}`, inject('pgTemplate'))
}

export interface TestApp {
  app: PondApp
  sim: Sim
  baseUrl: string
  /** A logged-in admin's cookie header. */
  adminCookie: string
  login(username: string, password: string): Promise<string>
  /** A console API request in process, as the admin unless another session's cookie is given. */
  api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, cookie?: string): Promise<LightMyRequestResponse>
  close(): Promise<void>
}

/**
 * The whole service as in production — real PostgreSQL, real pg-boss, the sandbox speaking WeCom's
 * protocol over HTTP with encrypted callbacks — seeded with a small demo org.
 */
export async function testApp(opts: { databaseUrl?: string; role?: 'all' | 'api' | 'worker'; seed?: boolean; prepare?: (sim: Sim) => void; simClock?: { now(): number }; simRateLimit?: { perMinutePerApi?: number; concurrencyPerApi?: number } } = {}): Promise<TestApp> {
  const databaseUrl = opts.databaseUrl ?? await testDatabaseUrl()
  const { sim, settings } = await startSandbox(TEST_KEYS, { corpName: '测试银行', ...(opts.simClock ? { clock: opts.simClock } : {}), ...(opts.simRateLimit ? { rateLimit: opts.simRateLimit } : {}) })
  if (opts.seed !== false) seedDemoBank(sim.world, { seed: 3, employees: 20 })
  opts.prepare?.(sim)
  const app = await createApp({
    databaseUrl, log: createLogger('silent'), role: opts.role ?? 'all', fissionNoticeSlotSeconds: 1,
    wecom: (db) => connectWeCom(settings, db),
    extraRoutes: (a) => [sandboxRoutes({ sim, acquisition: a.acquisition, fissionWays: a.fissionWays, mediaBase: settings.apiBaseUrl })],
  })
  await app.start()
  const baseUrl = await app.http.listen({ port: 0, host: '127.0.0.1' })
  sim.setCallback({ url: `${baseUrl}/wecom/callback`, token: TEST_KEYS.token, encodingAESKey: TEST_KEYS.encodingAESKey })
  await app.syncFromWeCom()
  await app.org.ensureFirstAdmin(app.corp.id, 'admin', 'admin-password')
  const login = async (username: string, password: string) => {
    const res = await app.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`)
    const cookie = res.cookies.find((c) => c.name === 'pond_session')!
    return `${cookie.name}=${cookie.value}`
  }
  const adminCookie = await login('admin', 'admin-password')
  return {
    app, sim, baseUrl, login, adminCookie,
    api: (method, url, payload, cookie = adminCookie) => app.http.inject({ method, url, payload: payload as object, headers: { cookie } }),
    async close() { await sim.close(); await app.stop() },
  }
}

/** Polls until `check` returns a value (jobs run asynchronously); the bound only stops a hung test. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what = 'condition', bound = 30_000): Promise<T> {
  const until = Date.now() + bound
  for (;;) {
    const v = await check()
    if (v) return v
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Waits until every stored callback that mentions `needle` (an external_userid, say) has been processed. */
export const callbacksProcessed = (app: PondApp, needle: string) =>
  eventually(async () => (await app.db.selectFrom('inboxEvent').select('id').where('processedAt', 'is', null).where('payload', 'like', `%${needle}%`).execute()).length === 0, `callbacks of ${needle} processed`)

/** Builds a callback request exactly as WeCom would (CONTRACT §2.3), for crafted and replayed deliveries. */
export function sealCallback(xml: string, keys: Pick<SandboxKeys, 'token' | 'encodingAESKey' | 'corpId'> = TEST_KEYS) {
  const crypto = createCallbackCrypto({ token: keys.token, encodingAESKey: keys.encodingAESKey, receiveId: keys.corpId })
  const encrypt = crypto.encrypt(xml)
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = String(Math.floor(Math.random() * 1e9))
  const body = `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`
  return { url: `/wecom/callback?msg_signature=${crypto.sign(timestamp, nonce, encrypt)}&timestamp=${timestamp}&nonce=${nonce}`, body }
}

export const contactEventXml = (e: { changeType: string; userid: string; externalUserId: string; createTime: number; state?: string; welcomeCode?: string }) =>
  `<xml><ToUserName><![CDATA[${TEST_KEYS.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${e.createTime}</CreateTime>` +
  `<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[${e.changeType}]]></ChangeType>` +
  `<UserID><![CDATA[${e.userid}]]></UserID><ExternalUserID><![CDATA[${e.externalUserId}]]></ExternalUserID>` +
  (e.state !== undefined ? `<State><![CDATA[${e.state}]]></State>` : '') + (e.welcomeCode ? `<WelcomeCode><![CDATA[${e.welcomeCode}]]></WelcomeCode>` : '') + `</xml>`
