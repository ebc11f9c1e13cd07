// bench/poster: one customer's fission poster (750×1334, the WeChat share size) rendered to PNG on the server,
// against a baseline in the same run: the same poster with only the background and the QR (no avatar, no text),
// i.e. what the CJK text and the round avatar add. Also the first render (font registration) and memory over many renders.
import { createCanvas } from '@napi-rs/canvas'
import { renderPoster, type PosterInput } from '../../apps/server/src/modules/fission/poster'
import { fmt, medianMs, runConcurrent, saveResult } from './lib'

const RUNS = Number(process.env.BENCH_POSTER_RUNS ?? 40)
const MEMORY_RENDERS = Number(process.env.BENCH_POSTER_MEMORY ?? 300)

async function photo(w: number, h: number, format: 'jpeg' | 'png') {
  const c = createCanvas(w, h); const ctx = c.getContext('2d')
  const g = ctx.createRadialGradient(w / 2, h / 3, 10, w / 2, h / 2, Math.max(w, h))
  g.addColorStop(0, '#fff1e6'); g.addColorStop(1, '#d4380d')
  ctx.fillStyle = g; ctx.fillRect(0, 0, w, h)
  for (let i = 0; i < 400; i++) { ctx.fillStyle = `hsl(${i * 37 % 360} 70% 60% / 0.3)`; ctx.fillRect((i * 97) % w, (i * 57) % h, 40, 40) }   // detail, so encoding is not trivially cheap
  return format === 'jpeg' ? c.encode('jpeg', 85) : c.encode('png')
}

const background = await photo(1080, 1920, 'jpeg')    // operators upload phone-sized art
const avatar = await photo(132, 132, 'png')           // WeCom avatars are small
const layout = { width: 750, height: 1334, qr: { x: 255, y: 960, size: 240 } }
const base: PosterInput = { layout, background, title: '新春裂变活动', qr: { text: 'https://pond.example.com/f/7Hq2?t=WyJmaXNzaW9uLmpvaW4iLCIxMjM0NTY3IiwiNDIiLDE3OTg3NjE2MDBd.5f3cXlB0hJqO0Fh9QdG4cJ1nS9s8x7Wm2P6o4Kq3Rz0' }, avatar: null, name: '' }
const full: PosterInput = {
  ...base, avatar, name: '欧阳张三丰 · 理财达人',
  layout: { ...layout, avatar: { x: 60, y: 60, size: 120 }, name: { x: 200, y: 90, fontSize: 44, color: '#1f1f1f' } },
  lines: [{ text: '邀请 3 位好友添加客户经理，领取定制保温杯', x: 375, y: 1240, fontSize: 28, color: '#ffffff', align: 'center' }],
}

const t0 = performance.now()
await renderPoster(full)
const firstMs = performance.now() - t0                  // registers the font (about 100 WOFF2 files)

const baselineMs = await medianMs(RUNS, () => renderPoster(base))
const posterMs = await medianMs(RUNS, () => renderPoster(full))
const parallel = await runConcurrent(RUNS * 2, 4, async () => { await renderPoster(full) })   // PNG encoding runs off the JS thread
const pngBytes = (await renderPoster(full)).length

global.gc?.()
const rssBefore = process.memoryUsage().rss
let rssPeak = rssBefore
for (let i = 0; i < MEMORY_RENDERS; i++) {
  await renderPoster({ ...full, name: `客户${i}` })
  if (i % 10 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
}
global.gc?.()
const rssAfter = process.memoryUsage().rss
const MiB = (n: number) => n / 1024 / 1024

const result = {
  size: '750x1334', runs: RUNS, firstMs, baselineMs, posterMs, ratio: posterMs / baselineMs,
  parallel4PerSecond: parallel.perSecond, parallel4P99Ms: parallel.p99, pngKiB: pngBytes / 1024,
  memory: { renders: MEMORY_RENDERS, rssBeforeMiB: MiB(rssBefore), rssPeakMiB: MiB(rssPeak), rssAfterMiB: MiB(rssAfter) },
}
await saveResult('poster', result)
console.log(`poster 750x1334: first render (font registration) ${fmt(firstMs)} ms`)
console.log(`  baseline (background + QR):        ${fmt(baselineMs)} ms median of ${RUNS}`)
console.log(`  full poster (+ avatar, CJK text):  ${fmt(posterMs)} ms median (${fmt(result.ratio, 2)}× baseline), PNG ${fmt(result.pngKiB)} KiB`)
console.log(`  4 at a time: ${fmt(parallel.perSecond)} posters/s, p99 ${fmt(parallel.p99)} ms`)
console.log(`  RSS over ${MEMORY_RENDERS} renders: ${fmt(MiB(rssBefore))} → peak ${fmt(MiB(rssPeak))} → ${fmt(MiB(rssAfter))} MiB`)
