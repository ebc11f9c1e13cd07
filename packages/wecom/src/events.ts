import { createHash } from 'node:crypto'
import type {
  ContactEvent,
  ContactUserFields,
  CreatePartyEvent,
  ExternalChatEvent,
  ExternalContactEvent,
  ExternalTagEvent,
  UpdatePartyEvent,
  UpdateUserEvent,
  WeComEvent,
  WeComEventHeader,
} from './event-types'
import type { XmlElement } from './xml'
import { isElement, nonEmptyTextOf as text, parseSafeInt, parseXmlRoot, XmlShapeError } from './xml'

/** Thrown when decrypted callback content is not a WeCom `<xml>` document with a CreateTime. */
export class WeComEventParseError extends Error {
  override readonly name = 'WeComEventParseError'
}

type Parser = (root: XmlElement, header: WeComEventHeader, changeType: string) => WeComEvent | undefined

const int = (root: XmlElement, tag: string) => parseSafeInt(text(root, tag))
const csv = (value: string | undefined): string[] =>
  value === undefined ? [] : value.split(',').map((s) => s.trim()).filter((s) => s !== '')
const csvInts = (value: string | undefined): number[] =>
  csv(value).map((s) => parseSafeInt(s)).filter((n): n is number => n !== undefined)
const optionalCsv = (root: XmlElement, tag: string) => {
  const value = text(root, tag)
  return value === undefined ? undefined : csv(value)
}
const optionalCsvInts = (root: XmlElement, tag: string) => {
  const value = text(root, tag)
  return value === undefined ? undefined : csvInts(value)
}

/** Drops undefined members so events compare and serialise cleanly. */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T

const readHeader = (root: XmlElement): WeComEventHeader => {
  // Third-party 指令回调 uses <TimeStamp> instead of <CreateTime> (doc 92277).
  const createTime = int(root, 'CreateTime') ?? int(root, 'TimeStamp')
  if (createTime === undefined) throw new WeComEventParseError('missing or invalid <CreateTime>')
  return defined({
    toUserName: text(root, 'ToUserName') ?? '',
    fromUserName: text(root, 'FromUserName') ?? '',
    createTime,
    msgType: text(root, 'MsgType') ?? '',
    agentId: int(root, 'AgentID'),
  })
}

const CONTACT_CHANGES = new Set([
  'add_external_contact', 'edit_external_contact', 'add_half_external_contact', 'del_external_contact',
  'del_follow_user', 'transfer_fail', 'msg_audit_approved',
])

const parseExternalContact: Parser = (root, header, changeType) => {
  const userId = text(root, 'UserID')
  const externalUserId = text(root, 'ExternalUserID')
  if (!CONTACT_CHANGES.has(changeType) || !userId || !externalUserId) return undefined
  return defined({
    ...header,
    event: 'change_external_contact',
    changeType,
    userId,
    externalUserId,
    state: changeType.startsWith('add_') ? text(root, 'State') : undefined,
    welcomeCode: /^add_|^msg_audit/.test(changeType) ? text(root, 'WelcomeCode') : undefined,
    source: changeType === 'del_external_contact' ? text(root, 'Source') : undefined,
    failReason: changeType === 'transfer_fail' ? text(root, 'FailReason') : undefined,
  }) as ExternalContactEvent
}

// Both encodings occur: <Item> children, or one comma-separated string (CONTRACT-MORE §16).
const memberList = (root: XmlElement): string[] => {
  const node = root['MemChangeList']
  if (typeof node === 'string') return csv(node)
  if (!isElement(node) || !Array.isArray(node['Item'])) return []
  return node['Item'].filter((item): item is string => typeof item === 'string').map((s) => s.trim()).filter(Boolean)
}

const parseExternalChat: Parser = (root, header, changeType) => {
  const chatId = text(root, 'ChatId')
  if (!chatId) return undefined
  const base = { ...header, event: 'change_external_chat' as const, chatId }
  if (changeType === 'create' || changeType === 'dismiss') return { ...base, changeType }
  if (changeType !== 'update') return undefined
  return defined({
    ...base,
    changeType,
    updateDetail: text(root, 'UpdateDetail') ?? '',
    joinScene: int(root, 'JoinScene'),
    quitScene: int(root, 'QuitScene'),
    memChangeCnt: int(root, 'MemChangeCnt'),
    memChangeList: memberList(root),
    lastMemVer: text(root, 'LastMemVer'),
    curMemVer: text(root, 'CurMemVer'),
  }) as ExternalChatEvent
}

const TAG_CHANGES = new Set(['create', 'update', 'delete', 'shuffle'])

const parseExternalTag: Parser = (root, header, changeType) => {
  const id = text(root, 'Id')
  if (!TAG_CHANGES.has(changeType) || (changeType !== 'shuffle' && !id)) return undefined
  return defined({
    ...header,
    event: 'change_external_tag',
    changeType,
    id,
    tagType: text(root, 'TagType'),
    strategyId: text(root, 'StrategyId'),
  }) as ExternalTagEvent
}

