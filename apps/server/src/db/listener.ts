import pg from 'pg'
import type { Logger } from '../logger'

export interface Listener { stop(): Promise<void> }

/**
 * A LISTEN connection that comes back when it is lost. `onNotify` gets every notification's payload, and
 * `undefined` once after each (re)connect: whatever was notified while nobody listened is looked for then.
 */
export async function listenTo(opts: { databaseUrl: string; channel: string; name: string; log: Logger; onNotify(payload: string | undefined): void }): Promise<Listener> {
  let stopped = false
  let client: pg.Client | undefined
  const reconnect = () => setTimeout(() => {
    if (!stopped) connect().catch((err) => { opts.log.warn({ err, channel: opts.channel }, 'listener could not reconnect; trying again'); reconnect() })
  }, 1000)
  async function connect() {
    const c = new pg.Client({ connectionString: opts.databaseUrl, application_name: opts.name })
    c.on('notification', (n) => opts.onNotify(n.payload))
    c.on('error', (err) => {
      opts.log.warn({ err, channel: opts.channel }, 'listener lost its connection; reconnecting')
      client = undefined
      reconnect()
    })
    await c.connect()
    await c.query(`LISTEN ${opts.channel}`)
    client = c
    opts.onNotify(undefined)
  }
  await connect()
  return {
    async stop() {
      stopped = true
      await client?.end().catch(() => {})
    },
  }
}
