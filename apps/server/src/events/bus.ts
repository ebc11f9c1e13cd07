import type { Executor } from '../db/database'

/** Domain events a module publishes for others, delivered inside the publisher's transaction. */
export interface DomainEvents {
  'customers.follow.lost': { corpId: string; customerId: string; externalUserId: string; employeeId: string; liveCodeId: string | null; at: Date }
  /** A full sync stored relations that came through a live code (state) without a callback. */
  'customers.follows.imported': { corpId: string; follows: { liveCodeId: string; employeeId: string; externalUserId: string; addedAt: Date }[] }
  /**
   * A sync stored relations Pond did not know (their add callbacks never arrived), with the add's State; `isNewCustomer`
   * when the sync created the customer too.
   */
  'customers.relations.discovered': { corpId: string; relations: { customerId: string; externalUserId: string; employeeId: string; state: string; addedAt: Date; isNewCustomer: boolean }[] }
}

type Listener<K extends keyof DomainEvents> = (tx: Executor, payload: DomainEvents[K]) => Promise<void>

export interface EventBus {
  on<K extends keyof DomainEvents>(name: K, listener: Listener<K>): void
  emit<K extends keyof DomainEvents>(tx: Executor, name: K, payload: DomainEvents[K]): Promise<void>
}

export function createEventBus(): EventBus {
  const listeners = new Map<string, Listener<never>[]>()
  return {
    on(name, listener) { listeners.set(name, [...(listeners.get(name) ?? []), listener as Listener<never>]) },
    async emit(tx, name, payload) {
      for (const l of listeners.get(name) ?? []) await (l as Listener<typeof name>)(tx, payload)
    },
  }
}
