import { wecomError } from './errors'
import { newAccessToken } from './ids'

/** access_tokens of the one self-built app; a token is valid for `ttlMs` by the sim clock (CONTRACT §1.1). */
export class TokenStore {
  private readonly tokens = new Map<string, number>() // token → expiresAt (ms)

  constructor(private readonly ttlMs: number) {}

  /** A fresh token each call; earlier ones stay valid until they expire (re-use is UNCONFIRMED, §1.1). */
  issue(nowMs: number): { token: string; expiresIn: number } {
    this.prune(nowMs)
    const token = newAccessToken()
    this.tokens.set(token, nowMs + this.ttlMs)
    return { token, expiresIn: Math.floor(this.ttlMs / 1000) }
  }

  /** 41001 missing, 40014 unknown, 42001 expired (CONTRACT §1.1, §9.3). */
  check(token: string | undefined, nowMs: number): void {
    if (!token) throw wecomError(41001)
    const expiresAt = this.tokens.get(token)
    if (expiresAt === undefined) throw wecomError(40014)
    if (nowMs >= expiresAt) throw wecomError(42001)
  }

  /** Forgets tokens a day past expiry, so a long-running sim does not grow without bound. */
  private prune(nowMs: number): void {
    for (const [token, expiresAt] of this.tokens) if (expiresAt + 86400_000 < nowMs) this.tokens.delete(token)
  }
}
