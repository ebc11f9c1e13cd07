import { randomInt } from 'node:crypto'
import { drawName } from '../demo-names'
import { SimError, simInvalid, simNotFound } from '../errors'
import { createRng } from '../rng'
import type { ChangeResult, ScanResult } from '../types'
import { type ContactWaySpec, ContactWayStore } from './contact-ways'
import { CustomerStore, type NewCustomer } from './customers'
import type { NewFollowInput, ScanInput, WorldDeps } from './inputs'
import { MediaStore } from './media'
import { MessageStore } from './messages'
import { type NewDepartment, type NewEmployee, OrgStore } from './org'
import { restoreSnapshot, takeSnapshot, type WorldSnapshot } from './snapshot'
import { TagStore } from './tags'
import type { Transfer } from './transfer-store'
import { Transfers } from './transfers'
import type { ContactWay, Customer, Department, Employee, EmployeeStatus, Follow, Message, WorldStats } from './types'

export type { NewFollowInput, ScanInput, WorldDeps } from './inputs'

/** The simulated corp: the scripting API over the stores that the WeCom HTTP API reads and writes. */
export class World {
  readonly org: OrgStore
  readonly customers: CustomerStore
  readonly tags: TagStore
  readonly contactWays: ContactWayStore
  readonly messages: MessageStore
  readonly media = new MediaStore()
  readonly transfers: Transfers

  constructor(private readonly deps: WorldDeps) {
    this.org = new OrgStore(deps.corpName)
    this.customers = new CustomerStore((id) => {
      const base = deps.baseUrl()
      return base ? avatarPath(base, id) : ''
    })
    this.tags = new TagStore(deps.corpTagLimit)
    this.contactWays = new ContactWayStore(this.org, deps.contactWayQuota)
    this.messages = new MessageStore(deps.welcomeCodeTtlSeconds * 1000)
    const transferDeps = { org: this.org, customers: this.customers, now: () => this.now(), emit: deps.emit.bind(deps) }
    this.transfers = new Transfers({ ...transferDeps, customerLimit: deps.customerLimit ?? 50_000 })
  }

  /** A world that continues where `snapshot` left off; throws a SimError on an unknown version or another corp's snapshot. */
  static fromSnapshot(deps: WorldDeps, snapshot: WorldSnapshot): World {
    const world = new World(deps)
    restoreSnapshot(world, snapshot)
    return world
  }

  /** Everything needed to continue later, as plain JSON (see snapshot.ts); delivery log and tokens are not in it. */
  snapshot(): WorldSnapshot {
    this.completeDueTransfers()
    return takeSnapshot(this)
  }

  get corpId(): string {
    return this.deps.corpId
  }

  now(): number {
    return this.deps.clock.now()
  }

  addDepartment(input: NewDepartment): Department {
    return this.org.addDepartment(input)
  }

  /** A member with status 5 (left) and no `dimissionTime` left now. */
  addEmployee(input: NewEmployee): Employee {
    const left = input.status === 5 && input.dimissionTime === undefined
    return this.org.addEmployee(left ? { ...input, dimissionTime: Math.floor(this.now() / 1000) } : input)
  }

  /** Sets a member's status; 5 (left) puts their customers on get_unassigned_list for 离职继承 (CONTRACT §6). */
  setEmployeeStatus(userid: string, status: EmployeeStatus): Employee {
    return this.org.setStatus(userid, status, Math.floor(this.now() / 1000))
  }

  /** Transfers still in their 24 h wait, oldest first (copies; due ones are completed first). */
  pendingTransfers(): Transfer[] {
    this.completeDueTransfers()
    return this.transfers.store.waiting().map((t) => ({ ...t }))
  }

  /** Settles every transfer whose 24 h are over by the sim clock (done, or failed at the customer limit); runs lazily on reads. */
  completeDueTransfers(): Transfer[] {
    return this.transfers.completeDue().map((t) => ({ ...t }))
  }

  /** The customer refuses its waiting transfer: status 3 and transfer_fail (FailReason customer_refused) for the takeover. */
  refuseTransfer(externalUserId: string): ChangeResult {
    this.completeDueTransfers()
    return this.transfers.refuse(externalUserId)
  }

  addCustomer(input: NewCustomer): Customer {
    return this.customers.addCustomer(input, this.now())
  }

  /**
   * The same WeChat user under a second external_userid, sharing the unionid (given one first if it had none):
   * what Pond sees when the corp's ids change (e.g. a third-party/代开发 app's id next to the self-built one,
   * or ids from before and after the 2022 upgrade, CONTRACT §10). Relations are then made under either id.
   */
  addSecondIdentity(externalUserId: string): Customer {
    const person = this.customerOrThrow(externalUserId)
    person.unionid ??= `o${person.externalUserId.slice(2, 29)}`
    return this.addCustomer({ name: person.name, avatar: person.avatar, gender: person.gender, unionid: person.unionid })
  }

