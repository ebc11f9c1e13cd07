/**
 * What Pond's modules need from WeCom, in Pond's words. The adapter (`adapter.ts`) implements it with
 * packages/wecom against the real service or the sandbox; modules never see HTTP or errcodes.
 */
export interface WeComDepartment { id: number; name: string; parentId: number; order: number }
export interface WeComEmployee { userid: string; name: string; position: string; status: number; departmentIds: number[]; mainDepartmentId: number | null }
/** `remarkMobiles`: phones the employee noted for the customer (CONTRACT §3.1), empties dropped. */
export interface WeComFollow { userid: string; remark: string; description: string; createdAt: Date; addWay: number; state: string; tagIds: string[]; remarkMobiles: string[] }
export interface WeComCustomer {
  externalUserId: string; name: string; avatar: string; gender: number; type: number; unionid: string | null; corpName: string
  follows: WeComFollow[]
}
export interface WeComTagGroup { groupId: string; name: string; order: number; tags: { id: string; name: string; order: number }[] }
export interface ContactWayInput { userids: string[]; skipVerify: boolean; state: string; remark: string }
export type WelcomeAttachment =
  | { type: 'image'; imageUrl: string }
  | { type: 'link'; title: string; url: string; desc?: string; picUrl?: string }
  | { type: 'miniprogram'; title: string; appid: string; page: string; picUrl: string }
export interface WelcomeMessage { text: string; attachments: WelcomeAttachment[] }

export type TransferKind = 'on_job' | 'resigned'

export interface WeComPort {
  corpId: string
  listDepartments(): Promise<WeComDepartment[]>
  listEmployees(): Promise<WeComEmployee[]>
  getCustomer(externalUserId: string): Promise<WeComCustomer>
  /**
   * One page of customers of up to 100 employees (batch/get_by_user). `paced`: no back-off inside, a
   * refusal (-1, 45009, 45033) surfaces at once for a caller that paces many calls itself.
   */
  listCustomersByEmployees(userids: string[], cursor?: string, opts?: { paced?: boolean }): Promise<{ customers: WeComCustomer[]; nextCursor?: string }>
  listCorpTags(): Promise<WeComTagGroup[]>
  createContactWay(input: ContactWayInput): Promise<{ configId: string; qrCodeUrl: string }>
  updateContactWay(configId: string, input: ContactWayInput): Promise<void>
  deleteContactWay(configId: string): Promise<void>
  /** Downloads the contact way's QR image (WeCom hosts it; we serve it on). */
  fetchQrPng(qrCodeUrl: string): Promise<Buffer>
  markTags(input: { userid: string; externalUserId: string; add: string[]; remove: string[] }): Promise<void>
  /** An app message to employees (CONTRACT-MORE §12); returns the userids WeCom refused. */
  sendAppMessage(input: { touser: string[]; markdown: string }): Promise<{ invalid: string[] }>
  /** Tag library writes (CONTRACT §3.2); WeCom assigns the ids. */
  addCorpTags(input: { groupId?: string; groupName?: string; tags: string[] }): Promise<WeComTagGroup>
  editCorpTag(input: { id: string; name: string }): Promise<void>
  deleteCorpTags(input: { tagIds?: string[]; groupIds?: string[] }): Promise<void>
  /** The tag library, or part of it (by tag or group ids). */
  getCorpTags(filter: { tagIds?: string[]; groupIds?: string[] }): Promise<WeComTagGroup[]>
  /** Starts transfers (CONTRACT §6): per customer, errcode 0 means the 24-hour takeover began. */
  transferCustomers(input: { kind: TransferKind; handoverUserid: string; takeoverUserid: string; externalUserIds: string[]; message?: string }): Promise<{ externalUserId: string; errcode: number }[]>
  /** Where the transfers between two employees stand: 1 done, 2 waiting, 3 refused, 4 takeover full, 5 none. */
  transferResults(input: { kind: TransferKind; handoverUserid: string; takeoverUserid: string }): Promise<{ externalUserId: string; status: number; takeoverAt: Date | null }[]>
  /** Customers of employees who left, waiting to be assigned (get_unassigned_list, first 1,000). */
  unassignedCustomers(): Promise<{ handoverUserid: string; externalUserId: string; leftAt: Date }[]>
  /** Returns how WeCom took it: a welcome code is single-use and lives 20 s (CONTRACT §3.5). */
  sendWelcome(welcomeCode: string, message: WelcomeMessage): Promise<'sent' | 'already_sent' | 'expired'>
}

/** WeCom's refusal of a call, as thrown by the port: the errcode (CONTRACT §9.1) and WeCom's message. */
export interface WeComRefusal { errcode: number; message: string }

export function refusalOf(err: unknown): WeComRefusal | undefined {
  const e = err as { errcode?: unknown; errmsg?: unknown } | null
  return typeof e?.errcode === 'number' ? { errcode: e.errcode, message: String(e.errmsg ?? '') } : undefined
}
