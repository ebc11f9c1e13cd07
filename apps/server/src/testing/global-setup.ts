import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import PgBoss from 'pg-boss'
import type { TestProject } from 'vitest/node'
import { createDatabase, createPool, ensureDatabase, migrateToLatest } from '../db/database'
import { startEmbeddedPostgres } from '../db/embedded'

export const TEMPLATE_DB = 'pond_test_template'

declare module 'vitest' {
  export interface ProvidedContext { pgAdminUrl: string; pgTemplate: string }
}

/**
 * One real PostgreSQL for the whole run (embedded, or the server in TEST_DATABASE_URL), with a migrated
 * template database that every test file clones (CREATE DATABASE … TEMPLATE), as Immich does.
 */
export default async function setup(project: TestProject) {
  let stop = async () => {}
  let adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'pond-test-pg-'))
    await chmod(dir, 0o755)                     // as root, PostgreSQL runs as `postgres` and must reach its data dir
    const embedded = await startEmbeddedPostgres({ dir: join(dir, 'data'), persistent: false })
    adminUrl = embedded.url
    stop = async () => { await embedded.stop(); await rm(dir, { recursive: true, force: true }) }
  }
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${TEMPLATE_DB}`)
  await admin.end()
  const url = await ensureDatabase(adminUrl, TEMPLATE_DB)
  const pool = createPool(url, 2)
  await migrateToLatest(createDatabase(pool))
  await pool.end()
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 2, supervise: false, schedule: false })
  await boss.start()
  await boss.stop({ graceful: false, wait: true })
  project.provide('pgAdminUrl', adminUrl)
  project.provide('pgTemplate', TEMPLATE_DB)
  return stop
}
