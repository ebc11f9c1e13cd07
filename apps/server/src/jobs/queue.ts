import PgBoss from 'pg-boss'
import { CompiledQuery } from 'kysely'
import type { z } from 'zod'
import type { Executor } from '../db/database'
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
  /** Queues a job inside the caller's transaction: it exists exactly when the transaction commits. */
  send<P>(ex: Executor, job: JobDef<P, never>, payload: P, opts?: { startAfterSeconds?: number; singletonKey?: string }): Promise<void>
  /** Many jobs of one queue in one statement, inside the caller's transaction (for standard-policy queues). */
  sendMany<P>(ex: Executor, job: JobDef<P, never>, items: { payload: P; singletonKey?: string }[]): Promise<void>
  /** Wakes this process's worker of a queue at once instead of at its next poll. */
  wake(job: { name: string }): void
  /** Creates every queue; with `work`, starts workers. Fails when a job has no handler context. */
  start(jobs: AnyJob[], opts: { work: boolean; context: unknown }): Promise<void>
  stop(): Promise<void>
  boss: PgBoss
}

const POLL_SECONDS = 0.5

export function createQueue(connectionString: string, log: Logger): Queue {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 10, application_name: 'pond-jobs', archiveCompletedAfterSeconds: 3600 })
  boss.on('error', (err) => log.error({ err }, 'job queue error'))
  const registered = new Map<string, AnyJob>()
  const workers = new Map<string, string[]>()

  const dbOf = (ex: Executor): PgBoss.Db => ({
    executeSql: async (text, values) => ({ rows: (await ex.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[] as never[] }),
  })

  async function work(def: AnyJob, context: unknown) {
    const batchSize = def.concurrency ?? 1
    const id: string = await boss.work<unknown>(def.name, { batchSize, pollingIntervalSeconds: POLL_SECONDS }, async (jobs) => {
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
    async send(ex, job, payload, opts) {
      if (!registered.has(job.name)) throw new Error(`job ${job.name} is not registered`)
      const { policy: _policy, ...options } = job.options ?? {}
      await boss.send(job.name, job.payload.parse(payload) as object, {
        ...options, db: dbOf(ex),
        ...(opts?.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
        ...(opts?.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      })
    },
    async sendMany(ex, job, items) {
      if (items.length === 0) return
      if (!registered.has(job.name)) throw new Error(`job ${job.name} is not registered`)
      const { policy: _policy, ...options } = job.options ?? {}
      await boss.insert(items.map((i) => ({ name: job.name, data: job.payload.parse(i.payload) as object, ...options, ...(i.singletonKey ? { singletonKey: i.singletonKey } : {}) })), { db: dbOf(ex) })
    },
    wake(job) {
      for (const id of workers.get(job.name) ?? []) boss.notifyWorker(id)
    },
    async start(jobs, opts) {
      await boss.start()
      for (const def of jobs) {
        if (registered.has(def.name)) throw new Error(`job ${def.name} is defined twice`)
        registered.set(def.name, def)
        await boss.createQueue(def.name, { name: def.name, ...def.options })
        if (opts.work) await work(def, opts.context)
      }
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5_000, wait: true })   // running jobs get 5 s; the rest are retried
    },
  }
}
