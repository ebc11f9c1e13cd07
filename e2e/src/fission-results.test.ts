import { createCanvas } from '@napi-rs/canvas'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startFissionDraft } from './fission-form'
import { browserSuite } from './server'

const SHOTS = process.env.FISSION_RESULTS_SHOTS ?? '/tmp/shots/fission-results'

const suite = browserSuite('pond_e2e_fission_results', SHOTS)

describe('fission results in a real browser', () => {
  it('uploads a poster background, prices the prize, and shows what a net new customer cost; the poster is drawn on the upload', async () => {
    const bg = join(SHOTS, 'background.png')
    const canvas = createCanvas(720, 1280); const ctx = canvas.getContext('2d')
    ctx.fillStyle = '#2f54eb'; ctx.fillRect(0, 0, 720, 1280)
    await writeFile(bg, await canvas.encode('png'))

    const page = await suite.adminPage()

    await page.goto(suite.pond.url + '/fission')
    await startFissionDraft(page, 'E2E 成本核算')

    // 上传背景图: the URL, the poster's size and the boxes follow the image.
    const chooser = page.waitForEvent('filechooser')
    await page.getByTestId('poster-upload').click()
    await (await chooser).setFiles(bg)
    await expect.poll(() => page.getByTestId('poster-background').inputValue()).toMatch(/^\/h5\/fission-assets\/backgrounds\/[0-9a-f]{64}\.png$/)
    await expect.poll(() => page.getByTestId('poster-problems').count()).toBe(0)
    await page.getByTestId('fission-next').click()

    const tier = page.getByTestId('fission-tier-0')
    await tier.locator('input').first().fill('1')
    await tier.getByPlaceholder('奖品名称').fill('帆布袋')
    await page.getByTestId('fission-tier-price-0').fill('12.5')
    await page.getByTestId('fission-helpers').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(1).click()
    await page.keyboard.press('Escape')
    await page.getByTestId('fission-welcome-counted').fill('谢谢助力')
    await page.getByTestId('fission-welcome-refused').fill('本次未计入')
    await page.getByTestId('fission-save').click()
    await page.waitForURL((u) => /^\/fission\/[0-9a-f-]{36}$/.test(u.pathname))
    const activityId = new URL(page.url()).pathname.split('/').pop()!
    await page.getByTestId('fission-schedule').click()
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click()
    await expect.poll(() => page.getByText('进行中').first().isVisible()).toBe(true)

    // A customer joins and one friend helps: the tier is reached, one prize at ¥12.50 for one net new customer.
    const api = async <T>(method: 'GET' | 'POST', path: string, data?: unknown) => {
      const res = await page.request.fetch(suite.pond.url + path, { method, data })
      expect(res.ok(), `${method} ${path}: ${await res.text()}`).toBe(true)
      return res.json() as Promise<T>
    }
    const { items: [customer] } = await api<{ items: { id: string }[] }>('GET', '/api/customers?limit=1')
    const joined = await api<{ configId: string }>('POST', `/api/fission/activities/${activityId}/participants`, { customerId: customer!.id })
    await api('POST', `/api/sandbox/contact-ways/${joined.configId}/scan`, { customerName: '韩梅梅' })
    await expect.poll(async () => (await api<{ prizeCost: number }>('GET', `/api/fission/activities/${activityId}/funnel`)).prizeCost, { timeout: 20_000 }).toBe(1250)
    await page.reload()
    await expect.poll(() => page.getByTestId('fission-cost').textContent()).toContain('¥12.50')
    await page.waitForTimeout(400)
    await page.screenshot({ path: join(SHOTS, 'overview-cost.png'), fullPage: true })

    const exported = await page.request.get(await page.getByTestId('fission-results-export').getAttribute('href').then((h) => suite.pond.url + h!))
    expect(exported.status()).toBe(200)
    expect(exported.headers()['content-type']).toContain('spreadsheetml')

    // The customer's poster is drawn on the uploaded background (read from Pond's disk).
    const { url } = await api<{ url: string }>('POST', `/api/fission/activities/${activityId}/links`, { customerId: customer!.id })
    const poster = await page.request.get(`${suite.pond.url}/h5/api/fission/${activityId}/poster.png?t=${encodeURIComponent(new URL(url).searchParams.get('t')!)}`)
    expect(poster.status()).toBe(200)
    expect(poster.headers()['content-type']).toBe('image/png')
  })
})
