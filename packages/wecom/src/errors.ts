/**
 * Well-known WeCom `errcode` values by a stable name, so callers branch on names instead of numbers.
 * Global error list: doc 90313 (CONTRACT §9.1, CONTRACT-MORE §11.4, §12.6).
 */
export const WECOM_ERROR_NAMES = {
  [-1]: 'system_busy',
  40001: 'invalid_secret',
  40003: 'invalid_userid',
  40007: 'invalid_media_id',
  40013: 'invalid_corpid',
  40014: 'invalid_access_token',
  40056: 'invalid_agentid',
  40058: 'invalid_parameter',
  40068: 'invalid_tag',
  40071: 'tag_name_exists',
  40096: 'invalid_external_userid',
  40097: 'member_not_resigned',
  40099: 'external_contact_limit',
  40100: 'customer_in_transfer',
  41001: 'access_token_missing',
  41041: 'too_many_members',
  41044: 'invalid_config_id',
  41045: 'contact_way_quota_reached',
  41050: 'welcome_code_invalid',
  41051: 'welcome_already_sent',
  41054: 'member_not_activated',
  41096: 'welcome_in_progress',
  42001: 'access_token_expired',
  45009: 'freq_limit',
  45033: 'concurrency_limit',
  48002: 'api_forbidden',
  60011: 'no_privilege',
  60020: 'ip_not_allowed',
  60111: 'userid_not_found',
  81013: 'all_recipients_invalid',
  82001: 'no_recipients',
  84061: 'no_relation',
  301002: 'agentid_mismatch',
} as const satisfies Record<number, string>

/** A name from {@link WECOM_ERROR_NAMES}. */
export type WeComErrorName = (typeof WECOM_ERROR_NAMES)[keyof typeof WECOM_ERROR_NAMES]

// Only these are transient; every other code is a bug or a business rule (CONTRACT §1.3, doc 90313).
const RETRYABLE_CODES: ReadonlySet<number> = new Set([-1, 45009, 45033])

/** Looks up the stable name of a WeCom errcode (doc 90313); undefined for codes Pond does not name. */
export const wecomErrorName = (errcode: number): WeComErrorName | undefined =>
  (WECOM_ERROR_NAMES as Record<number, WeComErrorName>)[errcode]

/** True for 40014 (invalid token) and 42001 (expired token): re-fetch the token and retry once (CONTRACT §1.3). */
export const isTokenError = (errcode: number): boolean => errcode === 40014 || errcode === 42001

/** True for -1 (system busy), 45009 (frequency limit) and 45033 (concurrency limit) (CONTRACT §1.3). */
export const isRetryableErrcode = (errcode: number): boolean => RETRYABLE_CODES.has(errcode)

/**
 * A non-zero `errcode` from a WeCom server API (global error list: doc 90313).
 * `api` is the path below `/cgi-bin/`, e.g. `externalcontact/get`.
 */
export class WeComError extends Error {
  override readonly name = 'WeComError'
  readonly errcode: number
  readonly errmsg: string
  readonly api: string

  constructor(input: { errcode: number; errmsg: string; api: string }) {
    super(`WeCom ${input.api} failed: errcode ${input.errcode}: ${input.errmsg}`)
    this.errcode = input.errcode
    this.errmsg = input.errmsg
    this.api = input.api
  }

  /** Whether a later attempt may succeed (-1, 45009, 45033). */
  get isRetryable(): boolean {
    return isRetryableErrcode(this.errcode)
  }

  /** The stable name of `errcode`, if Pond knows it. */
  get reason(): WeComErrorName | undefined {
    return wecomErrorName(this.errcode)
  }
}
