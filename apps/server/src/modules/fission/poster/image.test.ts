import { createCanvas } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { checkPosterImage, imageSize } from './image'

const encoded = (w: number, h: number, format: 'png' | 'jpeg') => {
  const c = createCanvas(w, h); const ctx = c.getContext('2d')
  ctx.fillStyle = '#3366cc'; ctx.fillRect(0, 0, w, h)
  return format === 'png' ? c.encode('png') : c.encode('jpeg')
}
/** Headers only: what a decompression bomb shows before anyone decodes it. */
const pngHeader = (w: number, h: number) => {
  const b = Buffer.alloc(33)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(b)
  b.write('IHDR', 12, 'latin1'); b.writeUInt32BE(w, 16); b.writeUInt32BE(h, 20)
  return b
}
const jpegHeader = (w: number, h: number) => Buffer.from([
  0xff, 0xd8,
  0xff, 0xe0, 0x00, 0x06, 0x4a, 0x46, 0x49, 0x46,             // APP0, skipped by its length
  0xff, 0xff,                                                  // a fill byte
  0xc2, 0x00, 0x0b, 0x08, h >> 8, h & 0xff, w >> 8, w & 0xff, 0x01, 0x01, 0x11, 0x00,   // SOF2 (progressive)
])

describe('poster images', () => {
  it('reads the size of real PNG and JPEG files from their headers', async () => {
    expect(imageSize(await encoded(37, 21, 'png'))).toEqual({ type: 'png', width: 37, height: 21 })
    expect(imageSize(await encoded(640, 1136, 'jpeg'))).toEqual({ type: 'jpeg', width: 640, height: 1136 })
    expect(imageSize(jpegHeader(300, 200))).toEqual({ type: 'jpeg', width: 300, height: 200 })
  })

  it('refuses what is not PNG or JPEG, and images that would take too much memory to decode', async () => {
    expect(checkPosterImage(await encoded(750, 1334, 'jpeg'))).toBeUndefined()
    expect(checkPosterImage(pngHeader(4096, 4096))).toBeUndefined()
    expect(checkPosterImage(pngHeader(4097, 4096))).toBe('too_large')
    expect(checkPosterImage(jpegHeader(30000, 30000))).toBe('too_large')
    expect(checkPosterImage(pngHeader(0, 10))).toBe('unsupported')
    for (const junk of ['GIF89a……', '<svg/>', '', '\xff\xd8\xff']) expect(checkPosterImage(Buffer.from(junk, 'latin1'))).toBe('unsupported')
  })
})
