import { randomInt } from 'node:crypto'

/** Default errmsg text per WeCom errcode (CONTRACT §1.1, §3, §9.1, CONTRACT-MORE §11.4, §12.6, §13.1). */
const MESSAGES: Record<number, string> = {
  [-1]: 'system busy',
  40001: 'invalid credential',
  40003: 'invalid userid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40006: 'invalid file size',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40009: 'invalid image size',
  40011: 'invalid video size',
  40013: 'invalid corpid',
  40032: 'invalid userid list size',
  40014: 'invalid access_token',
  40056: 'invalid agentid',
  40058: 'invalid parameter',
  40063: 'parameter empty',
  40068: 'invalid tagid',
  40071: 'tag name already exist',
  40096: 'invalid external userid',
  40097: 'handover user is not resigned',
  40099: 'external contact count reached limit',
  40100: 'customer is already in transfer',
  40128: 'customer transferred too often', // the sim's own code for the 2-per-90-days rule, UNCONFIRMED
  41001: 'access_token missing',
  41002: 'corpid missing',
  41004: 'corpsecret missing',
  41035: 'missing external userid',
  41037: 'missing contact way type',
  41038: 'missing contact way scene',
  41039: 'invalid contact way type',
  41040: 'invalid contact way scene',
  41041: 'too many contact way members',
  41042: 'invalid contact way style',
  41043: 'missing config_id',
  41044: 'invalid config_id',
  41045: 'api contact way quota reached',
  41049: 'missing welcome code',
  41050: 'invalid welcome code',
  41051: 'welcome message already sent',
  41054: 'user not activated or customer contact not enabled',
  41064: 'too many attachments',
  41065: 'invalid attachment msgtype',
  42001: 'access_token expired',
  44001: 'empty media data',
  44004: 'empty content',
  45001: 'media size out of limit',
  45002: 'content size out of limit',
  45008: 'article count out of limit',
  45009: 'api freq out of limit',
  45033: 'api concurrent out of limit',
  60003: 'department not found',
  60111: 'userid not found',
  60123: 'invalid party id',
  81013: 'user & party & tag all invalid',
  82001: 'all touser & toparty & totag invalid',
  84061: 'not external contact',
}

/** A WeCom API error; the /cgi-bin error handler renders it as HTTP 200 `{ errcode, errmsg }` (CONTRACT §0). */
export class WeComError extends Error {
  constructor(
    readonly errcode: number,
    readonly detail?: string,
  ) {
    super(detail ? `${MESSAGES[errcode] ?? 'error'}: ${detail}` : (MESSAGES[errcode] ?? 'error'))
    this.name = 'WeComError'
  }
}

/** Shorthand used by handlers: `throw wecomError(40058, 'limit must be 1..100')`. */
export const wecomError = (errcode: number, detail?: string) => new WeComError(errcode, detail)

/**
 * Real errmsgs carry a hint id, the caller IP and a help link, e.g.
 * `api freq out of limit, hint: [1651125626252370061579454], from ip: 1.2.3.4, more info at …?e=45009` (CONTRACT §0).
 */
export function formatErrmsg(err: WeComError, ip: string, nowMs: number): string {
  const hint = `${Math.floor(nowMs / 1000)}${String(randomInt(0, 1e9)).padStart(9, '0')}${randomInt(100000, 999999)}`
  return `${err.message}, hint: [${hint}], from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${err.errcode}`
}

/** An error of the sim's own world API (not WeCom protocol): rendered as `{ error: { code, message } }`. */
export class SimError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'SimError'
  }
}

export const simNotFound = (what: string, id: string | number) =>
  new SimError(`sim.${what}.not_found`, 404, `${what.replace(/_/g, ' ')} ${id} not found`)

export const simInvalid = (message: string) => new SimError('sim.request.invalid', 400, message)
