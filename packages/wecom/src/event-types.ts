/** Fields every self-built-app callback carries (doc 96361 / 90376). */
export interface WeComEventHeader {
  /** The corpid. */
  toUserName: string
  /** `sys` for system events. */
  fromUserName: string
  /** Unix seconds. */
  createTime: number
  msgType: string
  agentId?: number
}

interface ContactChange<T extends string> extends WeComEventHeader {
  event: 'change_external_contact'
  changeType: T
  /** The member (for `transfer_fail`: the takeover member). */
  userId: string
  externalUserId: string
}

/** Customer added a member; `welcomeCode` is absent when no welcome may be sent (doc 92130, CONTRACT §3.5). */
export interface AddExternalContactEvent extends ContactChange<'add_external_contact'> {
  state?: string
  welcomeCode?: string
}
/** Member edited remark/description/corp tags in the client (API edits produce no event, doc 96361). */
export type EditExternalContactEvent = ContactChange<'edit_external_contact'>
/** Customer added a skip-verify member who has not accepted yet. */
export interface AddHalfExternalContactEvent extends ContactChange<'add_half_external_contact'> {
  state?: string
  welcomeCode?: string
}
/** Member deleted the customer; `source` is `DELETE_BY_TRANSFER` after an on-job transfer. */
export interface DelExternalContactEvent extends ContactChange<'del_external_contact'> {
  source?: string
}
/** Customer deleted the member. */
export type DelFollowUserEvent = ContactChange<'del_follow_user'>
/** On-job transfer failed. */
export interface TransferFailEvent extends ContactChange<'transfer_fail'> {
  failReason?: 'customer_refused' | 'customer_limit_exceed' | (string & {})
}
/** Customer agreed to session archiving (doc 92005). */
export interface MsgAuditApprovedEvent extends ContactChange<'msg_audit_approved'> {
  welcomeCode?: string
}

/** `Event=change_external_contact` (doc 92130; CONTRACT §7.1). */
export type ExternalContactEvent =
  | AddExternalContactEvent
  | EditExternalContactEvent
  | AddHalfExternalContactEvent
  | DelExternalContactEvent
  | DelFollowUserEvent
  | TransferFailEvent
  | MsgAuditApprovedEvent

interface ChatChange<T extends string> extends WeComEventHeader {
  event: 'change_external_chat'
  changeType: T
  chatId: string
}

/** Customer group updated; member fields accompany only add_member/del_member (CONTRACT §7.2, §16). */
export interface ExternalChatUpdateEvent extends ChatChange<'update'> {
  updateDetail: 'add_member' | 'del_member' | 'change_owner' | 'change_name' | 'change_notice' | (string & {})
  /** 0 invited by a member, 3 scanned the group QR — not the numbering of groupchat/get. */
  joinScene?: number
  /** 0 left by themselves, 1 removed by owner/admin. */
  quitScene?: number
  memChangeCnt?: number
  /** userids or external_userids; empty when the event carries none. */
  memChangeList: string[]
  lastMemVer?: string
  /** Equals groupchat/get `member_version` once the change is visible there. */
  curMemVer?: string
}

/** `Event=change_external_chat` (doc 92130; CONTRACT §7.2). */
export type ExternalChatEvent = ChatChange<'create'> | ExternalChatUpdateEvent | ChatChange<'dismiss'>

/** `Event=change_external_tag` (doc 92130; CONTRACT §7.3). */
export interface ExternalTagEvent extends WeComEventHeader {
  event: 'change_external_tag'
  changeType: 'create' | 'update' | 'delete' | 'shuffle'
  /** Tag or group id; for `shuffle` the re-ordered group, possibly absent. */
  id?: string
  tagType?: 'tag' | 'tag_group' | (string & {})
  strategyId?: string
}

/** Member fields of `change_contact` create_user/update_user; optional because payloads may be reduced. */
export interface ContactUserFields {
  userId: string
  name?: string
  department?: number[]
  mainDepartment?: number
  isLeaderInDept?: number[]
  directLeader?: string[]
  position?: string
  mobile?: string
  /** '0' unknown, '1' male, '2' female — a string, as in user/get. */
  gender?: string
  email?: string
  bizMail?: string
  /** 1 activated, 2 disabled, 4 not activated, 5 left (CONTRACT-MORE §11.3). */
  status?: number
  avatar?: string
  alias?: string
  telephone?: string
  address?: string
}

interface DirectoryChange<T extends string> extends WeComEventHeader {
  event: 'change_contact'
  changeType: T
}

/** Member created. */
export interface CreateUserEvent extends DirectoryChange<'create_user'>, ContactUserFields {}
/** Member changed; with a reduced payload only departments/userid changes fire it (CONTRACT-MORE §11.5). */
export interface UpdateUserEvent extends DirectoryChange<'update_user'>, ContactUserFields {
  /** Present when the userid itself was changed. */
  newUserId?: string
}
/** Member deleted. */
export interface DeleteUserEvent extends DirectoryChange<'delete_user'> {
  userId: string
}
/** Department created. */
export interface CreatePartyEvent extends DirectoryChange<'create_party'> {
  id: number
  name?: string
  parentId?: number
  order?: number
}
/** Department changed. */
export interface UpdatePartyEvent extends DirectoryChange<'update_party'> {
  id: number
  name?: string
  parentId?: number
}
/** Department deleted. */
export interface DeletePartyEvent extends DirectoryChange<'delete_party'> {
  id: number
}
/** Member tag changed; docs advise re-reading the tag rather than trusting the item lists. */
export interface UpdateTagEvent extends DirectoryChange<'update_tag'> {
  tagId: number
  addUserItems: string[]
  delUserItems: string[]
  addPartyItems: number[]
  delPartyItems: number[]
}

/** `Event=change_contact` (doc 90376; CONTRACT-MORE §11.5). */
export type ContactEvent =
  | CreateUserEvent
  | UpdateUserEvent
  | DeleteUserEvent
  | CreatePartyEvent
  | UpdatePartyEvent
  | DeletePartyEvent
  | UpdateTagEvent

/** Anything Pond does not model: plain messages, other events, unknown change types, incomplete payloads. */
export interface UnknownEvent extends WeComEventHeader {
  event: 'unknown'
  /** The `<Event>` value, if any. */
  eventName?: string
  changeType?: string
  /** Every child of `<xml>` as parsed, values kept as strings. */
  raw: Record<string, unknown>
}

/** A decrypted callback as a discriminated union on `event`, then `changeType`. */
export type WeComEvent = ExternalContactEvent | ExternalChatEvent | ExternalTagEvent | ContactEvent | UnknownEvent
