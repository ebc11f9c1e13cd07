import type { Database } from '../../../db/database'
import type { SyncFailure } from '../../../db/types'
import type { EventBus } from '../../../events/bus'
import type { WeComPort } from '../../../wecom/port'
import type { OrgService } from '../../org'
import * as repo from '../repo'
import type { TagService } from '../tags/service'
import { createPacer, DEFAULT_PACE, isLimitRefusal, PacedCallFailed, type PaceOptions, type PaceStats } from './pace'
import { createPageStore, type FollowLost } from './store-page'

const USERIDS_PER_CALL = 100                  // batch/get_by_user takes ≤ 100 userids (CONTRACT §3.1)

export type CustomersSync = ReturnType<typeof createCustomersSync>

/** What a sync did; `failures` are calls that still failed after retries (their employees are unknown this run). */
export interface SyncStats extends PaceStats { customers: number; relationsAdded: number; tagsAdded: number; relationsLost: number; employeesFailed: number }
export interface SyncResult { stats: SyncStats; failures: SyncFailure[] }

/** Imports from WeCom: the corp tag library and every employee's customers with their follow relations. */
export function createCustomersSync(deps: {
  db: Database; org: OrgService; bus: EventBus; tags: TagService; clock: () => Date
  liveCodeIdsByState(corpId: string): Promise<Map<string, string>>
  /** The customers service's rule for a lost relation (records the loss, alerts, counts it against the live code). */
  recordFollowLost: FollowLost
}) {
  const { db } = deps
  let pace: PaceOptions = DEFAULT_PACE
  const pages = createPageStore(deps)

  async function syncTags(corpId: string, wecom: WeComPort) {
    const groups = await wecom.listCorpTags()
    await db.transaction().execute((tx) => deps.tags.store(tx, corpId, groups))
    return { groups: groups.length, tags: groups.reduce((n, g) => n + g.tags.length, 0) }
  }

  /**
   * Every employee's customers from WeCom (batch/get_by_user), batches of employees walked concurrently
   * under an adaptive limit (pace.ts), each page stored with targeted upserts; re-running converges. A batch
   * whose call keeps failing is split to isolate the employee it fails for; what still fails is reported,
   * never dropped. With `reconcile`, relations WeCom no longer lists are repaired as lost — only for
   * employees whose every page arrived: a failed employee's missing data is not a loss.
   */
  async function syncCustomers(corpId: string, wecom: WeComPort, opts: { reconcile: boolean; runKey: string }): Promise<SyncResult> {
    const employees = new Map((await deps.org.listActiveEmployees(corpId)).map((e) => [e.wecomUserId, e.id]))
    const ctx = {
      corpId, employees, states: await deps.liveCodeIdsByState(corpId),
      tags: new Map((await repo.listWecomTags(db, corpId)).map((t) => [t.wecomTagId!, t.id])),
    }
    const pacer = createPacer(pace)
    const totals = { relationsAdded: 0, tagsAdded: 0 }
    const seen = new Set<string>()
    const customersSeen = new Set<string>()
    const failures: SyncFailure[] = []

    /** One page, never rejecting: a prefetch must not fail unobserved while the previous page is stored. */
    const fetchPage = (userids: string[], cursor: string | undefined) =>
      pacer.run(() => wecom.listCustomersByEmployees(userids, cursor, { paced: true }))
        .then((page) => ({ page, cursor }), (error: unknown) => ({ error, cursor }))

    /** A batch's pages in cursor order; the next page is fetched while this one is stored. */
    async function walk(userids: string[]): Promise<void> {
      let next = fetchPage(userids, undefined)
      for (;;) {
        const got = await next
        if ('error' in got) return onFailure(userids, got.cursor, got.error)
        const { page } = got
        if (page.nextCursor) next = fetchPage(userids, page.nextCursor)
        if (page.customers.length) {
          const r = await pages.store(ctx, page.customers)
          for (const key of r.relationKeys) seen.add(key)
          for (const id of r.customerIds) customersSeen.add(id)
          totals.relationsAdded += r.relationsAdded
          totals.tagsAdded += r.tagsAdded
        }
        if (!page.nextCursor) return
      }
    }

    /** A call that kept failing: split the batch to find whose customers WeCom refuses, or report it. */
    async function onFailure(userids: string[], cursor: string | undefined, err: unknown) {
      if (!(err instanceof PacedCallFailed)) throw err
      if (userids.length > 1 && !isLimitRefusal(err.refusal.errcode)) {
        const half = Math.ceil(userids.length / 2)
        await Promise.all([walk(userids.slice(0, half)), walk(userids.slice(half))])
        return
      }
      failures.push({ userids, cursor: cursor ?? null, errcode: err.refusal.errcode, message: err.refusal.message, attempts: err.attempts })
    }

    const userids = [...employees.keys()]
    const size = Math.min(USERIDS_PER_CALL, Math.max(1, Math.ceil(userids.length / pace.maxConcurrency)))
    const batches = Array.from({ length: Math.ceil(userids.length / size) }, (_, i) => userids.slice(i * size, (i + 1) * size))
    await Promise.all(batches.map(walk))

    const failed = new Set(failures.flatMap((f) => f.userids))
    const complete = userids.filter((u) => !failed.has(u)).map((u) => employees.get(u)!)
    const relationsLost = opts.reconcile ? await pages.repairLosses(corpId, complete, seen, opts.runKey) : 0
    return { stats: { customers: customersSeen.size, ...totals, relationsLost, employeesFailed: failed.size, ...pacer.stats }, failures }
  }

  const importCustomers = (corpId: string, wecom: WeComPort) => syncCustomers(corpId, wecom, { reconcile: false, runKey: 'import' })

  return {
    syncTags, syncCustomers, importCustomers,
    /** How hard the next syncs press WeCom; tests and the sandbox tune it, production keeps the default. */
    setPace: (p: Partial<PaceOptions>) => { pace = { ...DEFAULT_PACE, ...p } },
  }
}
