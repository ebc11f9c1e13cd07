import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { ensurePosterFont, POSTER_FONT, posterFontFiles } from './fonts'
import type { PosterLayout } from './layout'
import { PosterImageError } from './image'
import { QR_QUIET_MODULES, renderPoster, type PosterInput } from './render'

const URL_ = 'https://pond.example.com/f/7Hq2?t=eyJwIjoiZmlzc2lvbiJ9'
const layout: PosterLayout = {
  width: 750, height: 1334,
  qr: { x: 255, y: 960, size: 240 },
  avatar: { x: 60, y: 60, size: 120 },
  name: { x: 200, y: 90, fontSize: 44, color: '#112233' },
}

async function pixels(png: Buffer) {
  const img = await loadImage(png)
  const c = createCanvas(img.width, img.height)
  const ctx = c.getContext('2d')
  ctx.drawImage(img, 0, 0)
  const { data } = ctx.getImageData(0, 0, img.width, img.height)
  const at = (x: number, y: number) => { const i = (Math.floor(y) * img.width + Math.floor(x)) * 4; return [data[i]!, data[i + 1]!, data[i + 2]!] as const }
  return { width: img.width, height: img.height, at }
}

const solid = async (color: string, w = 40, h = 30, format: 'png' | 'jpeg' = 'png') => {
  const c = createCanvas(w, h); const ctx = c.getContext('2d')
  ctx.fillStyle = color; ctx.fillRect(0, 0, w, h)
  return format === 'png' ? c.encode('png') : c.encode('jpeg')
}

const input = (over: Partial<PosterInput> = {}): PosterInput =>
  ({ layout, background: null, title: '新春裂变活动', qr: { text: URL_ }, avatar: null, name: '张三', ...over })

const luminance = ([r, g, b]: readonly [number, number, number]) => 0.299 * r + 0.587 * g + 0.114 * b
const near = (a: readonly number[], b: readonly number[], tol = 12) => a.every((v, i) => Math.abs(v - b[i]!) <= tol)

