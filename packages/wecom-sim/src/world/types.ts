/** Entities of the simulated corp. Times are Unix milliseconds unless the name says seconds. */

export interface Department {
  id: number
  name: string
  parentId: number
  order: number
}

/** Member status (CONTRACT-MORE §11.3): 1 activated, 2 disabled, 4 not activated, 5 left the corp. */
export type EmployeeStatus = 1 | 2 | 4 | 5

export interface Employee {
  userid: string
  name: string
  departments: number[]
  position: string
  status: EmployeeStatus
  customerContact: boolean
  /** Unix seconds when the member left (status 5); get_unassigned_list's dimission_time. */
  dimissionTime?: number
}

export interface Customer {
  externalUserId: string
  name: string
  avatar: string
  gender: 0 | 1 | 2
  type: 1 | 2
  unionid?: string
  createdAt: number
}

export interface Follow {
  userid: string
  externalUserId: string
  remark: string
  description: string
  remarkCorpName: string
  remarkMobiles: string[]
  createtime: number // seconds, as WeCom returns it
  addWay: number
  state: string
  operUserid: string
  tagIds: Set<string>
  /** The customer deleted the employee; the one-way relation still exists (CONTRACT §3.1). */
  deletedByCustomer: boolean
  seq: number
}

export interface CorpTag {
  id: string
  groupId: string
  name: string
  order: number
  createTime: number // seconds
  deleted: boolean
}

export interface CorpTagGroup {
  id: string
  name: string
  order: number
  createTime: number // seconds
  deleted: boolean
  tagIds: string[]
}

export interface ContactWay {
  configId: string
  type: 1 | 2
  scene: 1 | 2
  style?: number
  remark: string
  skipVerify: boolean
  state: string
  user: string[]
  party: number[]
  isTemp: boolean
  expiresIn?: number
  chatExpiresIn?: number
  unionid?: string
  conclusions?: unknown
  createdAt: number
  /** A temporary way stops working after its first add (CONTRACT §3.3). */
  used: boolean
  seq: number
}

export interface WelcomeAttachment {
  msgtype: string
  body: Record<string, unknown>
  /** For attachments that reference an uploaded media_id: the path on the sim that serves the bytes (`/sim/media/:id`). */
  mediaUrl?: string
}

export interface WelcomeMessage {
  kind: 'welcome'
  id: string
  externalUserId: string
  userid: string
  at: number
  text?: string
  attachments: WelcomeAttachment[]
}

export interface AppMessage {
  kind: 'app'
  id: string
  userid: string
  agentId: number
  msgtype: string
  body: unknown
  at: number
}

export type Message = WelcomeMessage | AppMessage

export interface WelcomeCode {
  code: string
  userid: string
  externalUserId: string
  issuedAt: number
  used: boolean
}

export interface StoredMedia {
  mediaId: string
  type: string
  filename: string
  contentType: string
  bytes: Buffer
  createdAt: number
}

export interface WorldStats {
  departments: number
  employees: number
  customers: number
  follows: number
  contactWays: number
  corpTagGroups: number
  corpTags: number
  welcomeMessages: number
  appMessages: number
  media: number
}
