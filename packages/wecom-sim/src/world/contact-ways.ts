import { wecomError } from '../errors'
import { newConfigId } from '../ids'
import type { OrgStore } from './org'
import type { ContactWay, Employee } from './types'

/** What a caller configures; the store adds identity and bookkeeping. */
export type ContactWaySpec = Omit<ContactWay, 'configId' | 'createdAt' | 'used' | 'seq'>

export type ContactWayPatch = Partial<Omit<ContactWaySpec, 'type' | 'scene' | 'isTemp'>>

/** Ways in creation order, each way's round-robin position (next candidate index) and the seq counter. */
export interface ContactWayState {
  ways: ContactWay[]
  cursors: Record<string, number>
  seq: number
}

const MAX_MEMBERS = 100 // including expanded departments (CONTRACT §3.3, 41041)
const MAX_TEMP_SECONDS = 14 * 86400

/** 「联系我」 ways created through the API, with the rules of CONTRACT §3.3 and a round-robin per way. */
export class ContactWayStore {
  private readonly ways = new Map<string, ContactWay>()
  private readonly cursor = new Map<string, number>()
  private seq = 0
  private permanent = 0

  constructor(
    private readonly org: OrgStore,
    private readonly quota: number,
  ) {}

  create(spec: ContactWaySpec, nowMs: number): ContactWay {
    if (!spec.isTemp && this.permanent >= this.quota) throw wecomError(41045, `quota ${this.quota}`)
    const checked = this.check(spec)
    let configId = newConfigId()
    while (this.ways.has(configId)) configId = newConfigId()
    const way: ContactWay = { ...checked, configId, createdAt: nowMs, used: false, seq: ++this.seq }
    this.ways.set(configId, way)
    if (!way.isTemp) this.permanent++
    return way
  }

  /** update_contact_way: user[]/party[] replace; type, scene and is_temp are fixed at creation. */
  update(configId: string, patch: ContactWayPatch): ContactWay {
    const way = this.get(configId)
    const merged: ContactWaySpec = { ...way, ...definedOnly(patch) }
    Object.assign(way, this.check(merged))
    return way
  }

  delete(configId: string): void {
    const way = this.get(configId)
    this.ways.delete(configId)
    this.cursor.delete(configId)
    if (!way.isTemp) this.permanent--
  }

  get(configId: string): ContactWay {
    if (!configId) throw wecomError(41043)
    const way = this.ways.get(configId)
    if (!way) throw wecomError(41044, configId)
    return way
  }

  find(configId: string): ContactWay | undefined {
    return this.ways.get(configId)
  }

  /** The most recently created way carrying `state`. */
  findByState(state: string): ContactWay | undefined {
    let found: ContactWay | undefined
    for (const way of this.ways.values()) if (way.state === state && (!found || way.seq > found.seq)) found = way
    return found
  }

  /** list_contact_way: ways created in [startMs, endMs] after the cursor's seq, in creation order. */
  list(startMs: number, endMs: number, afterSeq: number, limit: number): ContactWay[] {
    const out: ContactWay[] = []
    for (const way of this.ways.values()) {
      if (way.seq > afterSeq && way.createdAt >= startMs && way.createdAt <= endMs) out.push(way)
      if (out.length === limit) break
    }
    return out
  }

  /** Users first, then members of the parties' subtrees, without duplicates. */
  members(way: Pick<ContactWay, 'user' | 'party'>): Employee[] {
    const seen = new Map<string, Employee>()
    for (const userid of way.user) {
      const employee = this.org.findEmployee(userid)
      if (employee) seen.set(employee.userid, employee)
    }
    for (const party of way.party) {
      for (const employee of this.org.employeesIn(party, true)) seen.set(employee.userid, employee)
    }
    return [...seen.values()]
  }

  /** Round-robin like WeCom's distribution: the next serving member after the last one chosen, skipping `skip`. */
  nextMember(way: ContactWay, skip: (e: Employee) => boolean): Employee | undefined {
    const candidates = this.members(way).filter((e) => this.org.canServeCustomers(e))
    const start = this.cursor.get(way.configId) ?? 0
    for (let i = 0; i < candidates.length; i++) {
      const index = (start + i) % candidates.length
      const employee = candidates[index] as Employee
      if (skip(employee)) continue
      this.cursor.set(way.configId, index + 1)
      return employee
    }
    return undefined
  }

  private check(spec: ContactWaySpec): ContactWaySpec {
    if ([...spec.remark].length > 30) throw wecomError(40058, 'remark exceeds 30 chars')
    if ([...spec.state].length > 30) throw wecomError(40058, 'state exceeds 30 chars')
    if (spec.type === 1 && (spec.user.length !== 1 || spec.party.length > 0)) {
      throw wecomError(40058, 'type 1 needs exactly one user and no party')
    }
    if (spec.type === 2 && spec.user.length + spec.party.length === 0) throw wecomError(40058, 'user and party are empty')
    if (spec.isTemp && spec.type !== 1) throw wecomError(40058, 'is_temp is only for type 1')
    for (const [name, value] of [['expires_in', spec.expiresIn], ['chat_expires_in', spec.chatExpiresIn]] as const) {
      if (value !== undefined && (value <= 0 || value > MAX_TEMP_SECONDS)) throw wecomError(40058, `${name} out of range`)
    }
    const user = spec.user.map((id) => this.checkUser(id))
    for (const party of spec.party) if (!this.org.findDepartment(party)) throw wecomError(60003, `party ${party}`)
    if (this.members({ user, party: spec.party }).length > MAX_MEMBERS) throw wecomError(41041, `max ${MAX_MEMBERS}`)
    return { ...spec, user }
  }

  private checkUser(userid: string): string {
    const employee = this.org.findEmployee(userid)
    if (!employee || !this.org.isVisible(employee)) throw wecomError(40003, userid)
    if (!this.org.canServeCustomers(employee)) throw wecomError(41054, userid)
    return employee.userid
  }

  exportState(): ContactWayState {
    return { ways: [...this.ways.values()], cursors: Object.fromEntries(this.cursor), seq: this.seq }
  }

  /** Replaces everything with `state`; the objects are taken over, not copied. */
  importState(state: ContactWayState): void {
    this.ways.clear()
    this.cursor.clear()
    for (const way of state.ways) this.ways.set(way.configId, way)
    for (const [configId, index] of Object.entries(state.cursors)) if (this.ways.has(configId)) this.cursor.set(configId, index)
    this.seq = state.ways.reduce((max, w) => Math.max(max, w.seq), state.seq)
    this.permanent = state.ways.filter((w) => !w.isTemp).length
  }

  get count(): number {
    return this.ways.size
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>
}
