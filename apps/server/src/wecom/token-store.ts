import type { StoredToken, TokenStore } from '@pond/wecom'
import type { Database } from '../db/database'

/** Access tokens in PostgreSQL, so every api and worker process shares one token per (corp, secret). */
export function createPgTokenStore(db: Database): TokenStore {
  return {
    async get(key) {
      const row = await db.selectFrom('wecomToken').select(['token', 'expiresAt']).where('key', '=', key).executeTakeFirst()
      return row ? { token: row.token, expiresAt: row.expiresAt.getTime() } : undefined
    },
    async set(key, value: StoredToken) {
      await db.insertInto('wecomToken').values({ key, token: value.token, expiresAt: new Date(value.expiresAt) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ token: value.token, expiresAt: new Date(value.expiresAt) })).execute()
    },
    async delete(key) {
      await db.deleteFrom('wecomToken').where('key', '=', key).execute()
    },
  }
}
