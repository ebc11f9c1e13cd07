import { afterEach } from 'vitest'
import { createSim } from '../server'
import type { Sim, SimOptions } from '../types'

/** Shared test setup: a sim with a controllable clock and a helper that calls the WeCom API with a token. */

export const CORP_ID = 'ww1436e0e65a779aee'
export const SECRET = 'app-secret-for-tests'
export const AGENT_ID = 1000002
export const CALLBACK_TOKEN = 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo'
export const AES_KEY = '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt'

export interface TestClock {
  now(): number
  advance(ms: number): void
}

export function testClock(start = Date.UTC(2026, 0, 5, 2, 0, 0)): TestClock {
  let t = start
  return { now: () => t, advance: (ms) => { t += ms } }
}

export interface Harness {
  sim: Sim
  clock: TestClock
  token(): Promise<string>
  /** POST (with body) or GET (query only) a /cgi-bin API with a fresh token. */
  call(path: string, body?: unknown, query?: Record<string, string>): Promise<Record<string, unknown>>
}

export function harness(opts: Partial<SimOptions> = {}): Harness {
  const clock = testClock()
  const sim = createSim({ corpId: CORP_ID, agentId: AGENT_ID, secret: SECRET, clock, publicBaseUrl: 'http://sim.test', ...opts })
  let cached: string | undefined
  const token = async () => {
    const res = await sim.app.inject({ method: 'GET', url: `/cgi-bin/gettoken?corpid=${CORP_ID}&corpsecret=${SECRET}` })
    cached = (res.json() as { access_token: string }).access_token
    return cached
  }
  const call = async (path: string, body?: unknown, query: Record<string, string> = {}) => {
    const qs = new URLSearchParams({ access_token: cached ?? (await token()), ...query })
    const res = await sim.app.inject({
      method: body === undefined ? 'GET' : 'POST',
      url: `/cgi-bin/${path}?${qs}`,
      ...(body === undefined ? {} : { payload: body as object }),
    })
    return res.json() as Record<string, unknown>
  }
  return { sim, clock, token, call }
}

/** A small org: root, one department, three active members and one not activated. */
export function seedSmallOrg(sim: Sim): void {
  sim.world.addDepartment({ id: 2, name: '零售银行部', parentId: 1 })
  sim.world.addEmployee({ userid: 'zhangsan', name: '张三', departments: [2], position: '客户经理' })
  sim.world.addEmployee({ userid: 'lisi', name: '李四', departments: [2], position: '理财经理' })
  sim.world.addEmployee({ userid: 'wangwu', name: '王五', departments: [1, 2] })
  sim.world.addEmployee({ userid: 'newbie', name: '新人', departments: [2], status: 4 })
}

/** Per test file: `setup()` gives a harness over a small seeded org; every sim it made closes after each test. */
export function seededSims() {
  const sims: Sim[] = []
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()))
  })
  return (opts: Parameters<typeof harness>[0] = {}) => {
    const h = harness(opts)
    sims.push(h.sim)
    seedSmallOrg(h.sim)
    return h
  }
}
