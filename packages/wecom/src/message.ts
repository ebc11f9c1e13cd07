import type { Call } from './call'

/** textcard body: title ≤128 B, description ≤512 B, url required (http/https), btntxt ≤4 chars. */
export interface TextCard {
  title: string
  description: string
  url: string
  btntxt?: string
}

/** template_card body (CONTRACT-MORE §12.2); nested fields in camelCase, e.g. `mainTitle`, `cardAction`. */
export interface TemplateCard {
  cardType: 'text_notice' | 'news_notice' | 'button_interaction' | 'vote_interaction' | 'multiple_interaction'
  [field: string]: unknown
}

/** The message itself, one object named after `msgtype`. */
export type AppMessageContent =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'textcard'; textcard: TextCard }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'template_card'; templateCard: TemplateCard }

/** Request of {@link MessageApi.send}; at least one of touser/toparty/totag (82001 otherwise). */
export type SendMessageRequest = AppMessageContent & {
  /** userids (≤1000) or '@all'; an array is joined with '|'. */
  touser?: string | string[]
  /** Department ids (≤100). */
  toparty?: string | (string | number)[]
  /** Tag ids (≤100). */
  totag?: string | (string | number)[]
  /** Defaults to the client's `agentId`; must be the token's app (301002 otherwise). */
  agentid?: number
  /** 0 shareable, 1 no forwarding + watermark, 2 corp-only (mpnews only). */
  safe?: 0 | 1 | 2
  enableIdTrans?: boolean
  /** Identical requests within `duplicateCheckInterval` are not delivered again. */
  enableDuplicateCheck?: boolean
  /** Seconds; default 1800, max 14400. */
  duplicateCheckInterval?: number
}

/** Reply of {@link MessageApi.send}; some invalid recipients still mean success (CONTRACT-MORE §12.3). */
export interface SendMessageReply {
  /** Lower-cased by WeCom. */
  invaliduser: string[]
  invalidparty: string[]
  invalidtag: string[]
  unlicenseduser: string[]
  /** For message/recall within 24 h. */
  msgid: string
  /** Only for interactive template cards; single use. */
  responseCode?: string
}

interface WireReply {
  invaliduser?: string
  invalidparty?: string
  invalidtag?: string
  unlicenseduser?: string
  msgid?: string
  responseCode?: string
}

const joinIds = (ids: string | (string | number)[] | undefined): string | undefined =>
  Array.isArray(ids) ? ids.join('|') : ids

// Lists come back as '|'-joined strings, sometimes with spaces around the bars.
const splitIds = (ids: string | undefined): string[] =>
  (ids ?? '').split('|').map((id) => id.trim()).filter((id) => id !== '')

const flag = (value: boolean | undefined): 0 | 1 | undefined => (value === undefined ? undefined : value ? 1 : 0)

/** Application messages; see {@link messageApi}. */
export type MessageApi = ReturnType<typeof messageApi>

/** The `message` family of the client: application messages (doc 90236; CONTRACT-MORE §12). */
export const messageApi = (call: Call, defaultAgentId?: number) => ({
  /** Sends an app message to members, departments and/or tags. Doc 90236. */
  send: async (request: SendMessageRequest): Promise<SendMessageReply> => {
    const agentid = request.agentid ?? defaultAgentId
    if (agentid === undefined) throw new TypeError('message.send needs agentid (or the client agentId option)')
    const body = {
      ...request,
      agentid,
      touser: joinIds(request.touser),
      toparty: joinIds(request.toparty),
      totag: joinIds(request.totag),
      enableIdTrans: flag(request.enableIdTrans),
      enableDuplicateCheck: flag(request.enableDuplicateCheck),
    }
    const reply = await call<WireReply>('message/send', { body })
    return {
      invaliduser: splitIds(reply.invaliduser),
      invalidparty: splitIds(reply.invalidparty),
      invalidtag: splitIds(reply.invalidtag),
      unlicenseduser: splitIds(reply.unlicenseduser),
      msgid: reply.msgid ?? '',
      ...(reply.responseCode ? { responseCode: reply.responseCode } : {}),
    }
  },
})