/** Every module of `text`'s QR matrix, sampled at its centre in the poster, is dark where the matrix is dark. */
function expectQrModules(at: (x: number, y: number) => readonly [number, number, number], text: string, box: PosterLayout['qr']) {
  const { size: n, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules
  const step = box.size / (n + 2 * QR_QUIET_MODULES)
  let wrong = 0
  for (let row = -QR_QUIET_MODULES; row < n + QR_QUIET_MODULES; row++) {
    for (let col = -QR_QUIET_MODULES; col < n + QR_QUIET_MODULES; col++) {
      const dark = row >= 0 && col >= 0 && row < n && col < n && data[row * n + col] === 1
      const seen = luminance(at(box.x + (col + QR_QUIET_MODULES + 0.5) * step, box.y + (row + QR_QUIET_MODULES + 0.5) * step)) < 128
      if (seen !== dark) wrong++
    }
  }
  expect(wrong).toBe(0)
  expect(n).toBeGreaterThanOrEqual(21)
}

describe('renderPoster', () => {
  it('renders a PNG of the layout size whose QR region carries the link, module for module', async () => {
    const png = await renderPoster(input())
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    const p = await pixels(png)
    expect([p.width, p.height]).toEqual([750, 1334])
    expectQrModules(p.at, URL_, layout.qr)
  })

  it('draws a ready QR image (e.g. WeCom\'s) into the QR box', async () => {
    const text = 'https://work.weixin.qq.com/ca/cawcde123'
    const n = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size
    const image = await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: QR_QUIET_MODULES, scale: 1 })
    const box = { x: 100, y: 900, size: (n + 2 * QR_QUIET_MODULES) * 8 }
    const p = await pixels(await renderPoster(input({ qr: { image }, layout: { ...layout, qr: box } })))
    expectQrModules(p.at, text, box)
  })

  it('renders the Chinese name in the CJK font that the install brings, not as missing-glyph boxes', async () => {
    ensurePosterFont()
    expect(GlobalFonts.has(POSTER_FONT)).toBe(true)
    // The installed font files cover the name's characters (so the glyphs come from them, not from whatever the host has).
    const ranges = Object.values(JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@fontsource-variable/noto-sans-sc/unicode.json'), 'utf8')) as Record<string, string>)
      .flatMap((r) => r.split(',').map((part) => part.replace('U+', '').split('-').map((h) => parseInt(h, 16))))
    const covered = (ch: string) => ranges.some(([lo, hi]) => ch.codePointAt(0)! >= lo! && ch.codePointAt(0)! <= (hi ?? lo)!)
    expect(posterFontFiles().length).toBeGreaterThan(90)
    expect([...'张三欧阳娜'].every(covered)).toBe(true)
    // Two different characters draw two different glyphs: tofu would draw the same box twice.
    const c = createCanvas(200, 100); const ctx = c.getContext('2d')
    ctx.font = `80px "${POSTER_FONT}"`; ctx.textBaseline = 'top'; ctx.fillStyle = '#000'
    expect(ctx.measureText('张三').width).toBeCloseTo(160, 0)   // CJK ideographs are one em wide each
    ctx.fillText('张三', 10, 5)
    const cell = (x0: number) => Array.from(ctx.getImageData(x0, 0, 80, 100).data.filter((_, i) => i % 4 === 3))
    const [zhang, san] = [cell(10), cell(90)]
    expect(zhang.filter((a) => a > 128).length).toBeGreaterThan(300)
    expect(san.filter((a) => a > 128).length).toBeGreaterThan(300)
    expect(zhang.filter((a, i) => (a > 128) !== (san[i]! > 128)).length).toBeGreaterThan(300)
  })

  it('draws the name in its box in its colour, and nothing there without a name', async () => {
    const white = await solid('#ffffff')
    const inBox = async (name: string) => {
      const p = await pixels(await renderPoster(input({ background: white, name })))
      let n = 0
      for (let y = 90; y < 90 + 44 * 1.4; y++) for (let x = 200; x < 400; x++) if (near(p.at(x, y), [0x11, 0x22, 0x33], 40)) n++
      return n
    }
    expect(await inBox('张三')).toBeGreaterThan(200)
    expect(await inBox('')).toBe(0)
  })

  it('cover-fits the background and crops the avatar to a circle', async () => {
    const p = await pixels(await renderPoster(input({ background: await solid('#00ff00', 90, 40, 'jpeg'), avatar: await solid('#ff0000', 50, 80) })))
    expect(near(p.at(700, 700), [0, 255, 0])).toBe(true)          // a wide image still fills a tall poster
    expect(near(p.at(120, 120), [255, 0, 0])).toBe(true)          // avatar centre
    expect(near(p.at(62, 62), [0, 255, 0])).toBe(true)            // avatar box corner, outside the circle
  })

  it('falls back to a disc with the first character for a missing or unreadable avatar, and to a gradient without background', async () => {
    for (const avatar of [null, Buffer.from('not an image')]) {
      const p = await pixels(await renderPoster(input({ avatar })))
      expect(near(p.at(70, 120), p.at(62, 62))).toBe(false)        // the disc is drawn
      let white = 0
      for (let y = 80; y < 160; y++) for (let x = 80; x < 160; x++) if (luminance(p.at(x, y)) > 230) white++
      expect(white).toBeGreaterThan(300)                           // with a white character on it
      expect(near(p.at(5, 5), p.at(5, 1329))).toBe(false)          // the default background is a gradient
    }
  })

  it('cuts a name too long for its slot with an ellipsis instead of running off the poster', async () => {
    const white = await solid('#ffffff')
    const p = await pixels(await renderPoster(input({ background: white, name: '欧阳'.repeat(40), layout: { ...layout, name: { ...layout.name!, maxWidth: 300 } } })))
    let beyond = 0
    for (let y = 90; y < 150; y++) for (let x = 505; x < 750; x++) if (luminance(p.at(x, y)) < 200) beyond++
    expect(beyond).toBe(0)
  })

  it('refuses an unusable background or QR image with a typed error, before decoding a huge one', async () => {
    const huge = Buffer.alloc(33)
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(huge)
    huge.write('IHDR', 12, 'latin1'); huge.writeUInt32BE(20000, 16); huge.writeUInt32BE(20000, 20)
    await expect(renderPoster(input({ background: Buffer.from('nope') }))).rejects.toMatchObject({ image: 'background', problem: 'unsupported' })
    await expect(renderPoster(input({ background: huge }))).rejects.toMatchObject({ image: 'background', problem: 'too_large' })
    await expect(renderPoster(input({ qr: { image: huge } }))).rejects.toBeInstanceOf(PosterImageError)
    const truncated = (await solid('#123456', 50, 50, 'jpeg')).subarray(0, 200)                  // header fine, data cut
    await expect(renderPoster(input({ background: truncated }))).rejects.toMatchObject({ image: 'background', problem: 'unsupported' })
    expect((await renderPoster(input({ avatar: huge }))).length).toBeGreaterThan(0)               // an avatar falls back instead
  })
})
