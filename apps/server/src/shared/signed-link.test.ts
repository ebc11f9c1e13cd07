import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLinkSigner, loadLinkSecret, type LinkClaims } from './signed-link'

const SECRET = 'k'.repeat(16) + 'another-sixteen!'
const links = createLinkSigner(SECRET)
const expiresAt = new Date('2026-12-01T00:00:00Z')
const claims: LinkClaims = { purpose: 'fission.join', subject: '1234567890123', scope: '42', expiresAt }
const before = new Date(expiresAt.getTime() - 1)

describe('signed links', () => {
  it('round-trips the claims, in a URL-safe token', () => {
    const token = links.sign(claims)
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(links.verify(token, 'fission.join', before)).toEqual({ ok: true, claims })
    const odd = { ...claims, subject: '张三.x"}', scope: 'a.b' }
    expect(links.verify(links.sign(odd), 'fission.join', before)).toEqual({ ok: true, claims: odd })
  })

  it('expires at the instant, not a millisecond later; sub-second expiry rounds down', () => {
    const token = links.sign(claims)
    expect(links.verify(token, 'fission.join', before).ok).toBe(true)
    expect(links.verify(token, 'fission.join', expiresAt)).toEqual({ ok: false, refusal: 'expired' })
    const rounded = links.sign({ ...claims, expiresAt: new Date(expiresAt.getTime() + 999) })
    expect(links.verify(rounded, 'fission.join', expiresAt)).toEqual({ ok: false, refusal: 'expired' })
  })

  it('refuses a token made for another purpose', () => {
    expect(links.verify(links.sign(claims), 'fission.redeem', before)).toEqual({ ok: false, refusal: 'wrong_purpose' })
  })

  it('refuses any single changed character, in the payload or the signature', () => {
    const token = links.sign(claims)
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue
      const swapped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1)
      const check = links.verify(swapped, 'fission.join', before)
      expect(check.ok, `position ${i}`).toBe(false)
    }
  })

  it('refuses a payload re-signed by someone without the key (changed subject, scope or expiry)', () => {
    const [, sig] = links.sign(claims).split('.')
    for (const forged of [{ ...claims, subject: '999' }, { ...claims, scope: '43' }, { ...claims, expiresAt: new Date('2030-01-01T00:00:00Z') }]) {
      const [body] = links.sign(forged).split('.')
      expect(links.verify(`${body}.${sig}`, 'fission.join', before)).toEqual({ ok: false, refusal: 'bad_signature' })
    }
  })

  it('says malformed for tokens that are not tokens', () => {
    for (const t of ['', 'abc', 'a.b.c', 'a b.cd', '.', `${links.sign(claims)}.x`, 'eyJ9.' + 'A'.repeat(43) + '=']) {
      expect(links.verify(t, 'fission.join', before), JSON.stringify(t)).toEqual({ ok: false, refusal: 'malformed' })
    }
    expect(links.verify('eyJ9.' + 'A'.repeat(43), 'fission.join', before)).toEqual({ ok: false, refusal: 'bad_signature' })
    expect(links.verify('eyJ9.AAAA', 'fission.join', before)).toEqual({ ok: false, refusal: 'bad_signature' })   // short signature
  })

  it('refuses tokens signed with a rotated-out key', () => {
    const old = createLinkSigner('o'.repeat(40)).sign(claims)
    expect(links.verify(old, 'fission.join', before)).toEqual({ ok: false, refusal: 'bad_signature' })
    expect(() => createLinkSigner('short')).toThrow(/at least 32/)
  })

  it('keeps a generated key in the data dir (0600) and finds the same one again, also when two start at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pond-link-'))
    const file = join(dir, 'nested', 'link-secret')
    const [a, b] = await Promise.all([loadLinkSecret(file), loadLinkSecret(file)])
    expect(a).toBe(b)
    expect(a.length).toBeGreaterThanOrEqual(32)
    expect(await loadLinkSecret(file)).toBe(a)
    expect((await readFile(file, 'utf8'))).toBe(a)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    const other = join(dir, 'other')
    expect(await loadLinkSecret(other)).not.toBe(a)
    await writeFile(join(dir, 'weak'), 'too short')
    await expect(loadLinkSecret(join(dir, 'weak'))).rejects.toThrow(/shorter than 32/)
  })
})
