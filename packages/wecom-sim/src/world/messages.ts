import { wecomError } from '../errors'
import { newWelcomeCode } from '../ids'
import type { AppMessage, WelcomeCode, WelcomeMessage } from './types'

/** Welcome codes and every message received, each inbox's messages in arrival order. */
export interface MessageState {
  welcomeCodes: WelcomeCode[]
  welcomes: WelcomeMessage[]
  appMessages: AppMessage[]
}

/** App messages one app may send one member (CONTRACT-MORE §12.5): the excess is dropped, the API still answers ok. */
export const APP_MESSAGES_PER_MEMBER = { perMinute: 30, perHour: 1000 }

/** One-time welcome codes (CONTRACT §3.5) and the messages customers and employees have received. */
export class MessageStore {
  private readonly codes = new Map<string, WelcomeCode>()
  private readonly customerInbox = new Map<string, WelcomeMessage[]>()
  private readonly employeeInbox = new Map<string, AppMessage[]>()
  private readonly appSentAt = new Map<string, number[]>()   // per member, the last hour's deliveries
  private readonly appDropped = new Map<string, number>()
  private welcomeCount = 0
  private appCount = 0

  constructor(private readonly welcomeTtlMs: number) {}

  issueWelcomeCode(userid: string, externalUserId: string, nowMs: number): WelcomeCode {
    const code: WelcomeCode = { code: newWelcomeCode(), userid, externalUserId, issuedAt: nowMs, used: false }
    this.codes.set(code.code, code)
    return code
  }

  /** Checks a code for send_welcome_msg: 41049 missing, 41051 already used, 41050 unknown or past the window. */
  checkWelcomeCode(code: string, nowMs: number): WelcomeCode {
    if (!code) throw wecomError(41049)
    const found = this.codes.get(code)
    if (!found) throw wecomError(41050)
    if (found.used) throw wecomError(41051)
    if (nowMs - found.issuedAt > this.welcomeTtlMs) throw wecomError(41050, 'welcome code expired')
    return found
  }

  /** Consumes the code and files the message in the customer's inbox. */
  deliverWelcome(code: WelcomeCode, message: WelcomeMessage): void {
    code.used = true
    this.push(this.customerInbox, message.externalUserId, message)
    this.welcomeCount++
  }

  /** Files the message unless the member had their share this minute or hour: then it is counted as dropped, silently. */
  deliverApp(message: AppMessage): void {
    const sent = (this.appSentAt.get(message.userid) ?? []).filter((t) => t > message.at - 3600_000)
    this.appSentAt.set(message.userid, sent)
    if (sent.length >= APP_MESSAGES_PER_MEMBER.perHour || sent.filter((t) => t > message.at - 60_000).length >= APP_MESSAGES_PER_MEMBER.perMinute) {
      this.appDropped.set(message.userid, (this.appDropped.get(message.userid) ?? 0) + 1)
      return
    }
    sent.push(message.at)
    this.push(this.employeeInbox, message.userid, message)
    this.appCount++
  }

  /** App messages WeCom accepted for this member and never delivered (over the per-member limits). */
  droppedAppMessages(userid: string): number {
    return this.appDropped.get(userid) ?? 0
  }

  inboxOfCustomer(externalUserId: string): WelcomeMessage[] {
    return [...(this.customerInbox.get(externalUserId) ?? [])]
  }

  inboxOfEmployee(userid: string): AppMessage[] {
    return [...(this.employeeInbox.get(userid) ?? [])]
  }

  exportState(): MessageState {
    return {
      welcomeCodes: [...this.codes.values()],
      welcomes: [...this.customerInbox.values()].flat(),
      appMessages: [...this.employeeInbox.values()].flat(),
    }
  }

  /** Replaces everything with `state`; the objects are taken over, not copied. */
  importState(state: MessageState): void {
    for (const map of [this.codes, this.customerInbox, this.employeeInbox]) map.clear()
    for (const code of state.welcomeCodes) this.codes.set(code.code, code)
    for (const message of state.welcomes) this.push(this.customerInbox, message.externalUserId, message)
    for (const message of state.appMessages) this.push(this.employeeInbox, message.userid, message)
    this.welcomeCount = state.welcomes.length
    this.appCount = state.appMessages.length
  }

  private push<T>(map: Map<string, T[]>, key: string, item: T): void {
    const list = map.get(key) ?? []
    list.push(item)
    map.set(key, list)
  }

  get welcomeMessageCount(): number {
    return this.welcomeCount
  }

  get appMessageCount(): number {
    return this.appCount
  }
}
