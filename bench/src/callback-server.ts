// The server under test, in its own process (so senders do not share its event loop): Pond on an existing
// database with the bench's WeCom keys in a role: `api` alone (bench/callbacks, the bare rate), or `all` / `api`
// + `worker` talking to a WeCom sandbox running in another process (bench/fission). Prints its URL on stdout.
import { createApp } from '../../apps/server/src/app'
import { createLogger } from '../../apps/server/src/logger'
import { connectWeCom } from '../../apps/server/src/wecom/adapter'
import { BENCH_KEYS } from './keys'

const [databaseUrl, role = 'api', apiBaseUrl = 'http://127.0.0.1:9'] = process.argv.slice(2) as [string, ('api' | 'all' | 'worker')?, string?]
const app = await createApp({
  databaseUrl, log: createLogger('warn'), role,
  wecom: (db) => connectWeCom({ ...BENCH_KEYS, corpName: '压测银行', callbackToken: BENCH_KEYS.token, apiBaseUrl, isSandbox: true }, db),
})
await app.start()
const url = await app.http.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(url + '\n')
process.on('SIGTERM', () => { app.stop().finally(() => process.exit(0)) })