const userFields = (root: XmlElement, userId: string): ContactUserFields =>
  defined({
    userId,
    name: text(root, 'Name'),
    department: optionalCsvInts(root, 'Department'),
    mainDepartment: int(root, 'MainDepartment'),
    isLeaderInDept: optionalCsvInts(root, 'IsLeaderInDept'),
    directLeader: optionalCsv(root, 'DirectLeader'),
    position: text(root, 'Position'),
    mobile: text(root, 'Mobile'),
    gender: text(root, 'Gender'),
    email: text(root, 'Email'),
    bizMail: text(root, 'BizMail'),
    status: int(root, 'Status'),
    avatar: text(root, 'Avatar'),
    alias: text(root, 'Alias'),
    telephone: text(root, 'Telephone'),
    address: text(root, 'Address'),
  })

const parseContactUser: Parser = (root, header, changeType) => {
  const userId = text(root, 'UserID')
  if (!userId) return undefined
  const base = { ...header, event: 'change_contact' as const }
  if (changeType === 'delete_user') return { ...base, changeType, userId }
  if (changeType === 'create_user') return { ...base, changeType, ...userFields(root, userId) }
  if (changeType !== 'update_user') return undefined
  const newUserId = text(root, 'NewUserID')
  return defined<UpdateUserEvent>({ ...base, changeType, ...userFields(root, userId), newUserId })
}

const parseContactParty: Parser = (root, header, changeType) => {
  const id = int(root, 'Id')
  if (id === undefined) return undefined
  const base = { ...header, event: 'change_contact' as const, id }
  if (changeType === 'delete_party') return { ...base, changeType }
  const fields = { name: text(root, 'Name'), parentId: int(root, 'ParentId') }
  if (changeType === 'update_party') return defined<UpdatePartyEvent>({ ...base, changeType, ...fields })
  if (changeType !== 'create_party') return undefined
  return defined<CreatePartyEvent>({ ...base, changeType, ...fields, order: int(root, 'Order') })
}

const parseContactTag: Parser = (root, header) => {
  const tagId = int(root, 'TagId')
  if (tagId === undefined) return undefined
  return {
    ...header,
    event: 'change_contact',
    changeType: 'update_tag',
    tagId,
    addUserItems: csv(text(root, 'AddUserItems')),
    delUserItems: csv(text(root, 'DelUserItems')),
    addPartyItems: csvInts(text(root, 'AddPartyItems')),
    delPartyItems: csvInts(text(root, 'DelPartyItems')),
  } satisfies ContactEvent
}

const parseContact: Parser = (root, header, changeType) => {
  if (changeType.endsWith('_user')) return parseContactUser(root, header, changeType)
  if (changeType.endsWith('_party')) return parseContactParty(root, header, changeType)
  return changeType === 'update_tag' ? parseContactTag(root, header, changeType) : undefined
}

const PARSERS: Readonly<Record<string, Parser>> = {
  change_external_contact: parseExternalContact,
  change_external_chat: parseExternalChat,
  change_external_tag: parseExternalTag,
  change_contact: parseContact,
}

/**
 * Parses decrypted callback XML into a {@link WeComEvent} (event formats: doc 92130 / 90376 / 96361;
 * CONTRACT §7, CONTRACT-MORE §11.5, §16). Accepts CDATA and plain values and ignores unknown elements.
 * Unknown events, change types, plain messages and payloads missing their ids come back as `unknown`.
 * Throws {@link WeComEventParseError} if the XML is malformed or has no CreateTime.
 */
export const parseWeComEvent = (decryptedXml: string): WeComEvent => {
  let root: XmlElement
  try {
    root = parseXmlRoot(decryptedXml, { entities: true })
  } catch (error) {
    if (error instanceof XmlShapeError) throw new WeComEventParseError(error.message)
    throw error
  }
  const header = readHeader(root)
  const eventName = text(root, 'Event')
  const changeType = text(root, 'ChangeType')
  const parser = header.msgType === 'event' && eventName ? PARSERS[eventName] : undefined
  const event = parser && changeType ? parser(root, header, changeType) : undefined
  return event ?? defined({ ...header, event: 'unknown', eventName, changeType, raw: { ...root } })
}

/**
 * Inbox de-duplication key: SHA-1 hex of the decrypted XML (CONTRACT §2.6).
 * The documented FromUserName + CreateTime key collides for customer-contact events: FromUserName is always
 * `sys` and one admin action can emit several events in the same second (e.g. a tag group created with
 * several tags). A WeCom retry re-sends the same plaintext, while its signature and nonce change.
 */
export const callbackDedupeKey = (decryptedXml: string): string =>
  createHash('sha1').update(decryptedXml, 'utf8').digest('hex')
