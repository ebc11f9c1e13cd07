import multipart from '@fastify/multipart'
import { loadImage } from '@napi-rs/canvas'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { defineErrors } from '../../http/errors'
import { imageSize } from './poster/image'
import { LOCAL_BACKGROUND_PATH, LOCAL_BACKGROUND_URL } from './schema'

/**
 * Poster backgrounds uploaded to Pond: content-addressed files (sha256) in the data dir, served publicly and
 * immutably under LOCAL_BACKGROUND_PATH (the console's preview and anyone with the poster see them anyway), and
 * read from disk by the poster renderer rather than fetched over HTTP.
 */
export const MAX_BACKGROUND_BYTES = 5 * 1024 * 1024
export const BACKGROUND_SIDE = { min: 300, max: 4096 }

export const backgroundError = defineErrors({
  'fission.background.file_missing': { status: 400, message: { zh: '请上传一张图片', en: 'Upload one image file' } },
  'fission.background.too_large': { status: 413, message: { zh: '图片不能超过 5 MB', en: 'The image must be at most 5 MB' } },
  'fission.background.unsupported': { status: 415, message: { zh: '仅支持 PNG 或 JPEG 图片', en: 'Only PNG or JPEG images are accepted' } },
  'fission.background.bad_size': { status: 422, message: { zh: '图片尺寸须在 300×300 到 4096×4096 像素之间', en: 'The image must be between 300×300 and 4096×4096 pixels' } },
  'fission.background.not_found': { status: 404, message: { zh: '背景图不存在', en: 'No such background image' } },
})

const FILE_NAME = /^[0-9a-f]{64}\.(png|jpg)$/
const TYPES = { png: 'image/png', jpg: 'image/jpeg' } as const

export type BackgroundStore = ReturnType<typeof createBackgroundStore>

export function createBackgroundStore(dir: string) {
  /** The file behind a name, or undefined for anything that is not one of ours (no path ever leaves `dir`). */
  const fileOf = (name: string) => FILE_NAME.test(name) ? join(dir, name) : undefined

  return {
    /** Checks what the bytes are (never the file name or the declared type), decodes, stores once. */
    async save(data: Buffer) {
      const header = imageSize(data)
      if (!header) throw backgroundError('fission.background.unsupported')
      const bad = (w: number, h: number) => Math.min(w, h) < BACKGROUND_SIDE.min || Math.max(w, h) > BACKGROUND_SIDE.max
      // The header first: a small file may declare a huge bitmap, which must not be decoded.
      if (bad(header.width, header.height)) throw backgroundError('fission.background.bad_size', { width: header.width, height: header.height, ...BACKGROUND_SIDE })
      const image = await loadImage(data).catch(() => { throw backgroundError('fission.background.unsupported') })
      const { width, height } = image
      if (!width || !height) throw backgroundError('fission.background.unsupported')
      if (bad(width, height)) throw backgroundError('fission.background.bad_size', { width, height, ...BACKGROUND_SIDE })
      const name = `${createHash('sha256').update(data).digest('hex')}.${header.type === 'png' ? 'png' : 'jpg'}`
      const file = join(dir, name)
      if (!(await stat(file).catch(() => undefined))) {
        await mkdir(dir, { recursive: true })
        const tmp = `${file}.${process.pid}.${Date.now()}.tmp`
        await writeFile(tmp, data)
        await rename(tmp, file)                 // whole or not at all
      }
      return { url: `${LOCAL_BACKGROUND_PATH}${name}`, width, height }
    },

    async read(name: string) {
      const file = fileOf(name)
      const data = file ? await readFile(file).catch(() => undefined) : undefined
      if (!data) throw backgroundError('fission.background.not_found')
      return { data, type: TYPES[name.endsWith('.png') ? 'png' : 'jpg'] }
    },

    /** The bytes of a background URL that points at an upload; undefined when it points elsewhere, null when the file is gone. */
    load(url: string): Promise<Buffer | null> | undefined {
      if (!LOCAL_BACKGROUND_URL.test(url)) return undefined
      const file = fileOf(url.slice(LOCAL_BACKGROUND_PATH.length))
      return file ? readFile(file).catch(() => null) : Promise.resolve(null)
    },
  }
}

async function uploadedFile(req: FastifyRequest) {
  if (!req.isMultipart()) throw backgroundError('fission.background.file_missing')
  const part = await req.file()
  if (!part) throw backgroundError('fission.background.file_missing')
  try {
    return await part.toBuffer()
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw backgroundError('fission.background.too_large', { maxBytes: MAX_BACKGROUND_BYTES })
    throw err
  }
}

const Uploaded = z.object({ url: z.string(), width: z.number(), height: z.number() })

export const backgroundRoutes = (store: BackgroundStore): FastifyPluginAsyncZod => async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_BACKGROUND_BYTES, files: 1, fields: 2 } })
  app.post('/api/fission/poster-backgrounds', {
    schema: { tags: ['fission'], consumes: ['multipart/form-data'], response: { 201: Uploaded }, description: 'multipart/form-data with one `file`: PNG or JPEG, ≤ 5 MB, 300–4096 px a side' },
    config: { permission: 'fission.write' },
  }, async (req, reply) => reply.code(201).send(await store.save(await uploadedFile(req))))
  // A static, content-addressed image (like the console's own files), not an API: left out of the OpenAPI document.
  app.get(`${LOCAL_BACKGROUND_PATH}:name`, { schema: { hide: true, params: z.object({ name: z.string().regex(FILE_NAME) }) }, config: { public: true } },
    async (req, reply) => {
      const { data, type } = await store.read(req.params.name)
      // The name is the content's hash: it never changes.
      return reply.type(type).header('cache-control', 'public, max-age=31536000, immutable').send(data)
    })
}
