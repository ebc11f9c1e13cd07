import { CallbackCryptoError, MAX_CALLBACK_BODY_BYTES, WeComEventParseError, type CallbackCrypto } from '@pond/wecom'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { defineErrors } from '../http/errors'
import type { Inbox } from './inbox'

export const callbackError = defineErrors({
  'wecom.callback.signature_mismatch': { status: 401, message: { zh: '回调签名校验失败', en: 'Callback signature does not match' } },
  'wecom.callback.receiveid_mismatch': { status: 403, message: { zh: '回调不属于本企业', en: 'Callback is for another corp' } },
  'wecom.callback.undecryptable': { status: 400, message: { zh: '回调内容无法解密', en: 'Callback could not be decrypted' } },
  'wecom.callback.malformed': { status: 400, message: { zh: '回调内容格式错误', en: 'Callback body is malformed' } },
})

const Query = z.object({
  msg_signature: z.string().min(1).max(128), timestamp: z.string().min(1).max(32), nonce: z.string().min(1).max(64),
})

function toCallbackError(err: unknown) {
  if (err instanceof CallbackCryptoError) {
    if (err.code === 'signature_mismatch') return callbackError('wecom.callback.signature_mismatch')
    if (err.code === 'receiveid_mismatch') return callbackError('wecom.callback.receiveid_mismatch')
    if (err.code === 'bad_envelope') return callbackError('wecom.callback.malformed', { reason: err.message })
    return callbackError('wecom.callback.undecryptable', { reason: err.code })
  }
  if (err instanceof WeComEventParseError) return callbackError('wecom.callback.malformed', { reason: err.message })
  return err
}

/**
 * The WeCom callback URL (CONTRACT §2): GET answers the echo check; POST verifies, decrypts and stores the
 * event in the inbox, then answers an empty 200 at once. Bad signatures get a 4xx and write nothing.
 */
export const callbackRoutes = (deps: { crypto: CallbackCrypto; corpId: string; inbox: Inbox }): FastifyPluginAsyncZod => async (app) => {
  // WeCom's POST content type is not documented (CONTRACT §2.3): read any body as text, here only.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_CALLBACK_BODY_BYTES }, (_req, body, done) => done(null, body))

  app.get('/wecom/callback', { schema: { hide: true, querystring: Query.extend({ echostr: z.string().min(1).max(1024) }) }, config: { public: true } }, async (req, reply) => {
    const q = req.query
    try {
      const echo = deps.crypto.verifyUrl({ msgSignature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce, echostr: q.echostr })
      return reply.type('text/plain').send(echo)
    } catch (err) { throw toCallbackError(err) }
  })

  app.post('/wecom/callback', { schema: { hide: true, querystring: Query }, config: { public: true } }, async (req, reply) => {
    const q = req.query
    let xml: string
    try {
      xml = deps.crypto.openEnvelope({ msgSignature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce }, String(req.body ?? ''))
      await deps.inbox.store(deps.corpId, xml)
    } catch (err) { throw toCallbackError(err) }
    return reply.type('text/plain').send('')                  // empty 200: received, no passive reply (CONTRACT §2.5)
  })
}
