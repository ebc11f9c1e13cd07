import { z } from 'zod'
import type { Database } from '../../../db/database'
import type { Actor } from '../../../http/actor'
import { defineJob, type Queue } from '../../../jobs/queue'
import type { WeComPort } from '../../../wecom/port'
import type { OrgService } from '../../org'
import * as repo from './runs-repo'
import type { CustomersSync } from './service'

export type SyncRuns = ReturnType<typeof createSyncRuns>

/**
 * Full imports and reconciliations as recorded runs: queued from the console or nightly, executed by a job,
 * with what they fixed, how they paced WeCom and what WeCom kept refusing kept on the run. Refusals that
 * outlast the sync's retries end the run 'partial' with the failed employees listed (the next run tries
 * them again); any other error fails the run with the reason, and pg-boss retries it.
 */
export function createSyncRuns(deps: { db: Database; queue: Queue; sync: CustomersSync; wecom: WeComPort; org: OrgService; clock: () => Date; corpId: string }) {
  const { db } = deps

  async function execute(runId: string) {
    const run = await repo.startRun(db, runId, deps.clock())
    if (!run) return
    try {
      const tags = await deps.sync.syncTags(run.corpId, deps.wecom)
      const started = Date.now()
      const { stats, failures } = await deps.sync.syncCustomers(run.corpId, deps.wecom, { reconcile: run.kind === 'reconcile', runKey: `run:${run.id}` })
      await repo.finishRun(db, run.id, {
        status: failures.length ? 'partial' : 'succeeded', stats: { ...stats, tags: tags.tags, durationMs: Date.now() - started }, failures, error: null, at: deps.clock(),
      })
    } catch (err) {
      await repo.finishRun(db, run.id, { status: 'failed', stats: {}, failures: [], error: err instanceof Error ? err.message : String(err), at: deps.clock() })
      throw err
    }
  }

  const runJob = defineJob({
    name: 'customers.sync.run',
    payload: z.object({ runId: z.string() }),
    options: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 4 * 3600 },
    run: ({ runId }: { runId: string }) => execute(runId),
  })

  async function start(corpId: string, kind: 'import' | 'reconcile') {
    return db.transaction().execute(async (tx) => {
      const run = await repo.insertRun(tx, corpId, kind)
      await deps.queue.send(tx, runJob, { runId: run.id })
      return run
    })
  }

  const nightlyJob = defineJob({
    name: 'customers.sync.nightly',
    payload: z.object({}).passthrough(),
    run: async () => { await start(deps.corpId, 'reconcile') },
  })

  return {
    jobs: [runJob, nightlyJob],
    schedules: [{ job: nightlyJob.name, cron: '30 2 * * *', tz: 'Asia/Shanghai' }],
    start: async (actor: Actor, kind: 'import' | 'reconcile') => ({ ...await start(actor.corpId, kind), failures: [] }),   // a new run has failed nothing yet
    /** Recent runs; a failure names the employees whose customers it could not read. */
    async list(actor: Actor) {
      const runs = await repo.listRuns(db, actor.corpId)
      const userids = [...new Set(runs.flatMap((r) => r.failures.flatMap((f) => f.userids)))]
      const names = new Map((await deps.org.findEmployeesByUserids(db, actor.corpId, userids)).map((e) => [e.wecomUserId, e.name]))
      return { items: runs.map((r) => ({ ...r, failures: r.failures.map((f) => ({ ...f, employeeNames: f.userids.map((u) => names.get(u) ?? u) })) })) }
    },
    execute,
  }
}
