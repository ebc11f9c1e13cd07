import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * The sim's own implementation of WeCom's callback crypto (CONTRACT §2.4). It deliberately shares no
 * code with packages/wecom so that a bug on one side cannot be mirrored by the other.
 */

const BLOCK = 32 // WeCom pads to 32 bytes, not AES's 16 (CONTRACT §2.4)

/** AESKey = base64(EncodingAESKey + "="), must be exactly 32 bytes. */
export function decodeAesKey(encodingAESKey: string): Buffer {
  if (!/^[a-zA-Z0-9]{43}$/.test(encodingAESKey)) throw new Error('EncodingAESKey must be 43 chars of [a-zA-Z0-9]')
  const key = Buffer.from(`${encodingAESKey}=`, 'base64')
  if (key.length !== 32) throw new Error('EncodingAESKey does not decode to 32 bytes')
  return key
}

/** msg_signature = sha1 of the four strings sorted in byte order and concatenated (CONTRACT §2.3). */
export function computeSignature(token: string, timestamp: string, nonce: string, data: string): string {
  const parts = [token, timestamp, nonce, data].map((s) => Buffer.from(s, 'utf8'))
  parts.sort(Buffer.compare)
  return createHash('sha1').update(Buffer.concat(parts)).digest('hex')
}

/** random16 || uint32be(len) || msg || receiveId, PKCS#7-padded to 32, AES-256-CBC with IV = key[0..16). */
export function encryptMessage(key: Buffer, message: string, receiveId: string, random16: Buffer = randomBytes(16)): string {
  if (random16.length !== 16) throw new Error('random prefix must be 16 bytes')
  const msg = Buffer.from(message, 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(msg.length, 0)
  const body = Buffer.concat([random16, len, msg, Buffer.from(receiveId, 'utf8')])
  const pad = BLOCK - (body.length % BLOCK)
  const plain = Buffer.concat([body, Buffer.alloc(pad, pad)])
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

export interface DecryptedMessage {
  message: string
  receiveId: string
  random: Buffer
}

/** Inverse of encryptMessage; strips the 1..32 pad manually because Node's unpad only knows 16 (CONTRACT §2.4). */
export function decryptMessage(key: Buffer, encrypted: string): DecryptedMessage {
  const data = Buffer.from(encrypted, 'base64')
  if (data.length === 0 || data.length % 16 !== 0) throw new Error('ciphertext length is not a multiple of 16')
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
  decipher.setAutoPadding(false)
  const plain = Buffer.concat([decipher.update(data), decipher.final()])
  const pad = plain[plain.length - 1] ?? 0
  if (pad < 1 || pad > BLOCK || pad > plain.length) throw new Error('invalid padding')
  const body = plain.subarray(0, plain.length - pad)
  if (body.length < 20) throw new Error('decrypted buffer too short')
  const length = body.readUInt32BE(16)
  if (20 + length > body.length) throw new Error('message length exceeds buffer')
  return {
    random: Buffer.from(body.subarray(0, 16)),
    message: body.subarray(20, 20 + length).toString('utf8'),
    receiveId: body.subarray(20 + length).toString('utf8'),
  }
}
