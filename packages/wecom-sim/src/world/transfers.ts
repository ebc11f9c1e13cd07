import { simNotFound } from '../errors'
import type { ChangeResult, DeliveryRecord, ExternalContactEvent } from '../types'
import type { CustomerStore } from './customers'
import type { OrgStore } from './org'
import { dueAt, type Transfer, type TransferFailReason, type TransferKind, TransferStore } from './transfer-store'
import type { Employee, Follow } from './types'

/**
 * The rules of 在职继承 and 离职继承 (CONTRACT §6, docs 96325 / 96331) over the org and customer stores:
 * a started transfer waits 24 h of the sim clock; the customer may refuse meanwhile (transfer_fail
 * customer_refused); then it completes — unless the takeover reached its customer limit (transfer_fail
 * customer_limit_exceed) — and the relation moves from the handover to the takeover. Completion is lazy:
 * {@link Transfers.completeDue} runs whenever the world's state is read.
 */

/** On-job: each customer at most this many transfers… */
export const ONJOB_TRANSFERS_PER_WINDOW = 2
/** …within this many days (CONTRACT §6: "2 times in 90 natural days"; the sim counts 90 × 24 h back from now). */
export const ONJOB_WINDOW_DAYS = 90

/**
 * Per-customer errcodes of transfer_customer. 84061, 40099 and 40100 are WeCom's (CONTRACT §9.1); the code for
 * the 2-per-90-days limit is not documented anywhere we have — 40128 is the sim's choice, UNCONFIRMED.
 */
export const TRANSFER_ERRCODES = {
  unknownCustomer: 40096,
  notCustomerOfHandover: 84061,
  takeoverAtLimit: 40099,
  alreadyInTransfer: 40100,
  tooManyTransfers: 40128, // UNCONFIRMED: the real code for "transferred 2 times in 90 days" is unknown
} as const

/** add_way of a relation the takeover got by transfer: 202 "assigned by admin / owner" (CONTRACT §3.1). */
export const TRANSFER_ADD_WAY = 202

export interface TransferDeps {
  org: OrgStore
  customers: CustomerStore
  now(): number
  /** The most customers a member can have; transfers to a member at the limit fail. */
  customerLimit: number
  emit(event: Omit<ExternalContactEvent, 'createTime'>): Promise<DeliveryRecord>
}

export interface StartTransferInput {
  kind: TransferKind
  /** Both checked by the caller: exist, the right status, customer contact. */
  handover: Employee
  takeover: Employee
  externalUserId: string
  transferSuccessMsg?: string
}

/** A customer of a member who left, not assigned to anyone yet (get_unassigned_list). */
export interface UnassignedRow {
  handover: Employee
  follow: Follow
}

export class Transfers {
  readonly store = new TransferStore()

  constructor(private readonly deps: TransferDeps) {}

  /** The per-customer part of transfer_customer: starts the transfer and returns 0, or returns the errcode. */
  start(input: StartTransferInput): number {
    const { kind, handover, takeover, externalUserId } = input
    const codes = TRANSFER_ERRCODES
    if (!this.deps.customers.findCustomer(externalUserId)) return codes.unknownCustomer
    const follow = this.deps.customers.findFollow(handover.userid, externalUserId)
    if (!follow || follow.deletedByCustomer) return codes.notCustomerOfHandover
    if (this.store.waitingOf(externalUserId)) return codes.alreadyInTransfer
    if (kind === 'onjob' && this.recentOnJobTransfers(externalUserId) >= ONJOB_TRANSFERS_PER_WINDOW) return codes.tooManyTransfers
    if (!this.isFriend(takeover.userid, externalUserId) && this.atLimit(takeover.userid)) return codes.takeoverAtLimit
    this.store.add({
      kind,
      handoverUserid: handover.userid,
      takeoverUserid: takeover.userid,
      externalUserId,
      startedAt: this.deps.now(),
      ...(input.transferSuccessMsg ? { transferSuccessMsg: input.transferSuccessMsg } : {}),
    })
    return 0
  }

  /** Completed on-job transfers of the customer that started within the window. */
  private recentOnJobTransfers(externalUserId: string): number {
    const since = this.deps.now() - ONJOB_WINDOW_DAYS * 86_400_000
    return this.store.ofCustomer(externalUserId).filter((t) => t.kind === 'onjob' && t.status === 1 && t.startedAt > since).length
  }

