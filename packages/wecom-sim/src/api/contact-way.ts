import { wecomError } from '../errors'
import type { ContactWayPatch, ContactWaySpec } from '../world/contact-ways'
import type { ContactWay } from '../world/types'
import { type Body, decodeCursor, encodeCursor, isNumber, optBool, optInt, optIntArray, optObject, optString, optStringArray } from './params'
import type { CgiFamily } from './router'

const DAY = 86400

/** 「联系我」 management (CONTRACT §3.3). qr_code points at the sim's own PNG, which encodes the scan page. */
export const contactWayApi: CgiFamily = (router, { world }) => {
  router.post('/externalcontact/add_contact_way', ({ body, now, baseUrl }) => {
    const way = world.contactWays.create(parseSpec(body), now)
    return { config_id: way.configId, ...(way.scene === 2 ? { qr_code: qrCodeUrl(baseUrl, way.configId) } : {}) }
  })
  router.post('/externalcontact/get_contact_way', ({ body, baseUrl }) => ({
    contact_way: contactWayView(world.contactWays.get(optString(body, 'config_id') ?? ''), baseUrl),
  }))
  router.post('/externalcontact/update_contact_way', ({ body }) => {
    world.contactWays.update(optString(body, 'config_id') ?? '', parsePatch(body))
    return {}
  })
  router.post('/externalcontact/del_contact_way', ({ body }) => {
    world.contactWays.delete(optString(body, 'config_id') ?? '')
    return {}
  })
  router.post('/externalcontact/list_contact_way', ({ body, now }) => {
    const nowSec = Math.floor(now / 1000)
    const start = optInt(body, 'start_time', 0) ?? nowSec - 90 * DAY
    const end = optInt(body, 'end_time', 0) ?? nowSec
    const limit = optInt(body, 'limit', 1, 1000) ?? 100
    const after = decodeCursor(optString(body, 'cursor'), isNumber) ?? 0
    const page = world.contactWays.list(start * 1000, end * 1000 + 999, after, limit)
    const last = page[page.length - 1]
    return { contact_way: page.map((w) => ({ config_id: w.configId })), next_cursor: page.length === limit && last ? encodeCursor(last.seq) : '' }
  })
}

export const qrCodeUrl = (baseUrl: string, configId: string) => `${baseUrl}/sim/qr/${configId}.png`

/** type/scene are checked first with their own codes: 41037/41039 and 41038/41040 (CONTRACT §3.3). */
function parseSpec(body: Body): ContactWaySpec {
  const type = requiredChoice(body.type, 41037, 41039)
  const scene = requiredChoice(body.scene, 41038, 41040)
  return {
    type,
    scene,
    remark: optString(body, 'remark') ?? '',
    skipVerify: optBool(body, 'skip_verify') ?? true,
    state: optString(body, 'state') ?? '',
    user: optStringArray(body, 'user') ?? [],
    party: optIntArray(body, 'party') ?? [],
    isTemp: optBool(body, 'is_temp') ?? false,
    ...parseCommon(body),
  }
}

function requiredChoice(raw: unknown, missing: number, invalid: number): 1 | 2 {
  if (raw === undefined || raw === null || raw === '') throw wecomError(missing)
  if (raw !== 1 && raw !== 2) throw wecomError(invalid, String(raw))
  return raw
}

function parseCommon(body: Body) {
  const fields = {
    style: parseStyle(body.style),
    expiresIn: optInt(body, 'expires_in'),
    chatExpiresIn: optInt(body, 'chat_expires_in'),
    unionid: optString(body, 'unionid'),
    conclusions: optObject(body, 'conclusions'),
  }
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<ContactWaySpec>
}

/** Any non-negative integer is a style id here; the real list lives in a doc appendix (41042). */
function parseStyle(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) throw wecomError(41042, String(raw))
  return raw
}

function parsePatch(body: Body): ContactWayPatch {
  return {
    remark: optString(body, 'remark'),
    skipVerify: optBool(body, 'skip_verify'),
    state: optString(body, 'state'),
    user: optStringArray(body, 'user'),
    party: optIntArray(body, 'party'),
    ...parseCommon(body),
  }
}

function contactWayView(w: ContactWay, baseUrl: string) {
  return {
    config_id: w.configId,
    type: w.type,
    scene: w.scene,
    ...(w.style !== undefined ? { style: w.style } : {}),
    remark: w.remark,
    skip_verify: w.skipVerify,
    state: w.state,
    ...(w.scene === 2 ? { qr_code: qrCodeUrl(baseUrl, w.configId) } : {}),
    user: w.user,
    party: w.party,
    is_temp: w.isTemp,
    ...(w.isTemp ? { expires_in: w.expiresIn ?? 7 * DAY, chat_expires_in: w.chatExpiresIn ?? DAY } : {}),
    ...(w.unionid ? { unionid: w.unionid } : {}),
    ...(w.conclusions ? { conclusions: w.conclusions } : {}),
  }
}
