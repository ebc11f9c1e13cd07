import type { Transaction } from 'kysely'
import type { DB } from '../db/types'

/** A WeCom callback in Pond's words: what modules react to. Mapped from packages/wecom's parsed events. */
export type InboxEvent =
  | { type: 'contact.added'; userid: string; externalUserId: string; state: string; welcomeCode?: string; half: boolean; at: Date }
  | { type: 'contact.edited'; userid: string; externalUserId: string; at: Date }
  | { type: 'contact.deleted_by_employee'; userid: string; externalUserId: string; source: string; at: Date }
  | { type: 'contact.deleted_by_customer'; userid: string; externalUserId: string; at: Date }
  | { type: 'contact.transfer_failed'; userid: string; externalUserId: string; reason: string; at: Date }
  | { type: 'tag.changed'; changeType: string; id: string; tagType: string; at: Date }
  | { type: 'chat.changed'; changeType: string; chatId: string; at: Date }
  | { type: 'org.changed'; changeType: string; at: Date }
  | { type: 'ignored'; event: string; changeType: string; at: Date }

export interface InboxContext {
  corpId: string
  inboxId: string
  dedupeKey: string
  receivedAt: Date
  /**
   * Runs `fn` in a transaction that locks this inbox row and marks it processed on commit.
   * Returns undefined (and runs nothing) when the row was processed already: a duplicate job.
   */
  transaction<T>(fn: (tx: Transaction<DB>) => Promise<T>): Promise<T | undefined>
}

export type InboxHandler<T extends InboxEvent['type'] = InboxEvent['type']> =
  (event: Extract<InboxEvent, { type: T }>, ctx: InboxContext) => Promise<void>

export type InboxHandlers = { [T in InboxEvent['type']]?: InboxHandler<T> }

/** One inbox row of a batch, parsed. */
export interface InboxItem<T extends InboxEvent['type'] = InboxEvent['type']> {
  event: Extract<InboxEvent, { type: T }>
  inboxId: string
  dedupeKey: string
}

export interface InboxBatchContext<T extends InboxEvent['type'] = InboxEvent['type']> {
  corpId: string
  /**
   * Runs `fn` in one transaction that locks the batch's rows and marks them processed on commit; `fn` gets
   * the rows still unprocessed (a duplicate drain finds none and nothing runs).
   */
  transaction(fn: (tx: Transaction<DB>, pending: InboxItem<T>[]) => Promise<void>): Promise<void>
}

/**
 * Processes many rows of one event type at once, for events that arrive in bursts (a fission poster's
 * scans): set-based statements and one commit for the batch instead of a dozen statements and a commit
 * per row. `accepts` picks the events it takes; a batch that fails is processed again row by row by the
 * single handler, so one bad row fails alone.
 */
export interface InboxBatchHandler<T extends InboxEvent['type'] = InboxEvent['type']> {
  accepts(event: Extract<InboxEvent, { type: T }>): boolean
  handle(items: InboxItem<T>[], ctx: InboxBatchContext<T>): Promise<void>
}