  private isFriend(userid: string, externalUserId: string): boolean {
    const follow = this.deps.customers.findFollow(userid, externalUserId)
    return follow !== undefined && !follow.deletedByCustomer
  }

  private atLimit(userid: string): boolean {
    return this.deps.customers.followsOfUser(userid).length >= this.deps.customerLimit
  }

  /** Settles every waiting transfer whose 24 h are over by the sim clock, oldest first; returns them. */
  completeDue(): Transfer[] {
    const now = this.deps.now()
    const due = this.store.waiting().filter((t) => dueAt(t) <= now)
    for (const transfer of due) this.complete(transfer)
    return due
  }

  /**
   * Completes at the due time: the takeover gets the relation with the handover's remark, description, tags and
   * state (add_way 202) and an add_external_contact event unless already a friend; the handover's relation goes,
   * with del_external_contact Source DELETE_BY_TRANSFER on-job (a member who left gets no event).
   */
  private complete(transfer: Transfer): void {
    const at = dueAt(transfer)
    const { takeoverUserid: takeover, handoverUserid: handover, externalUserId } = transfer
    const friend = this.isFriend(takeover, externalUserId)
    if (!friend && this.atLimit(takeover)) {
      void this.fail(transfer, 4, 'customer_limit_exceed', at)
      return
    }
    const from = this.deps.customers.findFollow(handover, externalUserId)
    if (!friend) {
      const follow = this.deps.customers.upsertFollow({
        userid: takeover,
        externalUserId,
        createtime: Math.floor(at / 1000),
        addWay: TRANSFER_ADD_WAY,
        state: from?.state ?? '',
        operUserid: handover, // UNCONFIRMED: WeCom's oper_userid for API transfers is undocumented
      })
      if (from) {
        Object.assign(follow, { remark: from.remark, description: from.description, remarkCorpName: from.remarkCorpName })
        Object.assign(follow, { remarkMobiles: [...from.remarkMobiles], tagIds: new Set(from.tagIds) })
      }
      void this.deps.emit({ event: 'change_external_contact', changeType: 'add_external_contact', userid: takeover, externalUserId })
    }
    this.store.settle(transfer, 1, at)
    if (!from) return
    this.deps.customers.removeFollow(handover, externalUserId)
    if (transfer.kind === 'onjob') {
      void this.deps.emit({
        event: 'change_external_contact', changeType: 'del_external_contact', userid: handover, externalUserId, source: 'DELETE_BY_TRANSFER',
      })
    }
  }

  /** The customer refuses the waiting transfer: status 3 and transfer_fail customer_refused to the takeover. */
  refuse(externalUserId: string): ChangeResult {
    const transfer = this.store.waitingOf(externalUserId)
    if (!transfer) throw simNotFound('waiting_transfer', externalUserId)
    const delivery = this.fail(transfer, 3, 'customer_refused', this.deps.now())
    return { externalUserId, userid: transfer.takeoverUserid, delivery }
  }

  private fail(transfer: Transfer, status: 3 | 4, failReason: TransferFailReason, at: number): Promise<DeliveryRecord> {
    this.store.settle(transfer, status, at)
    const { takeoverUserid: userid, externalUserId } = transfer
    return this.deps.emit({ event: 'change_external_contact', changeType: 'transfer_fail', userid, externalUserId, failReason })
  }

  /**
   * Customers of members who left (status 5) that are not in a waiting transfer, ordered by relation seq (so a
   * seq cursor is stable); relations the customer deleted are left out.
   */
  unassigned(): UnassignedRow[] {
    const rows: UnassignedRow[] = []
    for (const handover of this.deps.org.listEmployees()) {
      if (handover.status !== 5) continue
      for (const follow of this.deps.customers.followsOfUser(handover.userid)) {
        if (follow.deletedByCustomer || this.store.waitingOf(follow.externalUserId)?.handoverUserid === handover.userid) continue
        rows.push({ handover, follow })
      }
    }
    return rows.sort((a, b) => a.follow.seq - b.follow.seq)
  }
}
