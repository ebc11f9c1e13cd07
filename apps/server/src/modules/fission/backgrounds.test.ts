import { createCanvas, loadImage } from '@napi-rs/canvas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, testApp, type TestApp } from '../../testing/test-app'

let t: TestApp
let owner: { id: string; wecomUserId: string }
let helper: { id: string; wecomUserId: string }
let managerCookie: string
beforeAll(async () => {
  t = await testApp()
  ;[owner, helper] = (await t.app.org.listActiveEmployees(t.app.corp.id)).slice(0, 2)
  await t.app.org.createUser({ corpId: t.app.corp.id, username: 'bg-head', password: 'branch-head-pw', displayName: '支行负责人', role: 'department_manager', employeeId: owner.id })
  managerCookie = await t.login('bg-head', 'branch-head-pw')
})
afterAll(async () => { await t?.close() })

const base = '/api/fission/activities'

/** A real multipart request over HTTP, as the console's Upload sends it. */
async function upload(name: string, data: Buffer, opts: { type?: string; cookie?: string | null } = {}) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)], { type: opts.type ?? 'image/png' }), name)
  const headers: Record<string, string> = opts.cookie === null ? {} : { cookie: opts.cookie ?? t.adminCookie }
  const res = await fetch(`${t.baseUrl}/api/fission/poster-backgrounds`, { method: 'POST', body: form, headers })
  return { status: res.status, body: await res.json() as { url: string; width: number; height: number; error: { code: string } } }
}

const image = (w: number, h: number, color = '#11aa55', format: 'png' | 'jpeg' = 'png') => {
  const c = createCanvas(w, h); const ctx = c.getContext('2d')
  ctx.fillStyle = color; ctx.fillRect(0, 0, w, h)
  return format === 'png' ? c.encode('png') : c.encode('jpeg')
}

const hour = 3600_000
const activity = (backgroundUrl: string) => ({
  name: '上传背景测试', startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString(),
  tiers: [{ level: 1, threshold: 3, prizeName: '定制帆布袋', stock: 10 }], helperEmployeeIds: [helper.id],
  welcome: { counted: '助力成功', refused: { default: '助力未成功' } },
  poster: { backgroundUrl, width: 750, height: 1334, qr: { x: 225, y: 900, size: 300 } },
})

