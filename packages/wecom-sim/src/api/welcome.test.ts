import { afterEach, describe, expect, it } from 'vitest'
import { harness, seedSmallOrg } from '../testing/harness'
import type { Sim } from '../types'

const sims: Sim[] = []
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()))
})

async function setup() {
  const h = harness()
  sims.push(h.sim)
  seedSmallOrg(h.sim)
  const way = await h.call('externalcontact/add_contact_way', { type: 1, scene: 2, user: ['zhangsan'], state: 'welcome' })
  const scan = () => h.sim.world.scan({ configId: way.config_id as string })
  return { ...h, scan }
}

describe('send_welcome_msg window (CONTRACT §3.5)', () => {
  it('accepts a fresh code once: second use → 41051', async () => {
    const { call, scan, sim } = await setup()
    const { welcomeCode, externalUserId } = await scan()
    expect(await call('externalcontact/send_welcome_msg', { welcome_code: welcomeCode, text: { content: '您好，我是张三' } })).toMatchObject({ errcode: 0 })
    expect(await call('externalcontact/send_welcome_msg', { welcome_code: welcomeCode, text: { content: 'again' } })).toMatchObject({ errcode: 41051 })
    expect(sim.world.customerInbox(externalUserId)).toEqual([
      expect.objectContaining({ kind: 'welcome', userid: 'zhangsan', externalUserId, text: '您好，我是张三', attachments: [] }),
    ])
  })

  it('expires a code after welcomeCodeTtlSeconds by the clock → 41050', async () => {
    const { call, scan, clock } = await setup()
    const inTime = await scan()
    const late = await scan()
    clock.advance(20_000)
    expect(await call('externalcontact/send_welcome_msg', { welcome_code: inTime.welcomeCode, text: { content: 'hi' } })).toMatchObject({ errcode: 0 })
    clock.advance(1)
    expect(await call('externalcontact/send_welcome_msg', { welcome_code: late.welcomeCode, text: { content: 'hi' } })).toMatchObject({ errcode: 41050 })
  })

  it('rejects missing and unknown codes, oversize text and too many attachments', async () => {
    const { call, scan } = await setup()
    const { welcomeCode } = await scan()
    expect(await call('externalcontact/send_welcome_msg', { text: { content: 'x' } })).toMatchObject({ errcode: 41049 })
    expect(await call('externalcontact/send_welcome_msg', { welcome_code: 'nope', text: { content: 'x' } })).toMatchObject({ errcode: 41050 })
    expect(await call('externalcontact/send_welcome_msg', { welcome_code: welcomeCode, text: { content: '字'.repeat(1334) } })).toMatchObject({ errcode: 45002 })
    const link = { msgtype: 'link', link: { title: '开户礼', url: 'https://example.com/gift' } }
    const ten = Array.from({ length: 10 }, () => link)
    expect(await call('externalcontact/send_welcome_msg', { welcome_code: welcomeCode, attachments: ten })).toMatchObject({ errcode: 41064 })
    expect(await call('externalcontact/send_welcome_msg', { welcome_code: welcomeCode, attachments: [{ msgtype: 'voice', voice: {} }] })).toMatchObject({ errcode: 41065 })
    expect(await call('externalcontact/send_welcome_msg', { welcome_code: welcomeCode, attachments: [{ msgtype: 'image', image: { media_id: 'gone' } }] })).toMatchObject({ errcode: 40007 })
    // none of the failures consumed the code
    expect(await call('externalcontact/send_welcome_msg', { welcome_code: welcomeCode, attachments: Array.from({ length: 9 }, () => link) })).toMatchObject({ errcode: 0 })
  })

  it('records uploaded images so the sandbox can show them', async () => {
    const { sim, scan, token } = await setup()
    const { welcomeCode, externalUserId } = await scan()
    const base = await sim.listen()
    const access = await token()
    const form = new FormData()
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    form.append('media', new Blob([png], { type: 'image/png' }), '海报.png')
    const upload = await (await fetch(`${base}/cgi-bin/media/upload?access_token=${access}&type=image`, { method: 'POST', body: form })).json() as Record<string, string>
    expect(upload).toMatchObject({ errcode: 0, errmsg: '', type: 'image' })
    expect(upload.created_at).toMatch(/^\d+$/)
    const body = { welcome_code: welcomeCode, text: { content: '见海报' }, attachments: [{ msgtype: 'image', image: { media_id: upload.media_id } }] }
    const sent = await fetch(`${base}/cgi-bin/externalcontact/send_welcome_msg?access_token=${access}`, { method: 'POST', body: JSON.stringify(body) })
    expect(await sent.json()).toMatchObject({ errcode: 0 })
    const [message] = sim.world.customerInbox(externalUserId)
    const mediaUrl = message?.kind === 'welcome' ? message.attachments[0]?.mediaUrl : undefined
    expect(mediaUrl).toBe(`/sim/media/${upload.media_id}`)
    const served = await fetch(`${base}${mediaUrl}`)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png)
    const viaApi = await fetch(`${base}/cgi-bin/media/get?access_token=${access}&media_id=${upload.media_id}`)
    expect(viaApi.headers.get('content-disposition')).toContain("filename*=UTF-8''%E6%B5%B7%E6%8A%A5.png")
    expect(Buffer.from(await viaApi.arrayBuffer())).toEqual(png)
  })
})
