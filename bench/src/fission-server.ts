// WeCom's side of bench/fission, in its own process (WeCom is another service; sharing Pond's event loop
// would charge its work to Pond): the sandbox, seeded with a running activity whose initiators joined
// (through a Pond that is stopped once set up) and the helpers present in the world (Pond fetches each
// helper from WeCom), and a second one for the warm-up's helps. Prints the sandbox's URL, then the setup as one JSON line.
import { seedDemoBank } from '@pond/wecom-sim'
import { createApp } from '../../apps/server/src/app'
import { createLogger } from '../../apps/server/src/logger'
import { startSandbox } from '../../apps/server/src/modules/sandbox'
import { connectWeCom } from '../../apps/server/src/wecom/adapter'
import { BENCH_KEYS } from './keys'

const [databaseUrl, initiatorCount, helperCount, stock, tier1Threshold, topThreshold, warmHelps] = [process.argv[2]!, ...process.argv.slice(3, 9).map(Number)] as [string, number, number, number, number, number, number]
/** The warm-up activity's initiators (the first of the burst's, who join it too). */
const WARM_INITIATORS = 25
// No sandbox rate limit: the bench measures Pond, not WeCom's quota.
const { sim, settings } = await startSandbox(BENCH_KEYS, { corpName: '压测银行', rateLimit: { perMinutePerApi: 1e9, concurrencyPerApi: 1e6 } })
const world = sim.world
seedDemoBank(world, { seed: 3, employees: 20 })
const [owner, helperA, helperB] = world.listEmployees().filter((e) => e.status === 1).slice(0, 3)
for (let i = 0; i < initiatorCount; i++) {
  const c = world.addCustomer({ externalUserId: `wmInit${String(i).padStart(26, '0')}`, name: `发起人${i}` })
  world.addFollow({ userid: owner!.userid, externalUserId: c.externalUserId })
}
const app = await createApp({ databaseUrl, log: createLogger('warn'), role: 'all', wecom: (db) => connectWeCom(settings, db) })
await app.start()
await app.syncFromWeCom()
await app.customersSync.importCustomers(app.corp.id, app.wecom)
// Helpers appear in WeCom only now, so Pond meets them as new customers through their help.
// They alternate between the two employees of the personal ways.
const addHelpers = (count: number, idPrefix: string, namePrefix: string) => Array.from({ length: count }, (_, i) => {
  const c = world.addCustomer({ externalUserId: `${idPrefix}${String(i).padStart(26, '0')}`, name: `${namePrefix}${i}` })
  const userid = (i % 2 ? helperB : helperA)!.userid
  world.addFollow({ userid, externalUserId: c.externalUserId })
  return { externalUserId: c.externalUserId, userid }
})
const helpers = addHelpers(helperCount, 'wmHelp', '助力人')
const warmHelpers = addHelpers(warmHelps, 'wmWarm', '预热助力人')

await app.org.ensureFirstAdmin(app.corp.id, 'admin', 'admin-password')
const login = await app.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'admin-password' } })
const cookie = login.cookies.find((c) => c.name === 'pond_session')!
const api = async (method: 'GET' | 'POST', path: string, payload?: object) => {
  const res = await app.http.inject({ method, url: path, payload, headers: { cookie: `${cookie.name}=${cookie.value}` } })
  if (res.statusCode >= 300) throw new Error(`${method} ${path} answered ${res.statusCode}: ${res.body}`)
  return res.json()
}

const staff = (await api('GET', '/api/org/employees?limit=50&status=1')).items as { id: string; wecomUserId: string }[]
const employeeId = (userid: string) => staff.find((e) => e.wecomUserId === userid)!.id
const hour = 3600_000
const createActivity = (name: string, tier2Stock: number) => api('POST', '/api/fission/activities', {
  name, startsAt: new Date(Date.now() - 24 * hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString(),
  tiers: [{ level: 1, threshold: tier1Threshold, prizeName: '帆布袋', stock }, { level: 2, threshold: topThreshold, prizeName: '保温杯', stock: tier2Stock }],
  helperEmployeeIds: [employeeId(helperA!.userid), employeeId(helperB!.userid)],
  welcome: { counted: '助力成功', refused: { default: '助力未成功' } },
  helpRules: { newCustomersOnly: true, churnHours: 48 },
})
const initiators = await app.db.selectFrom('customer').select(['id']).where('externalUserId', 'like', 'wmInit%').orderBy('externalUserId').execute()
if (initiators.length !== initiatorCount) throw new Error(`synced ${initiators.length} of ${initiatorCount} initiators`)
/** A running activity and its initiators' States. */
async function launch(name: string, joined: { id: string }[]) {
  const activity = await createActivity(name, joined.length)
  await api('POST', `/api/fission/activities/${activity.id}/schedule`)
  const states: string[] = []
  for (const c of joined) states.push((await api('POST', `/api/fission/activities/${activity.id}/participants`, { customerId: c.id })).state)
  return { activityId: activity.id as string, states }
}
const { activityId, states } = await launch('压测裂变', initiators)
// The warm-up's helps go to an activity of their own, so the burst's invariants count the burst alone.
const warm = await launch('压测预热', initiators.slice(0, WARM_INITIATORS))

await app.stop()
process.stdout.write(settings.apiBaseUrl + '\n' + JSON.stringify({ activityId, states, helpers, warm: { states: warm.states, helpers: warmHelpers } }) + '\n')
process.on('SIGTERM', () => { sim.close().finally(() => process.exit(0)) })
