import { describe, expect, it } from 'vitest'
import { checkPosterLayout, type PosterLayout } from './layout'

const ok: PosterLayout = {
  width: 750, height: 1334,
  qr: { x: 255, y: 960, size: 240 },
  avatar: { x: 60, y: 60, size: 120 },
  name: { x: 200, y: 90, fontSize: 44, color: '#1f1f1f' },
}
const check = (over: Partial<PosterLayout>) => checkPosterLayout({ ...ok, ...over })

describe('checkPosterLayout', () => {
  it('accepts a layout where everything fits, with or without avatar and name', () => {
    expect(checkPosterLayout(ok)).toEqual([])
    expect(check({ avatar: undefined, name: undefined })).toEqual([])
    expect(check({ qr: { x: 510, y: 1094, size: 240 } })).toEqual([])                 // flush with the bottom-right corner
  })

  it('refuses a QR box outside the poster, on every side', () => {
    for (const qr of [{ x: -1, y: 960, size: 240 }, { x: 511, y: 960, size: 240 }, { x: 255, y: -5, size: 240 }, { x: 255, y: 1095, size: 240 }]) {
      expect(check({ qr, avatar: undefined, name: undefined })).toEqual([{ field: 'qr', problem: 'outside_poster' }])
    }
  })

  it('refuses a QR too small to scan, and non-numbers', () => {
    expect(check({ qr: { x: 10, y: 400, size: 119 } })).toEqual([{ field: 'qr', problem: 'too_small' }])
    expect(check({ qr: { x: Number.NaN, y: 400, size: 200 } })).toEqual([{ field: 'qr', problem: 'invalid' }])
  })

  it('refuses bad poster sizes before looking at the boxes', () => {
    expect(check({ width: 750.5 })).toEqual([{ field: 'size', problem: 'invalid' }])
    expect(check({ width: 100 })).toEqual([{ field: 'size', problem: 'too_small' }])
    expect(check({ height: 4000 })).toEqual([{ field: 'size', problem: 'too_large' }])
  })

  it('refuses an avatar outside the poster or over the QR', () => {
    expect(check({ avatar: { x: 700, y: 60, size: 120 } })).toEqual([{ field: 'avatar', problem: 'outside_poster' }])
    expect(check({ avatar: { x: 300, y: 900, size: 120 } })).toEqual([{ field: 'avatar', problem: 'covers_qr' }])
  })

  it('refuses a name that leaves the poster, covers the QR, has a bad colour or size', () => {
    const name = ok.name!
    expect(check({ name: { ...name, y: 1300 } })).toEqual([{ field: 'name', problem: 'outside_poster' }])
    expect(check({ name: { ...name, y: 1000 } })).toEqual([{ field: 'name', problem: 'covers_qr' }])
    expect(check({ name: { ...name, y: 1000, x: 20, maxWidth: 200 } })).toEqual([])      // beside the QR, kept narrow
    expect(check({ name: { ...name, color: 'red' } })).toEqual([{ field: 'name', problem: 'invalid' }])
    expect(check({ name: { ...name, fontSize: 8 } })).toEqual([{ field: 'name', problem: 'too_small' }])
    expect(check({ name: { ...name, fontSize: 200 } })).toEqual([{ field: 'name', problem: 'too_large' }])
    expect(check({ name: { ...name, x: 740 } })).toEqual([{ field: 'name', problem: 'too_small' }])   // no room for one character
  })

  it('reports every problem at once', () => {
    expect(check({ qr: { x: 300, y: 40, size: 240 }, avatar: { x: -10, y: 0, size: 50 } }).map((p) => p.field)).toEqual(['avatar', 'name'])
  })
})
