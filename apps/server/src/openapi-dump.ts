// Prints the API's OpenAPI document without a database or WeCom: the console's types are generated
// from it (apps/web: npm run gen:api). Routes only close over their services, so none is needed here.
import { createHttpServer } from './http/server'
import { createLogger } from './logger'
import { acquisitionRoutes } from './modules/acquisition/routes'
import { exportRoutes } from './modules/customers/exports/routes'
import { lossRoutes } from './modules/customers/losses/routes'
import { noteRoutes } from './modules/customers/notes/routes'
import { profileRoutes } from './modules/customers/profile/routes'
import { customersRoutes } from './modules/customers/routes'
import { syncRoutes } from './modules/customers/sync/routes'
import { segmentsRoutes } from './modules/customers/segments/routes'
import { tagJobRoutes } from './modules/customers/tag-jobs/routes'
import { tagRoutes } from './modules/customers/tags/routes'
import { transferRoutes } from './modules/customers/transfers/routes'
import { backgroundRoutes } from './modules/fission/backgrounds'
import { fulfilmentRoutes } from './modules/fission/fulfilment-routes'
import { fissionH5Routes, fissionLinkRoutes } from './modules/fission/h5-routes'
import { leaderboardRoutes } from './modules/fission/leaderboard-routes'
import { mineRoutes } from './modules/fission/mine-routes'
import { fissionRoutes } from './modules/fission/routes'
import { resultsRoutes } from './modules/fission/results'
import { orgRoutes } from './modules/org'
import { sandboxRoutes } from './modules/sandbox'

const unused = {} as never
const http = await createHttpServer({ log: createLogger('silent'), resolveSession: async () => undefined })
await http.register(orgRoutes({ org: unused, users: unused, sync: unused, customerCounts: unused, secureCookies: false }))
await http.register(customersRoutes(unused))
await http.register(lossRoutes(unused))
await http.register(tagRoutes(unused))
await http.register(tagJobRoutes(unused, unused))
await http.register(syncRoutes(unused))
await http.register(transferRoutes(unused))
await http.register(segmentsRoutes(unused))
await http.register(noteRoutes(unused))
await http.register(exportRoutes(unused))
await http.register(profileRoutes(unused, unused))
await http.register(acquisitionRoutes(unused))
await http.register(fissionRoutes(unused))
await http.register(leaderboardRoutes(unused))
await http.register(resultsRoutes(unused))
await http.register(backgroundRoutes(unused))
await http.register(fissionH5Routes(unused))
await http.register(fissionLinkRoutes(unused))
await http.register(fulfilmentRoutes(unused))
await http.register(mineRoutes(unused))
await http.register(sandboxRoutes({ sim: { world: unused } as never, acquisition: unused, fissionWays: unused, mediaBase: '' }))
await http.ready()
process.stdout.write(JSON.stringify(http.swagger(), null, 2) + '\n')
await http.close()
