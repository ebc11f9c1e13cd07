import { createCanvas, loadImage, type Image, type SKRSContext2D } from '@napi-rs/canvas'
import QRCode from 'qrcode'
import { ensurePosterFont } from './fonts'
import { checkPosterImage, PosterImageError } from './image'
import { LINE_HEIGHT, textMaxWidth, type PosterBox, type PosterLayout, type PosterTextSlot } from './layout'

/** One customer's poster: the activity's layout and background, filled with their avatar, name and QR. */
export interface PosterInput {
  layout: PosterLayout
  /** PNG or JPEG, cover-fitted to the poster; null → a gradient with `title` on it. Unreadable → PosterImageError. */
  background: Buffer | null
  /** The activity's name, drawn on the default background. */
  title: string
  /** `text`: Pond draws the QR (e.g. an acquisition link); `image`: a ready QR image (e.g. WeCom's contact way). */
  qr: { text: string } | { image: Buffer }
  /** PNG or JPEG drawn in a circle; null or unusable → a coloured disc with the name's first character. */
  avatar: Buffer | null
  name: string
  /** More text, e.g. a slogan; drawn after the name. */
  lines?: (PosterTextSlot & { text: string })[]
}

/** White border around the drawn QR, in modules; scanners need a quiet zone (the standard asks 4, 2 suffices in practice). */
export const QR_QUIET_MODULES = 2

const DEFAULT_TEXT_COLOR = '#1f1f1f'
const DEFAULT_GRADIENT = ['#ff7a45', '#d4380d'] as const
const AVATAR_COLORS = ['#1677ff', '#13c2c2', '#52c41a', '#fa8c16', '#eb2f96', '#722ed1'] as const

/** Renders a poster to PNG. Holds nothing between calls beyond the font registered once. */
export async function renderPoster(input: PosterInput): Promise<Buffer> {
  const font = ensurePosterFont()
  const { width, height } = input.layout
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  if (input.background) drawCover(ctx, await readImage(input.background, 'background'), { x: 0, y: 0, w: width, h: height })
  else drawDefaultBackground(ctx, input, font)
  await drawQr(ctx, input.qr, input.layout.qr)
  if (input.layout.avatar) await drawAvatar(ctx, input.avatar, input.name, input.layout.avatar, font)
  if (input.layout.name) drawText(ctx, input.name, input.layout.name, width, font, 600)
  for (const line of input.lines ?? []) drawText(ctx, line.text, line, width, font, 400)
  return canvas.encode('png')
}

async function readImage(buf: Buffer, which: 'background' | 'qr'): Promise<Image> {
  const problem = checkPosterImage(buf)
  if (problem) throw new PosterImageError(which, problem)
  return loadImage(buf).catch(() => { throw new PosterImageError(which, 'unsupported') })
}

function drawCover(ctx: SKRSContext2D, img: Image, to: { x: number; y: number; w: number; h: number }) {
  const scale = Math.max(to.w / img.width, to.h / img.height)
  const sw = to.w / scale, sh = to.h / scale
  ctx.drawImage(img, (img.width - sw) / 2, (img.height - sh) / 2, sw, sh, to.x, to.y, to.w, to.h)
}

/** A gradient with the activity's name centred in the tallest band the layout leaves free. */
function drawDefaultBackground(ctx: SKRSContext2D, input: PosterInput, font: string) {
  const { width, height } = input.layout
  const g = ctx.createLinearGradient(0, 0, 0, height)
  g.addColorStop(0, DEFAULT_GRADIENT[0]); g.addColorStop(1, DEFAULT_GRADIENT[1])
  ctx.fillStyle = g
  ctx.fillRect(0, 0, width, height)
  const size = Math.round(width / 12)
  ctx.font = `700 ${size}px "${font}"`
  ctx.fillStyle = '#ffffff'
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  const lines = wrap(ctx, input.title, width - 2 * size).slice(0, 3)
  const band = freeBand(input)
  const top = band.top + Math.max(0, (band.bottom - band.top - lines.length * size * LINE_HEIGHT) / 2)
  lines.forEach((line, i) => ctx.fillText(line, width / 2, top + i * size * LINE_HEIGHT))
}