  /** Seeds a historic relation; emits no callback. */
  addFollow(input: NewFollowInput): Follow {
    const employee = this.employeeOrThrow(input.userid)
    this.customerOrThrow(input.externalUserId)
    for (const id of input.tagIds ?? []) if (!this.tags.findActiveTag(id)) throw simNotFound('corp_tag', id)
    return this.customers.upsertFollow({
      ...input,
      userid: employee.userid,
      createtime: input.createtime ?? Math.floor(this.now() / 1000),
      addWay: input.addWay ?? 1,
    })
  }

  /** A tag group made in the admin console; an existing group of that name receives the missing tags. */
  addCorpTagGroup(input: { name: string; tags: string[]; order?: number }): { id: string; name: string; tags: { id: string; name: string }[] } {
    const nowSec = Math.floor(this.now() / 1000)
    const existing = this.tags.activeGroups().find((g) => g.name === input.name)
    const have = new Set(existing ? this.tags.activeTags(existing).map((t) => t.name) : [])
    const missing = input.tags.filter((t) => !have.has(t)).map((name) => ({ name, order: 0 })) // ties keep insertion order
    const group = missing.length > 0
      ? this.tags.addTags({ groupName: input.name, groupOrder: input.order ?? 0, tags: missing }, nowSec).group
      : existing
    if (!group) throw simInvalid('a tag group needs at least one tag')
    return { id: group.id, name: group.name, tags: this.tags.activeTags(group).map((t) => ({ id: t.id, name: t.name })) }
  }

  /** Corp tag groups with their live tags, as an admin sees them in the console. */
  listCorpTags(): { id: string; name: string; order: number; tags: { id: string; name: string; order: number }[] }[] {
    return this.tags.activeGroups().map((g) => ({
      id: g.id, name: g.name, order: g.order,
      tags: this.tags.activeTags(g).map((t) => ({ id: t.id, name: t.name, order: t.order })),
    }))
  }

  /** A 「联系我」 made outside Pond (e.g. in the admin console); same rules as add_contact_way (CONTRACT §3.3). */
  addContactWay(input: Partial<ContactWaySpec> & { user?: string[]; party?: number[] }): ContactWay {
    const user = input.user ?? []
    const party = input.party ?? []
    const type = input.type ?? (user.length === 1 && party.length === 0 ? 1 : 2)
    const spec = { remark: '', skipVerify: true, state: '', isTemp: false, ...input, type, scene: input.scene ?? 2, user, party }
    return this.contactWays.create(spec, this.now())
  }

  getContactWay(configId: string): ContactWay | undefined {
    return this.contactWays.find(configId)
  }

  /** Ways a customer can scan now, newest first (a used or lapsed temporary way is gone from the customer's view). */
  scannableContactWays(): ContactWay[] {
    return this.contactWays.list(0, Number.MAX_SAFE_INTEGER, 0, Number.MAX_SAFE_INTEGER).filter((w) => !this.lapsed(w)).reverse()
  }

  /** A customer scans a 「联系我」 QR: choose the member round-robin, relate, issue a welcome code, call back. */
  async scan(input: ScanInput): Promise<ScanResult> {
    this.completeDueTransfers()
    const way = this.resolveWay(input)
    const customer = this.scanningCustomer(input.customer)
    const employee = this.contactWays.nextMember(way, (e) => this.isActiveFollow(e.userid, customer.externalUserId))
    if (!employee) throw new SimError('sim.scan.no_member', 409, `no member of way ${way.configId} can add this customer`)
    const at = input.at ?? this.now()
    this.customers.upsertFollow({
      userid: employee.userid,
      externalUserId: customer.externalUserId,
      createtime: Math.floor(at / 1000),
      addWay: 1,
      state: way.state,
      operUserid: customer.externalUserId,
    })
    if (way.isTemp) way.used = true
    const code = this.messages.issueWelcomeCode(employee.userid, customer.externalUserId, this.now())
    const delivery = this.deps.emit({
      event: 'change_external_contact', changeType: 'add_external_contact', userid: employee.userid,
      externalUserId: customer.externalUserId, state: way.state, welcomeCode: code.code,
    })
    const base = { externalUserId: customer.externalUserId, userid: employee.userid, welcomeCode: code.code, state: way.state }
    return { ...base, configId: way.configId, delivery }
  }

  private resolveWay(input: ScanInput): ContactWay {
    const way = input.configId ? this.contactWays.find(input.configId)
      : input.state !== undefined ? this.contactWays.findByState(input.state) : undefined
    if (!input.configId && input.state === undefined) throw simInvalid('scan needs configId or state')
    if (!way) throw simNotFound('contact_way', input.configId ?? `with state ${input.state}`)
    if (this.lapsed(way)) throw new SimError('sim.contact_way.expired', 410, `temporary way ${way.configId} is no longer valid`)
    return way
  }

  private lapsed(way: ContactWay): boolean {
    return way.isTemp && (way.used || this.now() > way.createdAt + (way.expiresIn ?? 7 * 86400) * 1000)
  }

