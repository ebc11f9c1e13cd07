import { GlobalFonts } from '@napi-rs/canvas'
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * Posters carry Chinese names, so the CJK font ships with `npm install` (Noto Sans SC, variable weight) instead of
 * relying on the host's fonts. fontsource splits it into ~100 WOFF2 files by Unicode range; skia loads WOFF2 and
 * picks, per character, the file of this family that has the glyph.
 */
export const POSTER_FONT = 'Pond Sans SC'

export const posterFontFiles = (): string[] => {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@fontsource-variable/noto-sans-sc/package.json')), 'files')
  return readdirSync(dir).filter((f) => f.endsWith('.woff2')).map((f) => join(dir, f))
}

let registered = false

/** Registers the font once per process (skia keeps it; about 5 MB compressed). Returns the family name to use. */
export function ensurePosterFont(): string {
  if (registered) return POSTER_FONT
  const files = posterFontFiles()
  const loaded = files.filter((f) => GlobalFonts.registerFromPath(f, POSTER_FONT) !== null).length
  if (loaded === 0) throw new Error(`poster font: none of ${files.length} font files loaded`)
  registered = true
  return POSTER_FONT
}