function freeBand({ layout, lines = [] }: PosterInput): { top: number; bottom: number } {
  const taken = [layout.qr, layout.avatar].flatMap((b) => b ? [[b.y, b.y + b.size]] : [])
    .concat([layout.name, ...lines].flatMap((t) => t ? [[t.y, t.y + t.fontSize * LINE_HEIGHT]] : []))
    .sort((a, b) => a[0]! - b[0]!)
  let best = { top: 0, bottom: 0 }, from = 0
  for (const [top, bottom] of [...taken, [layout.height, layout.height]]) {
    if (top! - from > best.bottom - best.top) best = { top: from, bottom: top! }
    from = Math.max(from, bottom!)
  }
  return best
}

/** Breaks text into lines that fit `maxWidth`, character by character (Chinese has no spaces to break at). */
function wrap(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of text) {
    if (line && ctx.measureText(line + ch).width > maxWidth) { lines.push(line); line = '' }
    line += ch
  }
  return line ? [...lines, line] : lines
}

async function drawQr(ctx: SKRSContext2D, qr: PosterInput['qr'], box: PosterBox) {
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(box.x, box.y, box.size, box.size)
  if ('image' in qr) {
    ctx.imageSmoothingEnabled = false          // keep module edges sharp when scaling
    ctx.drawImage(await readImage(qr.image, 'qr'), box.x, box.y, box.size, box.size)
    ctx.imageSmoothingEnabled = true
    return
  }
  const { size: n, data } = QRCode.create(qr.text, { errorCorrectionLevel: 'M' }).modules
  const step = box.size / (n + 2 * QR_QUIET_MODULES)
  // Edges snap to whole pixels so neighbouring modules never leave hairline seams.
  const edge = (i: number) => Math.round((i + QR_QUIET_MODULES) * step)
  ctx.fillStyle = '#000000'
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (!data[row * n + col]) continue
      const x0 = edge(col), y0 = edge(row)
      ctx.fillRect(box.x + x0, box.y + y0, edge(col + 1) - x0, edge(row + 1) - y0)
    }
  }
}

async function drawAvatar(ctx: SKRSContext2D, avatar: Buffer | null, name: string, box: PosterBox, font: string) {
  // A broken or oversized avatar (WeCom's, fetched) must not cost the poster.
  const image = avatar && !checkPosterImage(avatar) ? await loadImage(avatar).catch(() => null) : null
  const r = box.size / 2, cx = box.x + r, cy = box.y + r
  ctx.save()
  ctx.beginPath()
  ctx.arc(cx, cy, r, 0, Math.PI * 2)
  ctx.closePath()
  ctx.clip()
  if (image) drawCover(ctx, image, { x: box.x, y: box.y, w: box.size, h: box.size })
  else {
    const first = [...name.trim()][0] ?? '?'
    ctx.fillStyle = AVATAR_COLORS[first.codePointAt(0)! % AVATAR_COLORS.length]!
    ctx.fillRect(box.x, box.y, box.size, box.size)
    ctx.fillStyle = '#ffffff'
    ctx.font = `600 ${Math.round(box.size * 0.5)}px "${font}"`
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillText(first, cx, cy)
  }
  ctx.restore()
}

function drawText(ctx: SKRSContext2D, text: string, slot: PosterTextSlot, posterWidth: number, font: string, weight: number) {
  ctx.font = `${weight} ${slot.fontSize}px "${font}"`
  ctx.fillStyle = slot.color ?? DEFAULT_TEXT_COLOR
  ctx.textAlign = slot.align ?? 'left'
  ctx.textBaseline = 'top'
  ctx.fillText(ellipsize(ctx, text, textMaxWidth(slot, posterWidth)), slot.x, slot.y)
}

function ellipsize(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text
  const chars = [...text]
  while (chars.length > 0 && ctx.measureText(chars.join('') + '…').width > maxWidth) chars.pop()
  return chars.join('') + '…'
}
