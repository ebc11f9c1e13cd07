import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { parseXmlRoot, textOf, XmlShapeError } from './xml'

/** Largest callback POST body accepted; real envelopes are a few KB (CONTRACT §2.3). */
export const MAX_CALLBACK_BODY_BYTES = 64 * 1024

/** Stable reasons for a rejected callback; callers answer 4xx and write nothing. */
export type CallbackCryptoErrorCode =
  | 'signature_mismatch'
  | 'bad_aes_key'
  | 'decrypt_failed'
  | 'bad_padding'
  | 'bad_length'
  | 'receiveid_mismatch'
  | 'bad_envelope'

/** Thrown by {@link createCallbackCrypto} and its methods (official lib codes -40001…-40010, doc 91144). */
export class CallbackCryptoError extends Error {
  override readonly name = 'CallbackCryptoError'
  readonly code: CallbackCryptoErrorCode

  constructor(code: CallbackCryptoErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

/** Configuration of one callback URL (doc 96238): Token, EncodingAESKey and the expected ReceiveId. */
export interface CallbackCryptoConfig {
  token: string
  /** Exactly 43 characters from the admin console. */
  encodingAESKey: string
  /** corpid for self-built apps, suiteid for third-party 指令回调, '' for some bots (doc 91144). */
  receiveId: string
}

/** Query parameters WeCom adds to every callback request (doc 91144). */
export interface CallbackQuery {
  msgSignature: string
  timestamp: string
  nonce: string
}

/** Callback crypto bound to one Token/EncodingAESKey/ReceiveId; see {@link createCallbackCrypto}. */
export type CallbackCrypto = ReturnType<typeof createCallbackCrypto>

const BLOCK = 32 // WeCom pads PKCS#7 to 32 bytes, not AES's 16 (doc 91144)
const RANDOM_BYTES = 16
const HEADER_BYTES = RANDOM_BYTES + 4
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

const fail = (code: CallbackCryptoErrorCode, message: string): never => {
  throw new CallbackCryptoError(code, message)
}

const deriveKey = (encodingAESKey: string): Buffer => {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAESKey)) fail('bad_aes_key', 'EncodingAESKey must be 43 base64 characters')
  const key = Buffer.from(`${encodingAESKey}=`, 'base64')
  if (key.length !== 32) fail('bad_aes_key', `AES key must be 32 bytes, got ${key.length}`)
  return key
}

/** sha1 over the lexicographically sorted strings, lowercase hex (doc 91144). */
export const callbackSignature = (parts: readonly string[]): string =>
  createHash('sha1').update([...parts].sort().join(''), 'utf8').digest('hex')

const decodeBase64 = (text: string): Buffer => {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
    fail('decrypt_failed', 'ciphertext is not valid base64')
  }
  const bytes = Buffer.from(text, 'base64')
  if (bytes.length === 0 || bytes.length % 16 !== 0) fail('decrypt_failed', 'ciphertext length is not whole AES blocks')
  return bytes
}

const aes = (key: Buffer, mode: 'encrypt' | 'decrypt', input: Buffer): Buffer => {
  const iv = key.subarray(0, 16)
  const cipher = mode === 'encrypt' ? createCipheriv('aes-256-cbc', key, iv) : createDecipheriv('aes-256-cbc', key, iv)
  cipher.setAutoPadding(false) // Node's PKCS#7 assumes 16-byte blocks and rejects WeCom's 32-byte padding
  try {
    return Buffer.concat([cipher.update(input), cipher.final()])
  } catch (error) {
    return fail('decrypt_failed', `AES ${mode} failed: ${(error as Error).message}`)
  }
}

/** Layout: random(16) ‖ uint32be(len) ‖ msg ‖ receiveid, PKCS#7-padded to 32 (doc 91144). */
const unpack = (plain: Buffer, receiveId: string): string => {
  const pad = plain[plain.length - 1] ?? 0
  // Range check only, as the official libraries do; the signature already authenticated the bytes.
  if (pad < 1 || pad > BLOCK || pad > plain.length) fail('bad_padding', `padding value ${pad} out of range 1..32`)
  const body = plain.subarray(0, plain.length - pad)
  if (body.length < HEADER_BYTES) fail('bad_length', 'plaintext shorter than its header')
  const msgLength = body.readUInt32BE(RANDOM_BYTES)
  if (HEADER_BYTES + msgLength > body.length) fail('bad_length', `message length ${msgLength} exceeds plaintext`)
  const msgBytes = body.subarray(HEADER_BYTES, HEADER_BYTES + msgLength)
  const rid = body.subarray(HEADER_BYTES + msgLength).toString('utf8')
  if (rid !== receiveId) fail('receiveid_mismatch', `receiveid ${JSON.stringify(rid)} does not match`)
  try {
    return strictUtf8.decode(msgBytes)
  } catch {
    return fail('decrypt_failed', 'message is not valid UTF-8')
  }
}

