import { wecomError } from './errors'
import type { Body } from './api/params'

/** A call of `api` (e.g. '/externalcontact/batch/get_by_user') whose body `matches` answers `errcode`. */
export interface FaultRule {
  api: string
  errcode: number
  matches?: (body: Body) => boolean
  /** How many calls fail; persistent when absent. */
  times?: number
}

/**
 * What a real WeCom does to a client on a bad day, switched on by tests and the demo: a latency on every
 * API call (so concurrency can be measured) and errors injected for chosen calls.
 */
export class Faults {
  latencyMs = 0
  private rules: { rule: FaultRule; left: number }[] = []

  /** Adds a rule; returns a function that removes it. */
  fail(rule: FaultRule): () => void {
    const entry = { rule, left: rule.times ?? Number.POSITIVE_INFINITY }
    this.rules.push(entry)
    return () => { this.rules = this.rules.filter((r) => r !== entry) }
  }

  /** Waits the latency, then throws the first matching rule's error. */
  async apply(api: string, body: Body): Promise<void> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs))
    const hit = this.rules.find((r) => r.left > 0 && r.rule.api === api && (r.rule.matches?.(body) ?? true))
    if (!hit) return
    hit.left--
    throw wecomError(hit.rule.errcode)
  }
}
