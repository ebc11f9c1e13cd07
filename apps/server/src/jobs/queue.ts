import PgBoss from 'pg-boss'
import { CompiledQuery } from 'kysely'
import type { z } from 'zod'
import type { Executor } from '../db/database'
import { listenTo, type Listener } from '../db/listener'
import type { Logger } from '../logger'

export interface JobOptions {
  retryLimit?: number; retryDelay?: number; retryBackoff?: boolean; expireInSeconds?: number
  /** pg-boss queue policy; 'short' keeps at most one job waiting (a wake-up signal, not a work item). */
  policy?: 'standard' | 'short' | 'singleton' | 'stately'
}

/** A job: its name, payload schema, retry policy and handler in one place. `run` must be safe to run twice. */
export interface JobDef<P, C = unknown> {
  name: string
  payload: z.ZodType<P>
  options?: JobOptions
  /** How many jobs of this queue one worker runs at once. */
  concurrency?: number
  run(payload: P, ctx: C): Promise<void>
}

export const defineJob = <P, C>(def: JobDef<P, C>): JobDef<P, C> => def

// The structural view of a job used by the queue itself, so definitions with any payload fit one registry.
interface AnyJob { name: string; payload: z.ZodType<unknown>; options?: JobOptions; concurrency?: number; run(payload: never, ctx: never): Promise<void> }

export interface Queue {
  /**
   * Queues a job inside the caller's transaction: it exists exactly when the transaction commits. `debounceSeconds`:
   * the first job of a time slot runs now, later ones in the slot make one job at the next slot, the rest are dropped.
   */
  send<P>(ex: Executor, job: JobDef<P, never>, payload: P, opts?: { startAfterSeconds?: number; singletonKey?: string; debounceSeconds?: number }): Promise<void>
  /** Many jobs of one queue in one statement, inside the caller's transaction (for standard-policy queues). */
  sendMany<P>(ex: Executor, job: JobDef<P, never>, items: { payload: P; singletonKey?: string }[]): Promise<void>
  /**
   * Asks for a run of a job that looks for its own work (a wake-up: policy short or stately, or debounced), after
   * the commit of the work it should find. Sent at once, then at most once a second per job in this process:
   * the signals of that second are answered by one send at its end, which follows their commits. Failures are
   * logged (every such job has a cron as its safety net).
   */
  signal(job: JobDef<object, never>, opts?: { debounceSeconds?: number }): void
  /** Wakes this process's worker of a queue at once instead of at its next poll. */
  wake(job: { name: string }): void
  /** Creates every queue; with `work`, starts workers. Fails when a job has no handler context. */
  start(jobs: AnyJob[], opts: { work: boolean; context: unknown }): Promise<void>
  stop(): Promise<void>
  boss: PgBoss
}

/**
 * Workers are woken when a job is committed (below), so polling is only the safety net: for jobs due later
 * (retries, delays) and a notification missed while the listener reconnected. Every worker polled each 0.5 s
 * cost ~90 fetches a second across ~45 queues — 7 % of PostgreSQL's CPU during a fission burst (bench/fission).
 */
const POLL_SECONDS = 5
const JOB_CHANNEL = 'pond_jobs'

/**
 * A job due within a minute NOTIFYs its queue's name and how many milliseconds until it is due, which PostgreSQL
 * delivers on commit, so a worker in any process starts it then (a wake before the commit would find nothing) —
 * a debounced or delayed job need not wait for the next poll. pg-boss keeps one partition per queue; a row trigger
 * on the parent reaches them all, present and future. Installed at every start: a pg-boss upgrade may recreate
 * the table, and concurrent starts queue on the advisory lock.
 */
const WAKE_WITHIN_MS = 60_000
const WAKE_ON_COMMIT = `
  select pg_advisory_xact_lock(hashtext('pond_job_wake'));
  create or replace function pgboss.pond_job_wake() returns trigger language plpgsql as $$
    begin perform pg_notify('${JOB_CHANNEL}', new.name || ' ' || greatest(0, ceil(extract(epoch from new.start_after - now()) * 1000))::bigint); return null; end $$;
  create or replace trigger pond_job_wake after insert on pgboss.job for each row
    when (new.start_after <= now() + interval '${WAKE_WITHIN_MS} milliseconds') execute function pgboss.pond_job_wake();`

/** A signalled job is sent at most once per this many ms per process (the rest wait for the window's end). */
const SIGNAL_WINDOW_MS = 1000

/** Wakes due later are grouped into steps of this many ms: a burst of delayed jobs sets a few timers, not one each. */
const WAKE_STEP_MS = 250