const pack = (plaintext: string, receiveId: string, random16: Buffer): Buffer => {
  const msg = Buffer.from(plaintext, 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(msg.length)
  const body = Buffer.concat([random16, length, msg, Buffer.from(receiveId, 'utf8')])
  const pad = BLOCK - (body.length % BLOCK) // 1..32: an aligned body still gets a full block
  return Buffer.concat([body, Buffer.alloc(pad, pad)])
}

// The envelope as WeCom sends it: three elements, CDATA values, base64 in Encrypt. Matching it exactly
// skips two XML passes on the hot path; anything else takes the full parser. Safe because the signature
// is computed over the Encrypt value itself.
const CANONICAL_ENVELOPE = /^\s*<xml>\s*<ToUserName><!\[CDATA\[[^\]<>]*\]\]><\/ToUserName>\s*<Encrypt><!\[CDATA\[([A-Za-z0-9+/=]+)\]\]><\/Encrypt>\s*<AgentID><!\[CDATA\[\d*\]\]><\/AgentID>\s*<\/xml>\s*$/

/** Pulls `Encrypt` out of the POST envelope `<xml><ToUserName/><Encrypt/><AgentID/></xml>` (doc 91144). */
export const readEnvelopeEncrypt = (xmlBody: string): string => {
  if (Buffer.byteLength(xmlBody, 'utf8') > MAX_CALLBACK_BODY_BYTES) {
    fail('bad_envelope', `body larger than ${MAX_CALLBACK_BODY_BYTES} bytes`)
  }
  const canonical = CANONICAL_ENVELOPE.exec(xmlBody)
  if (canonical) return canonical[1]!
  try {
    const encrypt = textOf(parseXmlRoot(xmlBody, { entities: false }), 'Encrypt')
    return encrypt ? encrypt : fail('bad_envelope', 'missing or repeated <Encrypt>')
  } catch (error) {
    if (error instanceof XmlShapeError) fail('bad_envelope', error.message)
    throw error
  }
}

/**
 * Callback crypto for one callback URL: signature, AES-256-CBC decrypt/encrypt, URL verification and
 * envelope opening. Doc 91144 / 90968 (加解密方案说明); test vectors in CONTRACT §2.8.
 * Throws {@link CallbackCryptoError} `bad_aes_key` at once if the EncodingAESKey is malformed.
 */
export const createCallbackCrypto = ({ token, encodingAESKey, receiveId }: CallbackCryptoConfig) => {
  const key = deriveKey(encodingAESKey)

  const sign = (timestamp: string, nonce: string, data: string): string =>
    callbackSignature([token, timestamp, nonce, data])

  const verifySignature = (msgSignature: string, timestamp: string, nonce: string, data: string): boolean => {
    const expected = Buffer.from(sign(timestamp, nonce, data), 'utf8')
    const given = Buffer.from(msgSignature.toLowerCase(), 'utf8')
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  const requireSignature = (query: CallbackQuery, data: string): void => {
    if (!verifySignature(query.msgSignature, query.timestamp, query.nonce, data)) {
      fail('signature_mismatch', 'msg_signature does not match')
    }
  }

  const decrypt = (ciphertext: string): string => unpack(aes(key, 'decrypt', decodeBase64(ciphertext)), receiveId)

  const encrypt = (plaintext: string, random16: Buffer = randomBytes(RANDOM_BYTES)): string => {
    if (random16.length !== RANDOM_BYTES) throw new RangeError('random16 must be exactly 16 bytes')
    return aes(key, 'encrypt', pack(plaintext, receiveId, random16)).toString('base64')
  }

  /** GET verification: returns the plaintext to answer with, byte for byte (CONTRACT §2.2). */
  const verifyUrl = (query: CallbackQuery & { echostr: string }): string => {
    const echostr = query.echostr.replaceAll(' ', '+') // form decoders turn base64 '+' into ' '
    requireSignature(query, echostr)
    return decrypt(echostr)
  }

  /** POST event: checks the signature over `Encrypt`, then returns the decrypted XML (CONTRACT §2.3). */
  const openEnvelope = (query: CallbackQuery, xmlBody: string): string => {
    const encrypted = readEnvelopeEncrypt(xmlBody)
    requireSignature(query, encrypted)
    return decrypt(encrypted)
  }

  return { sign, verifySignature, decrypt, encrypt, verifyUrl, openEnvelope }
}
