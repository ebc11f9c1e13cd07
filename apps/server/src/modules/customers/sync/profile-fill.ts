import { setTimeout as wait } from 'node:timers/promises'
import { sql } from 'kysely'
import { z } from 'zod'
import type { Database, Executor } from '../../../db/database'
import { defineJob } from '../../../jobs/queue'
import type { WeComCustomer, WeComPort } from '../../../wecom/port'
import type { OrgService } from '../../org'
import * as bulk from './bulk-repo'
import { createPacer, DEFAULT_PACE, PacedCallFailed } from './pace'

/** Customers read per round (one transaction applies them); the pacer decides how many reads are in flight. */
const ROUND = 100
/**
 * WeCom allows externalcontact/get 10,000 times a minute and 150,000 an hour per corp (CONTRACT §9.2), and a
 * block lasts the rest of the window (an hour for the hourly one). The fill takes at most about half of each, so
 * the reads that cannot wait — a live-code add reads the customer before storing it, syncs, edit callbacks —
 * keep the other half even through a day-long campaign. One job runs at a time.
 */
export const READS_PER_SECOND = 80
export const FILL_READS_PER_HOUR = 75_000
/**
 * While callbacks wait in this process (a poster's burst), the fill reads at the hourly budget's average pace
 * instead: the help being recorded is what the customer watches; a helper's name can come a little later.
 */
export const BUSY_READS_PER_SECOND = Math.floor(FILL_READS_PER_HOUR / 3600)
/** WeCom: the external_userid is no (longer a) customer of the corp (CONTRACT §9.1): nothing to read. */
const NOT_A_CUSTOMER = 84061

const pendingAfter = (db: Executor, afterId: string, limit: number) =>
  db.selectFrom('customer').select(['id', 'corpId', 'externalUserId']).where('profilePending', '=', true).where('id', '>', afterId)
    .orderBy('id').limit(limit).execute()

/**
 * WeCom's details of a round of pending customers in one transaction: profiles (a unionid only while free; the
 * refresh clears pending), the remark and mobiles of the relations Pond has where they differ (`employeeOf` by `corpId|userid`).
 */
async function applyDetails(tx: Executor, read: { customer: { id: string; corpId: string }; detail: WeComCustomer }[], employeeOf: Map<string, string>) {
  if (read.length === 0) return
  const employee = (corpId: string, userid: string) => employeeOf.get(`${corpId}|${userid}`)
  await bulk.lockCustomers(tx, read.map((r) => r.customer.id))
  await bulk.refreshCustomers(tx, read.map(({ customer, detail }) => ({
    id: customer.id, corpId: customer.corpId, externalUserId: detail.externalUserId, name: detail.name, avatar: detail.avatar, gender: detail.gender,
    type: detail.type, unionid: detail.unionid, corpName: detail.corpName, channelLiveCodeId: null,
    firstAddedAt: detail.follows.reduce((min, f) => f.createdAt < min ? f.createdAt : min, new Date(8.64e15)),
  })))
  const follows = read.flatMap(({ customer, detail }) => detail.follows.flatMap((f) => {
    const employeeId = employee(customer.corpId, f.userid)
    return employeeId ? [{ ...f, customerId: customer.id, employeeId }] : []
  }))
  if (follows.length) await sql`
    update customer_follow cf set remark = r.remark, description = r.description, remark_mobiles = r.mobiles, updated_at = now()
    from (select customer_id, employee_id, remark, description, array(select jsonb_array_elements_text(m::jsonb)) as mobiles
      from unnest(${follows.map((f) => f.customerId)}::bigint[], ${follows.map((f) => f.employeeId)}::uuid[], ${follows.map((f) => f.remark)}::text[],
        ${follows.map((f) => f.description)}::text[], ${follows.map((f) => JSON.stringify(f.remarkMobiles))}::text[]) as u(customer_id, employee_id, remark, description, m)) r
    where cf.customer_id = r.customer_id and cf.employee_id = r.employee_id
      and (cf.remark, cf.description, cf.remark_mobiles) is distinct from (r.remark, r.description, r.mobiles)`.execute(tx)
}

