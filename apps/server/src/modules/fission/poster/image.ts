/**
 * What an uploaded or fetched image is, read from its header without decoding it: a small file can declare
 * 30000×30000 pixels and take gigabytes once decoded, so posters refuse such images before skia sees them.
 */
export const MAX_IMAGE_PIXELS = 4096 * 4096

export type PosterImageProblem = 'unsupported' | 'too_large'

export class PosterImageError extends Error {
  constructor(readonly image: 'background' | 'qr', readonly problem: PosterImageProblem) {
    super(`poster ${image} image: ${problem}`)
  }
}

export function imageSize(buf: Buffer): { type: 'png' | 'jpeg'; width: number; height: number } | undefined {
  // PNG: signature, then the IHDR chunk's width and height.
  if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47 && buf.toString('latin1', 12, 16) === 'IHDR') {
    return { type: 'png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) }
  }
  // JPEG: walk the segments to the first start-of-frame (SOF0–SOF15 less DHT, JPG and DAC, which share the range).
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return undefined
  let i = 2
  while (i + 9 <= buf.length) {
    if (buf[i] !== 0xff) return undefined
    const marker = buf[i + 1]!
    if (marker === 0xff) { i++; continue }                                         // fill byte
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { type: 'jpeg', height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) }
    }
    i += 2 + buf.readUInt16BE(i + 2)
  }
  return undefined
}

/** Why an image can't go on a poster, or undefined when it can (PNG or JPEG, at most MAX_IMAGE_PIXELS). */
export function checkPosterImage(buf: Buffer): PosterImageProblem | undefined {
  const size = imageSize(buf)
  if (!size || size.width === 0 || size.height === 0) return 'unsupported'
  return size.width * size.height > MAX_IMAGE_PIXELS ? 'too_large' : undefined
}
