/**
 * Where things sit on an activity's poster, in poster pixels. The operator drags these in the console; the
 * check is pure (no canvas, no zod) so config validation can call it cheaply and word its own errors.
 */
export interface PosterBox { x: number; y: number; size: number }

/** `x` is the left edge, the centre or the right edge of the line, per `align`; `y` is the top of the line. */
export interface PosterTextSlot {
  x: number
  y: number
  fontSize: number
  /** Default #1f1f1f. */
  color?: string
  align?: 'left' | 'center' | 'right'
  /** Longer text is cut with an ellipsis; default: up to the poster edge (less a margin). */
  maxWidth?: number
}

export interface PosterLayout {
  width: number
  height: number
  qr: PosterBox
  /** Omitted: no avatar on the poster. */
  avatar?: PosterBox
  /** Omitted: no name on the poster. */
  name?: PosterTextSlot
}

export type PosterLayoutField = 'size' | 'qr' | 'avatar' | 'name'
export type PosterLayoutProblemKind = 'invalid' | 'outside_poster' | 'too_small' | 'too_large' | 'covers_qr'
export interface PosterLayoutProblem { field: PosterLayoutField; problem: PosterLayoutProblemKind }

export const POSTER_SIDE = { min: 200, max: 2048 } as const
/** Smaller than this, a QR in a forwarded (recompressed) poster photo stops scanning reliably. */
export const QR_MIN_SIZE = 120
export const AVATAR_MIN_SIZE = 24
export const FONT_SIZE = { min: 12, max: 160 } as const
/** Line box height per font size: the text's top-to-bottom including CJK ascent/descent. */
export const LINE_HEIGHT = 1.4

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i
const finite = (...ns: number[]) => ns.every((n) => Number.isFinite(n))

interface Rect { left: number; top: number; right: number; bottom: number }
const boxRect = (b: PosterBox): Rect => ({ left: b.x, top: b.y, right: b.x + b.size, bottom: b.y + b.size })
const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
const inside = (r: Rect, w: number, h: number) => r.left >= 0 && r.top >= 0 && r.right <= w && r.bottom <= h

/** The widest a text line may be drawn from its anchor without leaving the poster. */
export function textMaxWidth(slot: PosterTextSlot, posterWidth: number, margin = 16): number {
  const room = slot.align === 'center' ? 2 * Math.min(slot.x, posterWidth - slot.x) - 2 * margin
    : slot.align === 'right' ? slot.x - margin : posterWidth - slot.x - margin
  return Math.max(0, Math.min(slot.maxWidth ?? Infinity, room))
}

/** The rectangle a text line may occupy (its full allowed width), for overlap checks. */
export function textRect(slot: PosterTextSlot, posterWidth: number): Rect {
  const w = textMaxWidth(slot, posterWidth, 0)
  const left = slot.align === 'center' ? slot.x - w / 2 : slot.align === 'right' ? slot.x - w : slot.x
  return { left, top: slot.y, right: left + w, bottom: slot.y + slot.fontSize * LINE_HEIGHT }
}

/** Every problem with a layout; empty means it renders as configured. */
export function checkPosterLayout(layout: PosterLayout): PosterLayoutProblem[] {
  const problems: PosterLayoutProblem[] = []
  const { width: w, height: h } = layout
  if (!Number.isInteger(w) || !Number.isInteger(h)) return [{ field: 'size', problem: 'invalid' }]
  if (w < POSTER_SIDE.min || h < POSTER_SIDE.min) return [{ field: 'size', problem: 'too_small' }]
  if (w > POSTER_SIDE.max || h > POSTER_SIDE.max) return [{ field: 'size', problem: 'too_large' }]

  const qr = layout.qr
  if (!finite(qr.x, qr.y, qr.size)) problems.push({ field: 'qr', problem: 'invalid' })
  else if (qr.size < QR_MIN_SIZE) problems.push({ field: 'qr', problem: 'too_small' })
  else if (!inside(boxRect(qr), w, h)) problems.push({ field: 'qr', problem: 'outside_poster' })

  const avatar = layout.avatar
  if (avatar) {
    if (!finite(avatar.x, avatar.y, avatar.size)) problems.push({ field: 'avatar', problem: 'invalid' })
    else if (avatar.size < AVATAR_MIN_SIZE) problems.push({ field: 'avatar', problem: 'too_small' })
    else if (!inside(boxRect(avatar), w, h)) problems.push({ field: 'avatar', problem: 'outside_poster' })
    else if (overlaps(boxRect(avatar), boxRect(qr))) problems.push({ field: 'avatar', problem: 'covers_qr' })
  }

  const name = layout.name
  if (name) {
    if (!finite(name.x, name.y, name.fontSize, name.maxWidth ?? 0) || (name.color !== undefined && !COLOR.test(name.color))) problems.push({ field: 'name', problem: 'invalid' })
    else if (name.fontSize < FONT_SIZE.min) problems.push({ field: 'name', problem: 'too_small' })
    else if (name.fontSize > FONT_SIZE.max) problems.push({ field: 'name', problem: 'too_large' })
    else if (name.x < 0 || name.x > w || name.y < 0 || name.y + name.fontSize * LINE_HEIGHT > h) problems.push({ field: 'name', problem: 'outside_poster' })
    else if (textMaxWidth(name, w) < name.fontSize) problems.push({ field: 'name', problem: 'too_small' })   // not even one character fits
    else if (overlaps(textRect(name, w), boxRect(qr))) problems.push({ field: 'name', problem: 'covers_qr' })
  }
  return problems
}