const clearPending = (db: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve() : db.updateTable('customer').set({ profilePending: false }).where('id', 'in', ids).execute().then(() => undefined)

/**
 * Customers added from a callback alone (a fission poster's burst, `profile_pending`) get WeCom's detail
 * here: externalcontact/get paced like a sync (AIMD on 45033, a pause on 45009), so a burst spends that
 * API's quota (10,000 a minute per corp, CONTRACT §9.2) at WeCom's pace while help decisions never wait
 * for it. Signalled after the adds commit (requestProfiles); a cron every minute picks up whatever a refusal left pending.
 */
export function profileFillJob(deps: {
  db: Database; wecom: WeComPort; org: OrgService; callbacksWaiting?: () => boolean
  /** Tests pass a clock and a sleep that advance together. */
  now?: () => number; sleep?: (ms: number) => Promise<void>
}) {
  const now = deps.now ?? Date.now
  const sleep = deps.sleep ?? wait
  /** A round of `reads` started at `started` ends no sooner than its pace allows; the pace is looked at again as it waits. */
  async function pace(started: number, reads: number) {
    for (;;) {
      const perSecond = deps.callbacksWaiting?.() ? BUSY_READS_PER_SECOND : READS_PER_SECOND
      const left = started + reads / perSecond * 1000 - now()
      if (left <= 0) return
      await sleep(Math.min(left, 250))
    }
  }

  async function fill() {
    const pacer = createPacer(DEFAULT_PACE)
    let after = '0'
    const failed: string[] = []
    for (;;) {
      const pending = await pendingAfter(deps.db, after, ROUND)
      if (pending.length === 0) break
      after = pending[pending.length - 1]!.id
      // A corp whose hour's budget is spent keeps its customers pending: a cron run of a later hour reads them.
      const spent = await bulk.fillReadsThisHour(deps.db, [...new Set(pending.map((c) => c.corpId))])
      const round = pending.filter((c) => (spent.get(c.corpId) ?? 0) < FILL_READS_PER_HOUR)
      if (round.length === 0) continue
      const started = now()
      const read: { customer: (typeof round)[number]; detail: WeComCustomer }[] = []
      const gone: string[] = []
      await Promise.all(round.map(async (customer) => {
        try {
          read.push({ customer, detail: await pacer.run(() => deps.wecom.getCustomer(customer.externalUserId)) })
        } catch (err) {
          if (err instanceof PacedCallFailed && err.refusal.errcode === NOT_A_CUSTOMER) gone.push(customer.id)
          else failed.push(`${customer.id}: ${err instanceof Error ? err.message : String(err)}`)   // stays pending for the next run
        }
      }))
      // A round may span corps (userids are unique per corp only): employees are looked up per corp.
      const employeeOf = new Map<string, string>()
      for (const corpId of new Set(read.map((r) => r.customer.corpId))) {
        const userids = [...new Set(read.filter((r) => r.customer.corpId === corpId).flatMap((r) => r.detail.follows.map((f) => f.userid)))]
        for (const e of await deps.org.findEmployeesByUserids(deps.db, corpId, userids)) employeeOf.set(`${corpId}|${e.wecomUserId}`, e.id)
      }
      await deps.db.transaction().execute(async (tx) => {
        await applyDetails(tx, read, employeeOf)
        await clearPending(tx, gone)
        await bulk.addFillReads(tx, round.map((c) => c.corpId))
      })
      // Within half of WeCom's per-corp minute quota for this API, the rest left to Pond's other reads.
      await pace(started, round.length)
    }
    // The others are done; the job's failure shows which were not (pg-boss keeps it; the cron tries again).
    if (failed.length) throw new Error(`${failed.length} customer profiles could not be read, e.g. ${failed[0]}`)
  }
  return defineJob({
    name: 'customers.profiles.fill',
    payload: z.object({}).passthrough(),
    options: { policy: 'stately', retryLimit: 2 },
    run: fill,
  })
}
