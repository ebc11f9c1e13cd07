import { createDecipheriv, createHash } from 'node:crypto'
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A tiny callback receiver for tests, with its OWN minimal WeCom decrypt (CONTRACT §2.4) so a bug in the
 * sim's crypto module cannot hide itself.
 */

export interface ReceivedPost {
  query: URLSearchParams
  body: string
  signatureOk: boolean
  xml: string
  receiveId: string
}

export interface ReceiverBehaviour {
  /** Answer for POST number n (1-based); default 200 at once. */
  post?(n: number): { status?: number; delayMs?: number }
  /** Override the GET echo answer; default the decrypted echostr. */
  echo?(plain: string): string
}

export interface Receiver {
  url: string
  posts: ReceivedPost[]
  gets: number
  close(): Promise<void>
}

export function minimalDecrypt(encodingAESKey: string, b64: string): { msg: string; receiveId: string } {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64')
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
  decipher.setAutoPadding(false)
  const buf = Buffer.concat([decipher.update(Buffer.from(b64, 'base64')), decipher.final()])
  const body = buf.subarray(0, buf.length - (buf[buf.length - 1] as number))
  const n = body.readUInt32BE(16)
  return { msg: body.subarray(20, 20 + n).toString('utf8'), receiveId: body.subarray(20 + n).toString('utf8') }
}

export const sha1Signature = (...parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex')

export async function startReceiver(token: string, encodingAESKey: string, behaviour: ReceiverBehaviour = {}): Promise<Receiver> {
  const posts: ReceivedPost[] = []
  const state = { gets: 0 }
  const server = createServer((req, res) => void handle(req, res))
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const query = new URL(req.url ?? '/', 'http://x').searchParams
    const body = await readBody(req)
    if (req.method === 'GET') {
      state.gets++
      const echostr = query.get('echostr') ?? ''
      const ok = sha1Signature(token, query.get('timestamp') ?? '', query.get('nonce') ?? '', echostr) === query.get('msg_signature')
      const plain = ok ? minimalDecrypt(encodingAESKey, echostr).msg : 'bad signature'
      return res.writeHead(ok ? 200 : 403).end(behaviour.echo ? behaviour.echo(plain) : plain)
    }
    const encrypt = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(body)?.[1] ?? ''
    const signatureOk = sha1Signature(token, query.get('timestamp') ?? '', query.get('nonce') ?? '', encrypt) === query.get('msg_signature')
    const { msg, receiveId } = minimalDecrypt(encodingAESKey, encrypt)
    posts.push({ query, body, signatureOk, xml: msg, receiveId })
    const answer = behaviour.post?.(posts.length) ?? {}
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs))
    if (!res.destroyed) res.writeHead(answer.status ?? 200).end('')
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/wecom/callback`,
    posts,
    get gets() {
      return state.gets
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
