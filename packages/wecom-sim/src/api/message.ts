import { wecomError } from '../errors'
import { newMsgId, randomUrlSafe } from '../ids'
import type { Employee } from '../world/types'
import type { World } from '../world/world'
import { type Body, byteLength, optInt, optObject, optString } from './params'
import type { CgiFamily } from './router'

const TEXT_TYPES = new Set(['text', 'markdown'])
const MEDIA_TYPES = new Set(['image', 'voice', 'video', 'file'])
const SUPPORTED = new Set([...TEXT_TYPES, ...MEDIA_TYPES, 'textcard', 'news', 'template_card'])
const CARD_TYPES = new Set(['text_notice', 'news_notice', 'button_interaction', 'vote_interaction', 'multiple_interaction'])
const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction'])

/** message/send (CONTRACT-MORE §12): partial failure is errcode 0 plus `|`-joined invalid lists. */
export const messageApi: CgiFamily = (router, deps) => {
  router.post('/message/send', ({ body, now }) => {
    const agentid = optInt(body, 'agentid')
    if (agentid !== deps.agentId) throw wecomError(40056, String(agentid ?? ''))
    const msgtype = optString(body, 'msgtype') ?? ''
    if (!SUPPORTED.has(msgtype)) throw wecomError(40008, msgtype)
    const content = checkContent(deps.world, msgtype, body, now)
    const { valid, invaliduser, invalidparty, invalidtag } = resolveRecipients(deps.world, body)
    if (valid.length === 0) throw wecomError(81013)
    const msgid = newMsgId()
    for (const employee of valid) {
      deps.world.messages.deliverApp({ kind: 'app', id: msgid, userid: employee.userid, agentId: deps.agentId, msgtype, body: content, at: now })
    }
    const interactive = msgtype === 'template_card' && INTERACTIVE.has(String(content.card_type))
    return {
      invaliduser: invaliduser.join('|'),
      invalidparty: invalidparty.join('|'),
      invalidtag: invalidtag.join('|'),
      unlicenseduser: '',
      msgid,
      ...(interactive ? { response_code: randomUrlSafe(43) } : {}),
    }
  })
}

function checkContent(world: World, msgtype: string, body: Body, now: number): Body {
  const content = optObject(body, msgtype)
  if (!content) throw wecomError(40058, `${msgtype} object is required`)
  if (TEXT_TYPES.has(msgtype)) {
    const text = optString(content, 'content') ?? ''
    if (!text) throw wecomError(44004)
    if (byteLength(text) > 2048) throw wecomError(45002, 'content exceeds 2048 bytes')
  }
  if (msgtype === 'textcard' && (!optString(content, 'title') || !optString(content, 'url'))) {
    throw wecomError(40058, 'textcard needs title and url')
  }
  if (msgtype === 'template_card' && !CARD_TYPES.has(String(content.card_type))) throw wecomError(40058, 'invalid card_type')
  if (msgtype === 'news') {
    const articles = Array.isArray(content.articles) ? content.articles.length : 0
    if (articles < 1 || articles > 8) throw wecomError(45008, 'news needs 1..8 articles')
  }
  if (MEDIA_TYPES.has(msgtype) && !world.media.find(optString(content, 'media_id') ?? '', now)) throw wecomError(40007)
  return content
}

const split = (raw: unknown) => (typeof raw === 'string' ? raw.split('|').map((s) => s.trim()).filter(Boolean) : [])

/** touser / toparty / totag, `|`-separated and trimmed; 82001 when all are empty (§12.1, §12.7). */
function resolveRecipients(world: World, body: Body) {
  const users = split(body.touser)
  const parties = split(body.toparty)
  const tags = split(body.totag)
  if (users.length + parties.length + tags.length === 0) throw wecomError(82001)
  if (users.length > 1000) throw wecomError(40032, 'touser exceeds 1000')
  const valid = new Map<string, Employee>()
  const visible = world.org.listEmployees().filter((e) => world.org.isVisible(e))
  if (users.includes('@all')) {
    for (const e of visible) valid.set(e.userid, e)
    return { valid: [...valid.values()], invaliduser: [], invalidparty: [], invalidtag: [] }
  }
  const invaliduser: string[] = []
  for (const id of users) {
    const e = world.org.findEmployee(id)
    if (e && world.org.isVisible(e)) valid.set(e.userid, e)
    else invaliduser.push(id.toLowerCase())
  }
  const invalidparty: string[] = []
  for (const id of parties) {
    const dept = /^\d+$/.test(id) ? world.org.findDepartment(Number(id)) : undefined
    if (!dept) invalidparty.push(id)
    else for (const e of world.org.employeesIn(dept.id, true)) if (world.org.isVisible(e)) valid.set(e.userid, e)
  }
  return { valid: [...valid.values()], invaliduser, invalidparty, invalidtag: tags } // the sim has no contact tags
}
