import { createCipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CallbackCryptoError, createCallbackCrypto, MAX_CALLBACK_BODY_BYTES } from './crypto'

// Published vectors, CONTRACT §2.8.
const A = {
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  encodingAESKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  receiveId: 'ww1436e0e65a779aee',
}
const A1 = {
  msgSignature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
  timestamp: '1476416373',
  nonce: '47744683',
  echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
}
const A2 = { msgSignature: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e', timestamp: '1476422779', nonce: '1597212914' }
const A2_ENCRYPT =
  'Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+'
const envelope = (encrypt: string) =>
  `<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n<AgentID><![CDATA[1000002]]></AgentID>\n</xml>`
const A2_PLAIN =
  '<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>'

const B = { token: 'QDG6eK', encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: 'wx5823bf96d3bd56c7' }
const B1 = {
  msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
}
const B1_URL_FORM =
  'P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D'
const B2_ENCRYPT =
  'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q=='
const B2_PLAIN =
  '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>'

const C = { token: '123456', encodingAESKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', receiveId: 'wx49f0ab532d5d035a' }
const C1 = {
  msgSignature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96',
  timestamp: '1411443780',
  nonce: '437374425',
  echostr: '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
}
const C2_ENCRYPT =
  'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0='
const C3_PLAIN =
  '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>'
const C3_ENCRYPT =
  '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3'

const code = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (error) {
    if (error instanceof CallbackCryptoError) return error.code
    throw error
  }
  return undefined
}

/** Encrypts raw bytes with the vector-A key, bypassing the module, to forge malformed plaintexts. */
const rawEncrypt = (plain: Buffer): string => {
  const key = Buffer.from(`${A.encodingAESKey}=`, 'base64')
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

describe('callback crypto — vector A (official sample)', () => {
  const crypto = createCallbackCrypto(A)

  it('verifies the URL and returns the exact echo', () => {
    expect(crypto.verifyUrl(A1)).toBe('1288432023552776189')
  })

  it('restores "+" that a form decoder turned into spaces', () => {
    expect(crypto.verifyUrl({ ...A1, echostr: A1.echostr.replaceAll('+', ' ') })).toBe('1288432023552776189')
  })

  it('opens the POST envelope into the original XML', () => {
    expect(crypto.openEnvelope(A2, envelope(A2_ENCRYPT))).toBe(A2_PLAIN)
  })

  it('signs over the sorted strings', () => {
    expect(crypto.sign(A2.timestamp, A2.nonce, A2_ENCRYPT)).toBe(A2.msgSignature)
    expect(crypto.verifySignature(A2.msgSignature.toUpperCase(), A2.timestamp, A2.nonce, A2_ENCRYPT)).toBe(true)
    expect(crypto.verifySignature(A2.msgSignature, A2.timestamp, A2.nonce, `${A2_ENCRYPT}x`)).toBe(false)
    expect(crypto.verifySignature('abc', A2.timestamp, A2.nonce, A2_ENCRYPT)).toBe(false)
  })
})

describe('callback crypto — vector B (doc 91144 worked example)', () => {
  const crypto = createCallbackCrypto(B)

  it('verifies the URL, also from the URL-encoded form', () => {
    expect(crypto.verifyUrl(B1)).toBe('1616140317555161061')
    const decoded = new URLSearchParams(`echostr=${B1_URL_FORM}`).get('echostr') ?? ''
    expect(crypto.verifyUrl({ ...B1, echostr: decoded })).toBe('1616140317555161061')
  })

  it('checks the B2 signature and decrypts B2 (pad 30)', () => {
    expect(crypto.verifySignature('477715d11cdb4164915debcba66cb864d751f3e6', '1409659813', '1372623149', B2_ENCRYPT))
      .toBe(true)
    expect(crypto.decrypt(B2_ENCRYPT)).toBe(B2_PLAIN)
  })
})

describe('callback crypto — vector C (deterministic encryption)', () => {
  const crypto = createCallbackCrypto(C)

  it('verifies C1 and decrypts C2', () => {
    expect(crypto.verifyUrl(C1)).toBe('5927782489442352469')
    expect(crypto.verifySignature('74d92dfeb87ba7c714f89d98870ae5eb62dff26d', '1411525903', '461056294', C2_ENCRYPT))
      .toBe(true)
    const plain = crypto.decrypt(C2_ENCRYPT)
    expect(plain).toContain('<Content><![CDATA[test]]></Content>')
    expect(plain).toContain('messense')
  })

  it('encrypts C3 to the exact ciphertext and signature', () => {
    const encrypted = crypto.encrypt(C3_PLAIN, Buffer.from('1234567890123456'))
    expect(encrypted).toBe(C3_ENCRYPT)
    expect(crypto.sign('1411525903', '461056294', encrypted)).toBe('407518b7649e86ef23978113f92d27afa9296533')
    expect(crypto.decrypt(encrypted)).toBe(C3_PLAIN)
  })

  it('round-trips random and unicode messages with fresh randomness', () => {
    const message = '<xml><Content>多字节 ✓</Content></xml>'
    const first = crypto.encrypt(message)
    expect(first).not.toBe(crypto.encrypt(message))
    expect(crypto.decrypt(first)).toBe(message)
  })

  it('adds a whole 32-byte padding block when the plaintext is already aligned', () => {
    const message = 'x'.repeat(64 - 20 - C.receiveId.length) // header 20 + message + receiveid = 64
    const bytes = Buffer.from(crypto.encrypt(message, Buffer.alloc(16, 7)), 'base64')
    expect(bytes.length).toBe(96)
    expect(crypto.decrypt(bytes.toString('base64'))).toBe(message)
  })
})

describe('callback crypto — tampering and malformed input', () => {
  const crypto = createCallbackCrypto(A)

  it('rejects a flipped ciphertext byte', () => {
    const bytes = Buffer.from(A2_ENCRYPT, 'base64')
    bytes[0] = (bytes[0] ?? 0) ^ 0x01 // flips byte 16 of the plaintext: the length prefix
    const tampered = bytes.toString('base64')
    expect(code(() => crypto.openEnvelope(A2, envelope(tampered)))).toBe('signature_mismatch')
    expect(code(() => crypto.decrypt(tampered))).toBe('bad_length')
  })

  it('rejects a wrong signature', () => {
    const wrong = { ...A2, msgSignature: '0'.repeat(40) }
    expect(code(() => crypto.openEnvelope(wrong, envelope(A2_ENCRYPT)))).toBe('signature_mismatch')
    expect(code(() => crypto.verifyUrl({ ...A1, nonce: '47744684' }))).toBe('signature_mismatch')
  })

  it('rejects a receiveid that is not ours', () => {
    const other = createCallbackCrypto({ ...A, receiveId: 'ww0000000000000000' })
    expect(code(() => other.openEnvelope(A2, envelope(A2_ENCRYPT)))).toBe('receiveid_mismatch')
  })

  it('rejects keys that do not decode to 32 bytes', () => {
    expect(code(() => createCallbackCrypto({ ...A, encodingAESKey: A.encodingAESKey.slice(1) }))).toBe('bad_aes_key')
    expect(code(() => createCallbackCrypto({ ...A, encodingAESKey: `${A.encodingAESKey}Q` }))).toBe('bad_aes_key')
    expect(code(() => createCallbackCrypto({ ...A, encodingAESKey: `${A.encodingAESKey.slice(1)}!` }))).toBe('bad_aes_key')
  })

  it('rejects padding values outside 1..32', () => {
    const body = Buffer.concat([Buffer.alloc(16, 0x61), Buffer.from([0, 0, 0, 1]), Buffer.from('x'), Buffer.from(A.receiveId)])
    const aligned = Buffer.concat([body, Buffer.alloc(64 - body.length, 0)]) // last byte 0
    expect(code(() => crypto.decrypt(rawEncrypt(aligned)))).toBe('bad_padding')
    aligned[63] = 33
    expect(code(() => crypto.decrypt(rawEncrypt(aligned)))).toBe('bad_padding')
  })

  it('rejects a length prefix longer than the plaintext', () => {
    const body = Buffer.concat([Buffer.alloc(16, 0x61), Buffer.from([0, 0, 1, 0]), Buffer.from(A.receiveId)])
    const pad = 32 - (body.length % 32)
    expect(code(() => crypto.decrypt(rawEncrypt(Buffer.concat([body, Buffer.alloc(pad, pad)]))))).toBe('bad_length')
  })

  it('rejects truncated or non-base64 ciphertext', () => {
    expect(code(() => crypto.decrypt(A2_ENCRYPT.slice(0, -4)))).toBe('decrypt_failed')
    expect(code(() => crypto.decrypt(A2_ENCRYPT.slice(0, -1)))).toBe('decrypt_failed')
    expect(code(() => crypto.decrypt('not base64!'))).toBe('decrypt_failed')
    expect(code(() => crypto.decrypt(''))).toBe('decrypt_failed')
  })

  it('rejects oversized, malformed and incomplete envelopes before checking signatures', () => {
    const padding = `<Junk>${'a'.repeat(MAX_CALLBACK_BODY_BYTES)}</Junk>`
    expect(code(() => crypto.openEnvelope(A2, envelope(A2_ENCRYPT).replace('</xml>', `${padding}</xml>`))))
      .toBe('bad_envelope')
    expect(code(() => crypto.openEnvelope(A2, '<xml><Encrypt>abc</Encrypt>'))).toBe('bad_envelope')
    expect(code(() => crypto.openEnvelope(A2, 'hello'))).toBe('bad_envelope')
    expect(code(() => crypto.openEnvelope(A2, '<xml><ToUserName>x</ToUserName></xml>'))).toBe('bad_envelope')
    expect(code(() => crypto.openEnvelope(A2, '<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>'))).toBe('bad_envelope')
    expect(code(() => crypto.openEnvelope(A2, `<!DOCTYPE x [<!ENTITY e "y">]>${envelope(A2_ENCRYPT)}`)))
      .toBe('bad_envelope')
  })

  it('takes the canonical envelope fast and still checks anything near it with the full parser', () => {
    const canonical = `<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><Encrypt><![CDATA[${A2_ENCRYPT}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`
    expect(crypto.openEnvelope(A2, canonical)).toBe(A2_PLAIN)
    expect(code(() => crypto.openEnvelope(A2, `${canonical}<xml>`))).toBe('bad_envelope')
    expect(code(() => crypto.openEnvelope(A2, canonical.replace('</AgentID>', '</AgentId>')))).toBe('bad_envelope')
  })

  it('accepts an envelope without CDATA', () => {
    const plainEnvelope = `<xml><ToUserName>ww1436e0e65a779aee</ToUserName><Encrypt>${A2_ENCRYPT}</Encrypt></xml>`
    expect(crypto.openEnvelope(A2, plainEnvelope)).toBe(A2_PLAIN)
  })
})