  private scanningCustomer(input: ScanInput['customer']): Customer {
    const existing = input?.externalUserId ? this.customers.findCustomer(input.externalUserId) : undefined
    if (existing) return existing
    const drawn = drawName(createRng(randomInt(2 ** 31)))
    return this.addCustomer({ ...input, name: input?.name ?? drawn.name, gender: input?.gender ?? drawn.gender })
  }

  /** The customer deletes the member: del_follow_user; the one-way relation stays (CONTRACT §3.1, §7.1). */
  async customerDeletesEmployee(externalUserId: string, userid: string): Promise<ChangeResult> {
    this.completeDueTransfers()
    const follow = this.activeFollowOrThrow(this.employeeOrThrow(userid).userid, externalUserId)
    follow.deletedByCustomer = true
    return this.change('del_follow_user', follow)
  }

  /** The member deletes the customer: del_external_contact; the relation is gone (CONTRACT §3.1, §7.1). */
  async employeeDeletesCustomer(userid: string, externalUserId: string): Promise<ChangeResult> {
    this.completeDueTransfers()
    const employee = this.employeeOrThrow(userid)
    const follow = this.customers.findFollow(employee.userid, externalUserId)
    if (!follow) throw simNotFound('follow', `${userid}/${externalUserId}`)
    this.customers.removeFollow(employee.userid, externalUserId)
    return this.change('del_external_contact', follow)
  }

  private change(changeType: 'del_follow_user' | 'del_external_contact', follow: Follow): ChangeResult {
    const delivery = this.deps.emit({ event: 'change_external_contact', changeType, userid: follow.userid, externalUserId: follow.externalUserId })
    return { externalUserId: follow.externalUserId, userid: follow.userid, delivery }
  }

  customerInbox(externalUserId: string): Message[] {
    return this.messages.inboxOfCustomer(externalUserId)
  }

  employeeInbox(userid: string): Message[] {
    const employee = this.org.findEmployee(userid)
    return employee ? this.messages.inboxOfEmployee(employee.userid) : []
  }

  /** App messages to this employee that WeCom accepted and dropped: more than 30 a minute or 1,000 an hour (CONTRACT-MORE §12.5). */
  droppedAppMessages(userid: string): number {
    const employee = this.org.findEmployee(userid)
    return employee ? this.messages.droppedAppMessages(employee.userid) : 0
  }

  /** Employees the customer currently has as contacts (not the ones the customer deleted). */
  contactsOfCustomer(externalUserId: string): Employee[] {
    return this.followsOfCustomer(externalUserId).filter((f) => !f.deletedByCustomer)
      .map((f) => this.org.findEmployee(f.userid)).filter((e) => e !== undefined)
  }

  followsOfCustomer(externalUserId: string): Follow[] {
    this.completeDueTransfers()
    return this.customers.followsOfCustomer(externalUserId)
  }

  listEmployees(): Employee[] {
    return this.org.listEmployees()
  }

  listDepartments(): Department[] {
    return this.org.listDepartments()
  }

  listCustomers(offset = 0, limit = 100): Customer[] {
    return this.customers.listCustomers(offset, limit)
  }

  /** undefined when the customer does not exist. */
  getCustomer(externalUserId: string): Customer | undefined {
    return this.customers.findCustomer(externalUserId)
  }

  /** A customer created before the base URL was known still gets the sim-drawn avatar in API answers. */
  avatarOf(customer: Customer, baseUrl: string): string {
    return customer.avatar || avatarPath(baseUrl, customer.externalUserId)
  }

  stats(): WorldStats {
    this.completeDueTransfers()
    return {
      departments: this.org.departmentCount,
      employees: this.org.employeeCount,
      customers: this.customers.customerCount,
      follows: this.customers.followCount,
      contactWays: this.contactWays.count,
      corpTagGroups: this.tags.activeGroups().length,
      corpTags: this.tags.tagCount,
      welcomeMessages: this.messages.welcomeMessageCount,
      appMessages: this.messages.appMessageCount,
      media: this.media.count,
    }
  }

  private isActiveFollow(userid: string, externalUserId: string): boolean {
    const follow = this.customers.findFollow(userid, externalUserId)
    return follow !== undefined && !follow.deletedByCustomer
  }

  private activeFollowOrThrow(userid: string, externalUserId: string): Follow {
    const follow = this.customers.findFollow(userid, externalUserId)
    if (!follow || follow.deletedByCustomer) throw simNotFound('follow', `${userid}/${externalUserId}`)
    return follow
  }

  private employeeOrThrow(userid: string): Employee {
    const employee = this.org.findEmployee(userid)
    if (!employee) throw simNotFound('employee', userid)
    return employee
  }

  private customerOrThrow(externalUserId: string): Customer {
    const customer = this.customers.findCustomer(externalUserId)
    if (!customer) throw simNotFound('customer', externalUserId)
    return customer
  }
}

const avatarPath = (baseUrl: string, externalUserId: string) => `${baseUrl}/sim/avatar/${externalUserId}.svg`
