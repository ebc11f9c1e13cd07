import { wecomError } from '../errors'
import { newMsgId } from '../ids'
import type { WelcomeAttachment } from '../world/types'
import type { World } from '../world/world'
import { type Body, byteLength, optObject, optString } from './params'
import type { CgiFamily } from './router'

const MAX_TEXT_BYTES = 4000
const MAX_ATTACHMENTS = 9
const MEDIA_FIELDS: Record<string, string[]> = { image: ['media_id'], video: ['media_id'], file: ['media_id'], miniprogram: ['pic_media_id'], link: [] }
const BYTE_LIMITS: Record<string, Record<string, number>> = { link: { title: 128, desc: 512 }, miniprogram: { title: 64 } }

/**
 * send_welcome_msg (CONTRACT §3.5): the code is one-time and valid welcomeCodeTtlSeconds by the sim clock;
 * the message lands in the customer's inbox so the sandbox can show what the customer saw.
 */
export const welcomeApi: CgiFamily = (router, { world }) => {
  router.post('/externalcontact/send_welcome_msg', ({ body, now }) => {
    const code = world.messages.checkWelcomeCode(optString(body, 'welcome_code') ?? '', now)
    const text = optObject(body, 'text')
    const content = text ? optString(text, 'content') : undefined
    if (content !== undefined && byteLength(content) > MAX_TEXT_BYTES) throw wecomError(45002, `text exceeds ${MAX_TEXT_BYTES} bytes`)
    const attachments = parseAttachments(world, body.attachments, now)
    if (!content && attachments.length === 0) throw wecomError(44004, 'text and attachments are both empty')
    world.messages.deliverWelcome(code, {
      kind: 'welcome',
      id: newMsgId(),
      externalUserId: code.externalUserId,
      userid: code.userid,
      at: now,
      ...(content ? { text: content } : {}),
      attachments,
    })
    return {}
  })
}

function parseAttachments(world: World, raw: unknown, now: number): WelcomeAttachment[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) throw wecomError(40058, 'attachments must be an array')
  if (raw.length > MAX_ATTACHMENTS) throw wecomError(41064, `at most ${MAX_ATTACHMENTS} attachments`)
  return raw.map((item: unknown) => parseAttachment(world, item, now))
}

function parseAttachment(world: World, item: unknown, now: number): WelcomeAttachment {
  const attachment = (typeof item === 'object' && item !== null ? item : {}) as Body
  const msgtype = optString(attachment, 'msgtype') ?? ''
  if (!(msgtype in MEDIA_FIELDS)) throw wecomError(41065, msgtype)
  const body = optObject(attachment, msgtype)
  if (!body) throw wecomError(40058, `${msgtype} object is required`)
  for (const [field, max] of Object.entries(BYTE_LIMITS[msgtype] ?? {})) {
    const value = optString(body, field)
    if (value !== undefined && byteLength(value) > max) throw wecomError(40058, `${msgtype}.${field} exceeds ${max} bytes`)
  }
  if (msgtype === 'link' && !optString(body, 'url')) throw wecomError(40058, 'link.url is required')
  if (msgtype === 'image' && !body.media_id && !body.pic_url) throw wecomError(40058, 'image needs media_id or pic_url')
  let mediaUrl: string | undefined
  for (const field of MEDIA_FIELDS[msgtype] ?? []) {
    const mediaId = optString(body, field)
    if (mediaId === undefined) continue
    if (!world.media.find(mediaId, now)) throw wecomError(40007, mediaId)
    mediaUrl ??= `/sim/media/${mediaId}` // a path on the sim: the app prefixes whatever base reaches it
  }
  return { msgtype, body, ...(mediaUrl ? { mediaUrl } : {}) }
}
