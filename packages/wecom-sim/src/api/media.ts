import type { FastifyReply } from 'fastify'
import { wecomError } from '../errors'
import { boundaryOf, parseMultipart } from '../multipart'
import type { StoredMedia } from '../world/types'
import { SENT, type CgiFamily } from './router'

const MB = 1024 * 1024
// Per-type size caps and their errcodes (CONTRACT-MORE §13.1).
const LIMITS: Record<string, { max: number; errcode: number; contentType: string }> = {
  image: { max: 10 * MB, errcode: 40009, contentType: 'image/png' },
  voice: { max: 2 * MB, errcode: 40006, contentType: 'voice/amr' },
  video: { max: 10 * MB, errcode: 40011, contentType: 'video/mp4' },
  file: { max: 20 * MB, errcode: 40006, contentType: 'application/octet-stream' },
}

/** Temporary media: media/upload stores bytes (so the sandbox can show welcome images), media/get returns them. */
export const mediaApi: CgiFamily = (router, { world }) => {
  router.post('/media/upload', ({ query, request, now }) => {
    const type = query.type ?? ''
    const limit = LIMITS[type]
    if (!limit) throw wecomError(40005, `type ${type}`)
    const boundary = boundaryOf(request.headers['content-type'])
    const part = boundary && Buffer.isBuffer(request.body)
      ? parseMultipart(request.body, boundary).find((p) => p.name === 'media')
      : undefined
    if (!part || part.data.length === 0) throw wecomError(44001, 'multipart part "media" is required')
    if (part.data.length <= 5) throw wecomError(40006, 'media must be larger than 5 bytes')
    if (part.data.length > limit.max) throw wecomError(limit.errcode, `${type} exceeds ${limit.max / MB} MB`)
    const stored = world.media.add({
      type,
      filename: part.filename ?? 'media',
      contentType: part.contentType ?? limit.contentType,
      bytes: part.data,
      createdAt: now,
    })
    // errmsg is "" and created_at a string in the official sample (§13.1)
    return { errmsg: '', type, media_id: stored.mediaId, created_at: String(Math.floor(now / 1000)) }
  })
  router.get('/media/get', ({ query, reply, now }) => {
    const media = world.media.find(query.media_id ?? '', now)
    if (!media) throw wecomError(40007, query.media_id ?? '')
    sendMedia(reply, media, 'attachment')
    return SENT
  })
}

/** Raw bytes with the stored type; the filename is RFC 5987-encoded since it may be Chinese. */
export function sendMedia(reply: FastifyReply, media: StoredMedia, disposition: 'attachment' | 'inline'): void {
  const ascii = media.filename.replace(/[^\x20-\x7e]|"/g, '_')
  void reply
    .header('content-type', media.contentType)
    .header('content-disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(media.filename)}`)
    .send(media.bytes)
}
