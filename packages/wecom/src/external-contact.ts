import type { Call, RetryOptions } from './call'
import { transferApi } from './transfer'

/** One item of `external_profile.external_attr` (type 0 text, 1 web, 2 mini-program). */
export interface ExternalAttr {
  type: number
  name: string
  text?: { value: string }
  web?: { url: string; title: string }
  miniprogram?: { appid: string; pagepath: string; title: string }
}

/** The customer part of externalcontact/get and batch/get_by_user (CONTRACT §3.1). */
export interface ExternalContact {
  externalUserId: string
  name: string
  position?: string
  avatar?: string
  corpName?: string
  corpFullName?: string
  /** 1 WeChat user, 2 WeCom user. */
  type: number
  /** 0 unknown, 1 male, 2 female. */
  gender?: number
  /** Only when the corp bound a WeChat Open Platform account. */
  unionid?: string
  externalProfile?: { externalAttr?: ExternalAttr[] }
}

/** A tag on a follow user; type 1 corp tag, 2 personal tag (no `tagId`), 3 strategy tag. */
export interface FollowUserTag {
  groupName?: string
  tagName?: string
  tagId?: string
  type: number
}

interface FollowCommon {
  userid: string
  remark?: string
  description?: string
  /** Unix seconds when the member added the customer. */
  createtime: number
  remarkCorpName?: string
  remarkMobiles?: string[]
  operUserId?: string
  addWay?: number
  /** The contact-way / acquisition-link `state` that brought the customer. */
  state?: string
}

/** A member following the customer, as in externalcontact/get. */
export interface FollowUser extends FollowCommon {
  tags?: FollowUserTag[]
  wechatChannels?: { nickname?: string; source?: number }
}

/** A member following the customer, as in batch/get_by_user: corp/strategy tag ids only. */
export interface FollowInfo extends FollowCommon {
  tagId?: string[]
}

/** Reply of {@link ExternalContactApi.get}. */
export interface ExternalContactDetail {
  externalContact: ExternalContact
  followUser: FollowUser[]
  /** Only when the customer has more than 500 follow users. */
  nextCursor?: string
}

/** Request of {@link ExternalContactApi.batchGetByUser}. */
export interface BatchGetByUserRequest {
  /** At most 100 userids. */
  userIdList: string[]
  cursor?: string
  /** At most 100; default 50. */
  limit?: number
}

/** Reply of {@link ExternalContactApi.batchGetByUser}. */
export interface BatchGetByUserReply {
  externalContactList: { externalContact: ExternalContact; followInfo: FollowInfo }[]
  nextCursor?: string
}

/** Request of {@link ExternalContactApi.remark}; at least one field besides the ids. */
export interface RemarkRequest {
  userid: string
  externalUserId: string
  remark?: string
  description?: string
  remarkCompany?: string
  /** Replaces the old list; `['']` clears it. */
  remarkMobiles?: string[]
  remarkPicMediaId?: string
}

/** An attachment of a welcome message or mass message (CONTRACT §3.5). */
export type Attachment =
  | { msgtype: 'image'; image: { mediaId: string } | { picUrl: string } }
  | { msgtype: 'link'; link: { title: string; picurl?: string; desc?: string; url: string } }
  | { msgtype: 'miniprogram'; miniprogram: { title: string; picMediaId: string; appid: string; page: string } }
  | { msgtype: 'video'; video: { mediaId: string } }
  | { msgtype: 'file'; file: { mediaId: string } }

/** Request of {@link ExternalContactApi.sendWelcomeMsg}. */
export interface SendWelcomeMsgRequest {
  welcomeCode: string
  text?: { content: string }
  /** At most 9. */
  attachments?: Attachment[]
}

/** Customer-contact reads, remark, the welcome message and transfers; see {@link externalContactApi}. */
export type ExternalContactApi = ReturnType<typeof externalContactApi>

/** The `externalContact` family of the client (CONTRACT §3.1, §3.5, §6 transfers). */
export const externalContactApi = (call: Call) => ({
  /** Members with customer contact enabled, within the app's visibility. Doc 92571. */
  getFollowUserList: async (): Promise<string[]> =>
    (await call<{ followUser?: string[] }>('externalcontact/get_follow_user_list', { method: 'GET' })).followUser ?? [],

  /** external_userids of one member's customers. Doc 92113. */
  list: async (userid: string): Promise<string[]> =>
    (await call<{ externalUserId?: string[] }>('externalcontact/list', { method: 'GET', query: { userid } }))
      .externalUserId ?? [],

  /** One customer and its follow users; page with `cursor` past 500 follow users. Doc 92114. */
  get: async (externalUserId: string, cursor?: string): Promise<ExternalContactDetail> => {
    const reply = await call<ExternalContactDetail>('externalcontact/get', {
      method: 'GET',
      query: { externalUserId, cursor: cursor || undefined },
    })
    return { ...reply, followUser: reply.followUser ?? [], nextCursor: reply.nextCursor || undefined }
  },

  /**
   * Customers of up to 100 members, one row per (customer, member). Doc 92994. `retry` replaces the
   * client's back-off: a sync running many of these at once paces itself on 45033 (CONTRACT §9.1).
   */
  batchGetByUser: async (request: BatchGetByUserRequest, options: { retry?: RetryOptions } = {}): Promise<BatchGetByUserReply> => {
    const reply = await call<Partial<BatchGetByUserReply>>('externalcontact/batch/get_by_user', { body: request, ...options })
    return { externalContactList: reply.externalContactList ?? [], nextCursor: reply.nextCursor || undefined }
  },

  /** Sets a member's remark/description/mobiles for a customer; produces no callback. Doc 92115. */
  remark: async (request: RemarkRequest): Promise<void> => {
    await call('externalcontact/remark', { body: request })
  },

  /** Sends the welcome message for a welcome code, once, within 20 s of the add event. Doc 92599. */
  sendWelcomeMsg: async (request: SendWelcomeMsgRequest): Promise<void> => {
    await call('externalcontact/send_welcome_msg', { body: request })
  },

  ...transferApi(call),
})
