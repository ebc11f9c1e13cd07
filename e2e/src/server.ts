import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { chromium } from 'playwright-core'
import { inject } from 'vitest'
import { ensureDatabase } from '../../apps/server/src/db/database'

const ROOT = resolve(import.meta.dirname, '..', '..')

export interface RunningPond { url: string; stop(): Promise<void> }

/** Starts Pond exactly as `npm start` does (sandbox, small demo bank), on a random port; resolves with its URL. */
export async function startPond(env: Record<string, string>): Promise<RunningPond> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pond-e2e-'))
  await chmod(dataDir, 0o755)
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/server/src/cli.ts'), 'start'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '0', POND_DATA_DIR: dataDir, POND_DEMO_CUSTOMERS: '300', POND_DEMO_SCAN_SECONDS: '0', LOG_LEVEL: 'warn', ...env },
  })
  let output = ''
  child.stderr!.on('data', (d) => { output += String(d) })
  const url = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output += line + '\n'
      const m = /Pond is running: (\S+)/.exec(line)
      if (m) res(m[1]!)
    })
    child.once('exit', (code) => rej(new Error(`Pond exited with ${code}:\n${output}`)))
  })
  return {
    url,
    async stop() {
      await new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGTERM') })
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Debian's chromium, headless, with the flags that keep it off the network and quiet. */
export const launchChromium = () => chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
})

/** A Pond on its own fresh database (in the test run's PostgreSQL) with a known admin password. */
export async function startTestPond(name: string, adminPassword: string): Promise<RunningPond> {
  const databaseUrl = await ensureDatabase(inject('pgAdminUrl'), `${name}_${Date.now()}`)
  return startPond({ DATABASE_URL: databaseUrl, POND_ADMIN_PASSWORD: adminPassword })
}