describe('fission poster backgrounds', () => {
  it('stores an uploaded PNG by its content, serves it immutably, and a poster made with it is drawn on it', async () => {
    const png = await image(600, 900)
    const up = await upload('背景.png', png)
    expect(up.status).toBe(201)
    expect(up.body).toMatchObject({ width: 600, height: 900 })
    expect(up.body.url).toMatch(/^\/h5\/fission-assets\/backgrounds\/[0-9a-f]{64}\.png$/)
    expect((await upload('again.png', png)).body.url).toBe(up.body.url)                // same bytes, same file

    // Public (customers' phones load posters without a console session), immutable.
    const served = await t.app.http.inject({ method: 'GET', url: up.body.url })
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('image/png')
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(Buffer.compare(served.rawPayload, png)).toBe(0)

    const created = await t.api('POST', base, activity(up.body.url))
    expect(created.statusCode).toBe(201)
    const a = created.json() as { id: string }
    expect((await t.api('POST', `${base}/${a.id}/schedule`)).json().status).toBe('running')
    const way = t.sim.world.addContactWay({ user: [owner.wecomUserId], state: 'bg-desk' })
    const scan = await t.sim.world.scan({ configId: way.configId })
    const c = await eventually(async () => (await t.api('GET', `/api/customers?q=${scan.externalUserId}`)).json().items[0] as { id: string } | undefined, 'customer stored')
    const link = await t.api('POST', `${base}/${a.id}/links`, { customerId: c.id })
    const token = new URL(link.json().url as string).searchParams.get('t')!
    const h5 = (path: string, method: 'GET' | 'POST' = 'GET') => t.app.http.inject({ method, url: `/h5/api/fission/${a.id}${path}?t=${encodeURIComponent(token)}` })
    expect((await h5('/join', 'POST')).statusCode).toBe(200)
    const poster = await h5('/poster.png')
    expect(poster.statusCode).toBe(200)
    // The background is read from disk (a relative URL has no host to fetch from): its colour fills the poster.
    const img = await loadImage(poster.rawPayload)
    const ctx = createCanvas(img.width, img.height).getContext('2d')
    ctx.drawImage(img, 0, 0)
    expect([img.width, img.height]).toEqual([750, 1334])
    expect(Array.from(ctx.getImageData(100, 400, 1, 1).data.slice(0, 3))).toEqual([0x11, 0xaa, 0x55])
  })

  it('takes a JPEG too, and answers the real pixel size', async () => {
    const up = await upload('photo.jpeg', await image(1200, 300, '#336699', 'jpeg'), { type: 'image/jpeg' })
    expect([up.status, up.body.width, up.body.height]).toEqual([201, 1200, 300])
    expect(up.body.url).toMatch(/\.jpg$/)
    expect((await t.app.http.inject({ method: 'GET', url: up.body.url })).headers['content-type']).toBe('image/jpeg')
  })

  it('refuses what is not a PNG or JPEG by its bytes, wrong sizes, big files and strangers, with stable codes', async () => {
    const text = await upload('notes.png', Buffer.from('not an image at all, just text renamed'), { type: 'image/png' })
    expect([text.status, text.body.error.code]).toEqual([415, 'fission.background.unsupported'])
    const cut = (await image(400, 400)).subarray(0, 60)                                   // a PNG header, no pixels
    expect((await upload('cut.png', cut)).body.error.code).toBe('fission.background.unsupported')
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(100)])
    expect((await upload('a.gif', gif, { type: 'image/gif' })).body.error.code).toBe('fission.background.unsupported')
    const small = await upload('small.png', await image(299, 800))
    expect([small.status, small.body.error.code]).toEqual([422, 'fission.background.bad_size'])
    expect((await upload('wide.png', await image(4097, 300))).body.error.code).toBe('fission.background.bad_size')
    // A header that declares a huge bitmap is refused before decoding.
    const bomb = Buffer.from(await image(400, 400)); bomb.writeUInt32BE(30000, 16); bomb.writeUInt32BE(30000, 20)
    expect((await upload('bomb.png', bomb)).body.error.code).toBe('fission.background.bad_size')
    const big = Buffer.concat([await image(400, 400), Buffer.alloc(5 * 1024 * 1024)])
    const tooBig = await upload('big.png', big)
    expect([tooBig.status, tooBig.body.error.code]).toEqual([413, 'fission.background.too_large'])
    const none = await t.api('POST', '/api/fission/poster-backgrounds', {})
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'fission.background.file_missing'])
    const anonymous = await upload('a.png', await image(400, 400), { cookie: null })
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'auth.required'])
    expect((await upload('a.png', await image(400, 400), { cookie: managerCookie })).status).toBe(403)   // fission.read only
  })

  it('serves nothing outside its folder, and a layout names only an upload or an http(s) URL', async () => {
    for (const url of ['/h5/fission-assets/backgrounds/..%2F..%2F..%2Fetc%2Fpasswd', '/h5/fission-assets/backgrounds/%2e%2e%2fpond-posters', `/h5/fission-assets/backgrounds/${'0'.repeat(64)}.png`]) {
      const res = await t.app.http.inject({ method: 'GET', url })
      expect({ url, status: res.statusCode }).toEqual({ url, status: url.endsWith('.png') ? 404 : 400 })
    }
    for (const backgroundUrl of ['/etc/passwd', '/h5/fission-assets/backgrounds/../../x.png', `/h5/fission-assets/backgrounds/${'a'.repeat(64)}.gif`, 'file:///etc/passwd', 'fission-assets/backgrounds/x.png']) {
      const res = await t.api('POST', base, activity(backgroundUrl))
      expect({ backgroundUrl, status: res.statusCode, code: res.json().error?.code }).toEqual({ backgroundUrl, status: 400, code: 'request.invalid' })
    }
    expect((await t.api('POST', base, activity('https://cdn.example.com/bg.png'))).statusCode).toBe(201)
  })
})
