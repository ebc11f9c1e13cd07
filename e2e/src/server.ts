import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
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

/** What a browser test file shares: its Pond, a chromium, and the admin's console session for API calls. */
export interface BrowserSuite {
  pond: RunningPond
  browser: Browser
  password: string
  /** The admin's session cookie (set in beforeAll). */
  cookie: string
  /** Signs in to the console on `page` (admin unless told otherwise) and waits for the app. */
  signIn(page: Page, as?: { username: string; password: string }): Promise<Page>
  /** A new desktop page (1440×900) in `locale`, signed in as admin. */
  adminPage(locale?: 'zh-CN' | 'en'): Promise<Page>
  /** The operator's side through the console API (a failed call throws with the answer). */
  api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>
}

/**
 * Registers the file's beforeAll/afterAll: a fresh Pond (database `name`), chromium, the screenshot folder if any,
 * and an admin session. Fields are filled in beforeAll.
 */
export function browserSuite(name: string, shots?: string, password = 'e2e-admin-password'): BrowserSuite {
  const suite: BrowserSuite = {
    pond: undefined as never, browser: undefined as never, password, cookie: '',
    async signIn(page, as = { username: 'admin', password }) {
      await page.goto(suite.pond.url + '/login')
      await page.fill('#username', as.username)
      await page.fill('#password', as.password)
      await page.getByTestId('login-submit').click()
      await page.waitForURL((u) => !u.pathname.startsWith('/login'))
      return page
    },
    async adminPage(locale = 'zh-CN') {
      const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 }, locale })
      await page.addInitScript((l) => localStorage.setItem('pond.locale', l), locale)
      return suite.signIn(page)
    },
    async api<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(suite.pond.url + path, { method, headers: { cookie: suite.cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      return (res.status === 204 ? undefined : await res.json()) as T
    },
  }
  beforeAll(async () => {
    suite.pond = await startTestPond(name, password)
    suite.browser = await launchChromium()
    if (shots) await mkdir(shots, { recursive: true })
    const login = await fetch(`${suite.pond.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) })
    suite.cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  }, 180_000)
  afterAll(async () => {
    await suite.browser?.close()
    await suite.pond?.stop()
  })
  return suite
}
