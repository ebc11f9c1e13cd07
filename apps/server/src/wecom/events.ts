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
