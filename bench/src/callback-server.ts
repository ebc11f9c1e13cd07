// The server under test, in its own process (so senders do not share its event loop): Pond's API role
// with its sandbox settings, on an existing database. Prints its URL on stdout.
import { createApp } from '../../apps/server/src/app'
import { createLogger } from '../../apps/server/src/logger'
import { connectWeCom } from '../../apps/server/src/wecom/adapter'
import { BENCH_KEYS } from './keys'

const databaseUrl = process.argv[2]!
const app = await createApp({
  databaseUrl, log: createLogger('warn'), role: 'api',
  wecom: (db) => connectWeCom({ ...BENCH_KEYS, corpName: '压测银行', callbackToken: BENCH_KEYS.token, apiBaseUrl: 'http://127.0.0.1:9', isSandbox: true }, db),
})
await app.start()
const url = await app.http.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(url + '\n')
process.on('SIGTERM', () => { app.stop().finally(() => process.exit(0)) })
