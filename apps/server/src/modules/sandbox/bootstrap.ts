import { createSim, type Sim, type WorldSnapshot } from '@pond/wecom-sim'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { WeComSettings } from '../../wecom/adapter'

/** `port` is kept too: avatar and media URLs the sandbox handed out stay valid across restarts. */
export interface SandboxKeys { corpId: string; secret: string; agentId: number; token: string; encodingAESKey: string; port?: number }

const newKeys = (): SandboxKeys => ({
  corpId: 'ww' + randomBytes(8).toString('hex'),
  secret: randomBytes(24).toString('base64url'),
  agentId: 1000002,
  token: randomBytes(16).toString('hex').slice(0, 32),
  encodingAESKey: randomBytes(32).toString('base64').slice(0, 43).replace(/[+/]/g, 'A'),
  port: 40_000 + randomBytes(2).readUInt16BE() % 10_000,
})

/** The sandbox corp's identity is generated once and kept in the data dir, so restarts find the same corp. */
export async function loadSandboxKeys(file: string): Promise<SandboxKeys> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as SandboxKeys
  const keys = newKeys()
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, JSON.stringify(keys, null, 2), { mode: 0o600 })
  return keys
}

/**
 * Starts the built-in WeCom sandbox on loopback; Pond then talks to it exactly as to qyapi.weixin.qq.com.
 * With `worldFile`, the sandbox's world (its employees, customers, contact ways, messages) is loaded from
 * and saved to that file, so it survives restarts like Pond's own database does.
 */
export async function startSandbox(keys: SandboxKeys, opts: { port?: number; corpName: string; worldFile?: string; clock?: { now(): number }; rateLimit?: { perMinutePerApi?: number; concurrencyPerApi?: number } }): Promise<{ sim: Sim; url: string; settings: WeComSettings; save(): Promise<void> }> {
  const snapshot = opts.worldFile && existsSync(opts.worldFile) ? JSON.parse(await readFile(opts.worldFile, 'utf8')) as WorldSnapshot : undefined
  const sim = createSim({ corpId: keys.corpId, agentId: keys.agentId, secret: keys.secret, corpName: opts.corpName, ...(snapshot ? { snapshot } : {}), ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}) })
  const save = async () => {
    if (!opts.worldFile) return
    const tmp = `${opts.worldFile}.tmp`
    await writeFile(tmp, JSON.stringify(sim.snapshot()))
    await rename(tmp, opts.worldFile)                    // atomic: a crash mid-write keeps the last good world
  }
  const url = await sim.listen({ port: opts.port || keys.port || 0, host: '127.0.0.1' })
    .catch((err: NodeJS.ErrnoException) => { if (err.code === 'EADDRINUSE') return sim.listen({ port: 0, host: '127.0.0.1' }); throw err })
  return {
    sim, url, save,
    settings: {
      corpId: keys.corpId, corpName: opts.corpName, secret: keys.secret, agentId: keys.agentId,
      callbackToken: keys.token, encodingAESKey: keys.encodingAESKey, apiBaseUrl: url, isSandbox: true,
    },
  }
}
