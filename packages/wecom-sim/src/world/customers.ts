import { simInvalid } from '../errors'
import { newExternalUserId } from '../ids'
import type { Customer, Follow } from './types'

export interface NewCustomer {
  externalUserId?: string
  name: string
  avatar?: string
  gender?: 0 | 1 | 2
  unionid?: string
}

export interface NewFollow {
  userid: string
  externalUserId: string
  createtime: number
  addWay: number
  state?: string
  operUserid?: string
  remark?: string
  /** Phone numbers the member noted for the customer (remark_mobiles, CONTRACT §3.1). */
  remarkMobiles?: string[]
  tagIds?: Iterable<string>
}

/** Customers in creation order, every relation (by seq) and the seq counter; the indexes are rebuilt from it. */
export interface CustomerState {
  customers: Customer[]
  follows: Follow[]
  seq: number
}

const EXTERNAL_USERID = /^w[mo][A-Za-z0-9_-]{16,62}$/

/**
 * Customers and follow relations with two indexes: per employee (ordered by seq, so cursors stay stable
 * while relations are added) and per customer.
 */
export class CustomerStore {
  private readonly customers = new Map<string, Customer>()
  private readonly order: string[] = []
  private readonly byUser = new Map<string, Follow[]>()
  private readonly byCustomer = new Map<string, Map<string, Follow>>()
  private seq = 0
  private follows = 0

  /** `defaultAvatar` gives customers created without an avatar one drawn by the sim ('' if unknown yet). */
  constructor(private readonly defaultAvatar: (externalUserId: string) => string = () => '') {}

  addCustomer(input: NewCustomer, createdAt: number): Customer {
    const externalUserId = input.externalUserId ?? this.freshId()
    if (!EXTERNAL_USERID.test(externalUserId)) throw simInvalid(`invalid external userid ${externalUserId}`)
    if (this.customers.has(externalUserId)) throw simInvalid(`customer ${externalUserId} already exists`)
    if (!input.name) throw simInvalid('customer name is required')
    const customer: Customer = {
      externalUserId,
      name: input.name,
      avatar: input.avatar ?? this.defaultAvatar(externalUserId),
      gender: input.gender ?? 0,
      type: externalUserId.startsWith('wo') ? 2 : 1,
      createdAt,
      ...(input.unionid ? { unionid: input.unionid } : {}),
    }
    this.customers.set(externalUserId, customer)
    this.order.push(externalUserId)
    return customer
  }

  private freshId(): string {
    for (;;) {
      const id = newExternalUserId()
      if (!this.customers.has(id)) return id
    }
  }

  findCustomer(externalUserId: string): Customer | undefined {
    return this.customers.get(externalUserId)
  }

  listCustomers(offset: number, limit: number): Customer[] {
    return this.order.slice(offset, offset + limit).map((id) => this.customers.get(id) as Customer)
  }

  /** Creates the relation, or re-activates one the customer had deleted (keeping remark and tags). */
  upsertFollow(input: NewFollow): Follow {
    const existing = this.findFollow(input.userid, input.externalUserId)
    if (existing) {
      Object.assign(existing, { deletedByCustomer: false, createtime: input.createtime, addWay: input.addWay })
      Object.assign(existing, { state: input.state ?? '', operUserid: input.operUserid ?? input.externalUserId })
      return existing
    }
    const follow: Follow = {
      userid: input.userid,
      externalUserId: input.externalUserId,
      remark: input.remark ?? '',
      description: '',
      remarkCorpName: '',
      remarkMobiles: input.remarkMobiles ?? [],
      createtime: input.createtime,
      addWay: input.addWay,
      state: input.state ?? '',
      operUserid: input.operUserid ?? input.externalUserId,
      tagIds: new Set(input.tagIds ?? []),
      deletedByCustomer: false,
      seq: ++this.seq,
    }
    this.indexFollow(follow)
    return follow
  }

  /** Follows must arrive in ascending seq so each employee's list stays sorted for the binary search. */
  private indexFollow(follow: Follow): void {
    const list = this.byUser.get(follow.userid) ?? []
    list.push(follow)
    this.byUser.set(follow.userid, list)
    const map = this.byCustomer.get(follow.externalUserId) ?? new Map<string, Follow>()
    map.set(follow.userid, follow)
    this.byCustomer.set(follow.externalUserId, map)
    this.follows++
  }

  exportState(): CustomerState {
    const follows = [...this.byUser.values()].flat().sort((a, b) => a.seq - b.seq)
    return { customers: this.order.map((id) => this.customers.get(id) as Customer), follows, seq: this.seq }
  }

  /** Replaces everything with `state`; the objects are taken over, not copied. */
  importState(state: CustomerState): void {
    for (const map of [this.customers, this.byUser, this.byCustomer]) map.clear()
    this.order.length = 0
    this.follows = 0
    for (const customer of state.customers) {
      this.customers.set(customer.externalUserId, customer)
      this.order.push(customer.externalUserId)
    }
    const follows = [...state.follows].sort((a, b) => a.seq - b.seq)
    for (const follow of follows) this.indexFollow(follow)
    this.seq = Math.max(state.seq, follows.at(-1)?.seq ?? 0)
  }

  findFollow(userid: string, externalUserId: string): Follow | undefined {
    return this.byCustomer.get(externalUserId)?.get(userid)
  }

  /** The employee deleted the customer: the relation is gone on both sides (CONTRACT §3.1). */
  removeFollow(userid: string, externalUserId: string): boolean {
    const follow = this.findFollow(userid, externalUserId)
    if (!follow) return false
    this.byCustomer.get(externalUserId)?.delete(userid)
    const list = this.byUser.get(userid) ?? []
    const index = this.indexAfter(list, follow.seq - 1)
    if (list[index] === follow) list.splice(index, 1)
    this.follows--
    return true
  }

  /** Follows of one employee in creation order. */
  followsOfUser(userid: string): readonly Follow[] {
    return this.byUser.get(userid) ?? []
  }

  /** Follows of one employee with seq > afterSeq, up to limit, found by binary search. */
  followsOfUserAfter(userid: string, afterSeq: number, limit: number): Follow[] {
    const list = this.byUser.get(userid) ?? []
    const start = this.indexAfter(list, afterSeq)
    return list.slice(start, start + limit)
  }

  private indexAfter(list: readonly Follow[], afterSeq: number): number {
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((list[mid] as Follow).seq <= afterSeq) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  followsOfCustomer(externalUserId: string): Follow[] {
    return [...(this.byCustomer.get(externalUserId)?.values() ?? [])].sort((a, b) => a.seq - b.seq)
  }

  /** Drops a deleted corp tag from every relation that carries it. */
  removeTagEverywhere(tagIds: ReadonlySet<string>): void {
    for (const list of this.byUser.values()) {
      for (const follow of list) for (const id of tagIds) follow.tagIds.delete(id)
    }
  }

  get customerCount(): number {
    return this.customers.size
  }

  get followCount(): number {
    return this.follows
  }
}
