import type { Call } from './call'

/** Ending message of a temporary-session contact way (only with `isTemp`). */
export interface ContactWayConclusions {
  text?: { content: string }
  image?: { mediaId: string }
  link?: { title: string; picurl?: string; desc?: string; url: string }
  miniprogram?: { title: string; picMediaId: string; appid: string; page: string }
}

/** Fields of a 「联系我」 way that may change after creation (CONTRACT §3.3). */
export interface ContactWayEditable {
  /** Mini-program button style id. */
  style?: number
  /** At most 30 characters. */
  remark?: string
  /** Default true: customers are added without friend verification. */
  skipVerify?: boolean
  /** At most 30 characters; echoed in follow_user.state and the add event's `<State>`. */
  state?: string
  /** userids; exactly one when `type` is 1. Replaces the list on update. */
  user?: string[]
  /** Department ids; only with `type` 2. Replaces the list on update. */
  party?: number[]
  /** QR validity in seconds for temporary ways; default 7 days, max 14 days. */
  expiresIn?: number
  /** Session validity in seconds after adding, for temporary ways; default 24 h. */
  chatExpiresIn?: number
  unionid?: string
  isExclusive?: boolean
  conclusions?: ContactWayConclusions
}

/** Request of {@link ContactWayApi.add}. */
export interface AddContactWayRequest extends ContactWayEditable {
  /** 1 single member, 2 several members. */
  type: 1 | 2
  /** 1 mini-program button, 2 QR code. */
  scene: 1 | 2
  isTemp?: boolean
  markSource?: boolean
}

/** Request of {@link ContactWayApi.update}; type, scene and isTemp are fixed at creation. */
export interface UpdateContactWayRequest extends ContactWayEditable {
  configId: string
}

/** A 「联系我」 way as returned by get_contact_way. */
export interface ContactWay extends Omit<AddContactWayRequest, 'conclusions'> {
  configId: string
  qrCode?: string
  conclusions?: Omit<ContactWayConclusions, 'image'> & { image?: { picUrl: string } }
}

/** Request of {@link ContactWayApi.list}; times are Unix seconds. */
export interface ListContactWayRequest {
  startTime?: number
  endTime?: number
  cursor?: string
  /** Default 100, max 1000. */
  limit?: number
}

/** Reply of {@link ContactWayApi.list}. */
export interface ListContactWayReply {
  configIds: string[]
  nextCursor?: string
}

/** 「联系我」 management; see {@link contactWayApi}. */
export type ContactWayApi = ReturnType<typeof contactWayApi>

/** The `contactWay` family of the client: 「联系我」 live QR codes (doc 96348; CONTRACT §3.3). */
export const contactWayApi = (call: Call) => ({
  /** Creates a way; persist `configId` — API-created ways are not shown in the console. Doc 96348. */
  add: async (request: AddContactWayRequest): Promise<{ configId: string; qrCode?: string }> => {
    const { configId, qrCode } = await call<{ configId: string; qrCode?: string }>(
      'externalcontact/add_contact_way', { body: request })
    return qrCode ? { configId, qrCode } : { configId }
  },

  /** Reads one way. Doc 96348. */
  get: async (configId: string): Promise<ContactWay> =>
    (await call<{ contactWay: ContactWay }>('externalcontact/get_contact_way', { body: { configId } })).contactWay,

  /** Updates a way; `user`/`party` replace the old lists. Doc 96348. */
  update: async (request: UpdateContactWayRequest): Promise<void> => {
    await call('externalcontact/update_contact_way', { body: request })
  },

  /** Deletes a way. Doc 96348. */
  del: async (configId: string): Promise<void> => {
    await call('externalcontact/del_contact_way', { body: { configId } })
  },

  /** Lists config ids of ways this app manages, one page at a time. Doc 96348. */
  list: async (request: ListContactWayRequest = {}): Promise<ListContactWayReply> => {
    const reply = await call<{ contactWay?: { configId: string }[]; nextCursor?: string }>(
      'externalcontact/list_contact_way', { body: request })
    return { configIds: (reply.contactWay ?? []).map((way) => way.configId), nextCursor: reply.nextCursor || undefined }
  },
})