export function createQueue(connectionString: string, log: Logger, tuning: { pollSeconds?: number; signalWindowMs?: number } = {}): Queue {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 10, application_name: 'pond-jobs', archiveCompletedAfterSeconds: 3600 })
  boss.on('error', (err) => log.error({ err }, 'job queue error'))
  const registered = new Map<string, AnyJob>()
  const workers = new Map<string, string[]>()
  let listener: Listener | undefined
  const wake = (name: string) => { for (const id of workers.get(name) ?? []) boss.notifyWorker(id) }
  const timers = new Map<string, NodeJS.Timeout>()
  const signals = new Map<string, { timer: NodeJS.Timeout; again: boolean }>()
  /** A notification: "name ms" wakes the queue's workers when the job is due; none (a reconnect) wakes them all. */
  function onJobNotified(payload: string | undefined) {
    if (payload === undefined) return [...workers.keys()].forEach(wake)
    const [name = '', ms] = payload.split(' ')
    const delay = Number(ms)
    if (!(delay > 0)) return wake(name)
    const due = Math.ceil((Date.now() + delay) / WAKE_STEP_MS) * WAKE_STEP_MS
    const key = `${name}@${due}`
    if (!timers.has(key)) timers.set(key, setTimeout(() => { timers.delete(key); wake(name) }, due - Date.now()))
  }

  const dbOf = (ex: Executor): PgBoss.Db => ({
    executeSql: async (text, values) => ({ rows: (await ex.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[] as never[] }),
  })

  /** A registered job's send options (the queue's policy is set when it is created, not per job). */
  function sendOptions(job: { name: string; options?: JobOptions }) {
    if (!registered.has(job.name)) throw new Error(`job ${job.name} is not registered`)
    const { policy: _policy, ...options } = job.options ?? {}
    return options
  }

  /** `db` undefined: pg-boss's own connection, outside any transaction. */
  async function send<P>(db: PgBoss.Db | undefined, job: JobDef<P, never>, payload: P, opts?: { startAfterSeconds?: number; singletonKey?: string; debounceSeconds?: number }) {
    const options = sendOptions(job)
    await boss.send(job.name, job.payload.parse(payload) as object, {
      ...options, ...(db ? { db } : {}),
      ...(opts?.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
      ...(opts?.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts?.debounceSeconds ? { singletonSeconds: opts.debounceSeconds, singletonNextSlot: true } : {}),
    })
  }

  function signal(job: JobDef<object, never>, opts?: { debounceSeconds?: number }) {
    const open = signals.get(job.name)
    if (open) { open.again = true; return }
    send(undefined, job, {}, opts).catch((err) => log.warn({ err, job: job.name }, 'job signal failed; its cron will run it'))
    const window = {
      again: false,
      timer: setTimeout(() => {
        signals.delete(job.name)
        if (window.again) signal(job, opts)
      }, tuning.signalWindowMs ?? SIGNAL_WINDOW_MS),
    }
    signals.set(job.name, window)
  }

  async function work(def: AnyJob, context: unknown) {
    const batchSize = def.concurrency ?? 1
    const id: string = await boss.work<unknown>(def.name, { batchSize, pollingIntervalSeconds: tuning.pollSeconds ?? POLL_SECONDS }, async (jobs) => {
      // A full batch means more may be waiting: skip the poll delay.
      if (jobs.length >= batchSize) boss.notifyWorker(id)
      await Promise.all(jobs.map(async (job) => {
        try {
          await (def.run as (p: unknown, c: unknown) => Promise<void>)(def.payload.parse(job.data), context)
        } catch (err) {
          log.warn({ err, job: def.name, jobId: job.id }, 'job failed; pg-boss will retry')
          await boss.fail(def.name, job.id, { message: err instanceof Error ? err.message : String(err) })
        }
      }))
    })
    workers.set(def.name, [...(workers.get(def.name) ?? []), id])
  }

  return {
    boss,
    send: (ex, job, payload, opts) => send(dbOf(ex), job, payload, opts),
    async sendMany(ex, job, items) {
      if (items.length === 0) return
      const options = sendOptions(job)
      await boss.insert(items.map((i) => ({ name: job.name, data: job.payload.parse(i.payload) as object, ...options, ...(i.singletonKey ? { singletonKey: i.singletonKey } : {}) })), { db: dbOf(ex) })
    },
    signal,
    wake: (job) => wake(job.name),
    async start(jobs, opts) {
      await boss.start()
      await boss.getDb().executeSql(WAKE_ON_COMMIT, [])  // no parameters: one simple query, one transaction
      for (const def of jobs) {
        if (registered.has(def.name)) throw new Error(`job ${def.name} is defined twice`)
        registered.set(def.name, def)
        await boss.createQueue(def.name, { name: def.name, ...def.options })
        if (opts.work) await work(def, opts.context)
      }
      // A (re)connect wakes every worker: jobs committed while nobody listened.
      if (opts.work) listener = await listenTo({ databaseUrl: connectionString, channel: JOB_CHANNEL, name: 'pond-jobs-listener', log, onNotify: onJobNotified })
    },
    async stop() {
      await listener?.stop()
      for (const t of timers.values()) clearTimeout(t)
      for (const s of signals.values()) clearTimeout(s.timer)
      await boss.stop({ graceful: true, timeout: 5_000, wait: true })   // running jobs get 5 s; the rest are retried
    },
  }
}
