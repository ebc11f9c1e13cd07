import { describe, expect, it } from 'vitest'
import { computeSignature, decodeAesKey, decryptMessage, encryptMessage } from './crypto'

// Published vectors, CONTRACT §2.8.
const A = {
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  key: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  corpId: 'ww1436e0e65a779aee',
  echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
  encrypt:
    'Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+',
}
const B = {
  token: 'QDG6eK',
  key: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  receiveId: 'wx5823bf96d3bd56c7',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
}
const C = {
  token: '123456',
  key: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  receiveId: 'wx49f0ab532d5d035a',
  echostr: '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
  c2:
    'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
  c3Plain:
    '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>',
  c3Encrypt:
    '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
}

describe('callback crypto (CONTRACT §2.8)', () => {
  it('vector A1: verifies the URL signature and decrypts echostr', () => {
    expect(computeSignature(A.token, '1476416373', '47744683', A.echostr)).toBe('012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb')
    const out = decryptMessage(decodeAesKey(A.key), A.echostr)
    expect(out.message).toBe('1288432023552776189')
    expect(out.receiveId).toBe(A.corpId)
    expect(out.random.toString('latin1')).toBe('8908d0ff052afda0')
  })

  it('vector A2: signature over Encrypt and the 228-byte message with pad 22', () => {
    expect(computeSignature(A.token, '1476422779', '1597212914', A.encrypt)).toBe('0c3914025cb4b4d68103f6bfc8db550f79dcf48e')
    const out = decryptMessage(decodeAesKey(A.key), A.encrypt)
    expect(Buffer.byteLength(out.message)).toBe(228)
    expect(out.message).toContain('<Content>你好</Content>')
    expect(out.receiveId).toBe(A.corpId)
  })

  it('vector B: GET and POST of the doc worked example', () => {
    const key = decodeAesKey(B.key)
    expect(computeSignature(B.token, '1409659589', '263014780', B.echostr)).toBe('5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3')
    expect(decryptMessage(key, B.echostr).message).toBe('1616140317555161061')
    expect(computeSignature(B.token, '1409659813', '1372623149', B.encrypt)).toBe('477715d11cdb4164915debcba66cb864d751f3e6')
    const post = decryptMessage(key, B.encrypt)
    expect(Buffer.byteLength(post.message)).toBe(284)
    expect(post.message).toContain('<Content><![CDATA[hello]]></Content>')
    expect(post.receiveId).toBe(B.receiveId)
  })

  it('vector C: verify, decrypt with pad 1, and deterministic encryption', () => {
    const key = decodeAesKey(C.key)
    expect(computeSignature(C.token, '1411443780', '437374425', C.echostr)).toBe('dd6b9c95b495b3f7e2901bfbc76c664930ffdb96')
    expect(decryptMessage(key, C.echostr).message).toBe('5927782489442352469')
    expect(computeSignature(C.token, '1411525903', '461056294', C.c2)).toBe('74d92dfeb87ba7c714f89d98870ae5eb62dff26d')
    const c2 = decryptMessage(key, C.c2)
    expect(c2.message).toContain('<Content><![CDATA[test]]></Content>')
    expect(c2.message).toContain('messense')
    const encrypted = encryptMessage(key, C.c3Plain, C.receiveId, Buffer.from('1234567890123456'))
    expect(encrypted).toBe(C.c3Encrypt)
    expect(computeSignature(C.token, '1411525903', '461056294', encrypted)).toBe('407518b7649e86ef23978113f92d27afa9296533')
  })

  it('round-trips multi-byte text with a random prefix and rejects bad keys', () => {
    const key = decodeAesKey(A.key)
    const message = '<xml><Content><![CDATA[欢迎 👋]]></Content></xml>'
    const enc = encryptMessage(key, message, 'wwabc')
    expect(decryptMessage(key, enc)).toMatchObject({ message, receiveId: 'wwabc' })
    expect(encryptMessage(key, message, 'wwabc')).not.toBe(enc)
    expect(() => decodeAesKey('short')).toThrow()
  })
})
