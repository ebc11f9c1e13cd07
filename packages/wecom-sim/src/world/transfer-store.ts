/** Transfer records (在职继承 / 离职继承, CONTRACT §6) with their indexes; the rules live in transfers.ts. */

/** `onjob`: externalcontact/transfer_customer; `resigned`: externalcontact/resigned/transfer_customer. */
export type TransferKind = 'onjob' | 'resigned'

/** transfer_result status: 1 done, 2 waiting, 3 customer refused, 4 takeover at its customer limit (CONTRACT §6). */
export type TransferStatus = 1 | 2 | 3 | 4

export type TransferFailReason = 'customer_refused' | 'customer_limit_exceed'

export interface Transfer {
  seq: number
  kind: TransferKind
  handoverUserid: string
  takeoverUserid: string
  externalUserId: string
  status: TransferStatus
  /** Sim clock (ms) when transfer_customer started it. */
  startedAt: number
  /** Sim clock (ms) when it completed (status 1) or failed (3, 4). */
  endedAt?: number
  /** On-job only: the text shown to the customer. */
  transferSuccessMsg?: string
}

/** Every record in seq order and the seq counter; the indexes are rebuilt from it. */
export interface TransferState {
  transfers: Transfer[]
  seq: number
}

/** A started transfer waits this long for the customer before completing by itself (docs 96325, 96331). */
export const TRANSFER_WAIT_MS = 24 * 3600 * 1000

/** When a transfer completes unless the customer refuses first. */
export const dueAt = (t: Transfer): number => t.startedAt + TRANSFER_WAIT_MS

export class TransferStore {
  private readonly all: Transfer[] = []
  private readonly byCustomer = new Map<string, Transfer[]>()
  private readonly waitingByCustomer = new Map<string, Transfer>() // insertion order = seq order
  private seq = 0

  add(input: Omit<Transfer, 'seq' | 'status' | 'endedAt'>): Transfer {
    const transfer: Transfer = { ...input, seq: ++this.seq, status: 2 }
    this.index(transfer)
    return transfer
  }

  private index(transfer: Transfer): void {
    this.all.push(transfer)
    const list = this.byCustomer.get(transfer.externalUserId) ?? []
    list.push(transfer)
    this.byCustomer.set(transfer.externalUserId, list)
    if (transfer.status === 2) this.waitingByCustomer.set(transfer.externalUserId, transfer)
  }

  /** The customer's transfer still in its 24 h wait, if any (a customer is in at most one). */
  waitingOf(externalUserId: string): Transfer | undefined {
    return this.waitingByCustomer.get(externalUserId)
  }

  /** Waiting transfers, oldest first. */
  waiting(): Transfer[] {
    return [...this.waitingByCustomer.values()]
  }

  /** Ends a waiting transfer with its final status. */
  settle(transfer: Transfer, status: 1 | 3 | 4, at: number): void {
    transfer.status = status
    transfer.endedAt = at
    if (this.waitingByCustomer.get(transfer.externalUserId) === transfer) this.waitingByCustomer.delete(transfer.externalUserId)
  }

  ofCustomer(externalUserId: string): readonly Transfer[] {
    return this.byCustomer.get(externalUserId) ?? []
  }

  /** The latest record per customer from `handover` to `takeover` of one kind, in seq order (transfer_result). */
  results(kind: TransferKind, handover: string, takeover: string): Transfer[] {
    const latest = new Map<string, Transfer>()
    for (const t of this.all) {
      if (t.kind !== kind || t.handoverUserid !== handover || t.takeoverUserid !== takeover) continue
      latest.delete(t.externalUserId) // re-insert so the map stays in seq order of the latest records
      latest.set(t.externalUserId, t)
    }
    return [...latest.values()]
  }

  exportState(): TransferState {
    return { transfers: [...this.all], seq: this.seq }
  }

  /** Replaces everything with `state`; the objects are taken over, not copied. */
  importState(state: TransferState): void {
    this.all.length = 0
    this.byCustomer.clear()
    this.waitingByCustomer.clear()
    const transfers = [...state.transfers].sort((a, b) => a.seq - b.seq)
    for (const transfer of transfers) this.index(transfer)
    this.seq = Math.max(state.seq, transfers.at(-1)?.seq ?? 0)
  }

  get count(): number {
    return this.all.length
  }
}
