import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, type Transaction } from 'kysely'
import pg from 'pg'
import { migrations } from './migrations/index'
import type { DB } from './types'

export type Database = Kysely<DB>
/** A repo function's first argument: the pool or a transaction. */
export type Executor = Kysely<DB> | Transaction<DB>

// int8 as string everywhere: ids stay exact; counts are converted where they are read.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v)
// `date` stays a 'YYYY-MM-DD' string: a calendar day, not an instant.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)

export function createPool(url: string, max = 20): pg.Pool {
  return new pg.Pool({ connectionString: url, max, application_name: 'pond' })
}

export function createDatabase(pool: pg.Pool): Database {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] })
}

/** Forward-only migrations, run on every start. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** Creates `name` on the server behind `adminUrl` unless it exists; returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name])
    if (!rowCount) {
      const ident = (s: string) => '"' + s.replaceAll('"', '""') + '"'
      await client.query(`create database ${ident(name)}${template ? ` template ${ident(template)}` : ''}`)
    }
  } finally {
    await client.end()
  }
  const url = new URL(adminUrl)
  url.pathname = '/' + name
  return url.toString()
}
