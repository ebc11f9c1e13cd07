import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Signed, expiring personal links: a customer opens an activity from a link an employee sent, and the link alone
 * says who they are (no login). The token is `base64url(payload).base64url(HMAC-SHA256)`; the payload is public
 * (ids, not secrets) and tamper-proof.
 */
export interface LinkClaims {
  /** What the link is for, e.g. 'fission.join'; a token for one purpose never opens another. */
  purpose: string
  /** Who it identifies, e.g. a customer id. */
  subject: string
  /** What it opens, e.g. an activity id. */
  scope: string
  /** Valid strictly before this instant (kept to the second, rounded down: never later than asked). */
  expiresAt: Date
}

export type LinkRefusal = 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired'
export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; refusal: LinkRefusal }

export const LINK_SECRET_MIN_LENGTH = 32

const B64URL = /^[A-Za-z0-9_-]+$/
/** Only the canonical spelling decodes: otherwise a last base64 character's spare bits would give a second valid token. */
const decode = (s: string): Buffer | undefined => {
  if (!B64URL.test(s)) return undefined
  const bytes = Buffer.from(s, 'base64url')
  return bytes.toString('base64url') === s ? bytes : undefined
}

export function createLinkSigner(secret: string) {
  if (secret.length < LINK_SECRET_MIN_LENGTH) throw new Error(`link secret must be at least ${LINK_SECRET_MIN_LENGTH} characters`)
  const mac = (body: string) => createHmac('sha256', secret).update(`pond-link.v1.${body}`).digest()

  function sign(claims: LinkClaims): string {
    const body = Buffer.from(JSON.stringify([claims.purpose, claims.subject, claims.scope, Math.floor(claims.expiresAt.getTime() / 1000)])).toString('base64url')
    return `${body}.${mac(body).toString('base64url')}`
  }

  function verify(token: string, purpose: string, now: Date): LinkCheck {
    const parts = token.split('.')
    const body = parts.length === 2 ? decode(parts[0]!) : undefined
    const sig = parts.length === 2 ? decode(parts[1]!) : undefined
    if (!body || !sig) return { ok: false, refusal: 'malformed' }
    if (sig.length !== 32 || !timingSafeEqual(sig, mac(parts[0]!))) return { ok: false, refusal: 'bad_signature' }
    const claims = parse(body)
    if (!claims) return { ok: false, refusal: 'malformed' }
    if (claims.purpose !== purpose) return { ok: false, refusal: 'wrong_purpose' }
    if (now.getTime() >= claims.expiresAt.getTime()) return { ok: false, refusal: 'expired' }
    return { ok: true, claims }
  }

  return { sign, verify }
}

export type LinkSigner = ReturnType<typeof createLinkSigner>

function parse(body: Buffer): LinkClaims | undefined {
  let v: unknown
  try { v = JSON.parse(body.toString('utf8')) } catch { return undefined }
  if (!Array.isArray(v) || v.length !== 4) return undefined
  const [purpose, subject, scope, exp] = v as unknown[]
  if (typeof purpose !== 'string' || typeof subject !== 'string' || typeof scope !== 'string' || !Number.isSafeInteger(exp)) return undefined
  return { purpose, subject, scope, expiresAt: new Date((exp as number) * 1000) }
}

/**
 * The key when POND_LINK_SECRET is unset: generated once and kept in the data dir (0600), so links sent before a
 * restart still open. Two processes starting together on one data dir agree: the file appears whole (hard link of a
 * finished temp file) and only once (link fails if it exists), so the loser reads the winner's key.
 */
export async function loadLinkSecret(file: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true })
  const generated = randomBytes(32).toString('base64url')
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(tmp, generated, { mode: 0o600 })
  const won = await link(tmp, file).then(() => true, (err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') return false
    throw err
  }).finally(() => rm(tmp, { force: true }))
  if (won) return generated
  const secret = (await readFile(file, 'utf8')).trim()
  if (secret.length < LINK_SECRET_MIN_LENGTH) throw new Error(`${file}: link secret shorter than ${LINK_SECRET_MIN_LENGTH} characters`)
  return secret
}
