import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSuite } from './server'

const SHOTS = process.env.H5_SHOTS ?? '/tmp/shots/h5'

const suite = browserSuite('pond_e2e_h5', SHOTS)
const { api: consoleApi } = suite

const shot = async (page: Page, name: string, fullPage = false) => { await page.waitForTimeout(400); await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage }) }

describe('fission H5 page on a phone', () => {
  it('opens by the signed link, joins, and shows a friend\'s help without a reload', async () => {
    const { items: staff } = await consoleApi<{ items: { id: string }[] }>('GET', '/api/org/employees?limit=5&status=1')
    const hour = 3600_000
    const activity = await consoleApi<{ id: string }>('POST', '/api/fission/activities', {
      name: '邀好友 领新年台历', startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 72 * hour).toISOString(),
      rules: '1. 活动期间邀请好友扫描你的专属海报并添加客户经理，即为助力成功。\n2. 每位好友仅可助力一次，已是本行客户的好友助力不计入。\n3. 达到人数即可领取对应奖品，数量有限，先到先得。',
      scripts: { employee: '', customer: '帮我扫一下码，添加客户经理就能帮我领新年台历啦～' },
      tiers: [{ level: 1, threshold: 1, prizeName: '新年台历', stock: 100 }, { level: 2, threshold: 3, prizeName: '定制保温杯', stock: 20 }],
      helperEmployeeIds: [staff[0]!.id], welcome: { counted: '感谢助力！', refused: { default: '本次助力未成功' } },
    })
    await consoleApi('POST', `/api/fission/activities/${activity.id}/schedule`)
    const { items: customers } = await consoleApi<{ items: { id: string }[] }>('GET', '/api/customers?limit=1')
    const { url } = await consoleApi<{ url: string }>('POST', `/api/fission/activities/${activity.id}/links`, { customerId: customers[0]!.id })
    const link = new URL(url)

    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
    await page.goto(suite.pond.url + link.pathname + link.search)
    await page.getByTestId('h5-join').waitFor()
    await shot(page, '1-before-join')
    await page.getByTestId('h5-join').click()
    await expect.poll(() => page.getByTestId('h5-help-count').textContent(), { timeout: 20_000 }).toContain('0')
    expect(await page.getByTestId('h5-progress-text').textContent()).toContain('已有 0 位好友助力，还差 1 位')
    await page.locator('img.h5-poster').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 ? undefined : new Promise((r) => { img.onload = r }))
    await shot(page, '2-joined')
    await shot(page, '2-joined-full', true)

    // A friend scans the initiator's personal contact way in the sandbox; the open page polls and updates.
    const { items: [me] } = await consoleApi<{ items: { configId: string; qrCodeUrl: string }[] }>('GET', `/api/fission/activities/${activity.id}/participants`)
    const scan = await fetch(`${new URL(me!.qrCodeUrl).origin}/sim/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ configId: me!.configId, customer: { name: '韩梅梅' } }) })
    expect(scan.status).toBe(201)
    await expect.poll(() => page.getByTestId('h5-progress-text').textContent(), { timeout: 30_000 }).toContain('已有 1 位好友助力，还差 2 位')
    expect(await page.getByTestId('h5-helpers').textContent()).toContain('韩**')
    await page.getByTestId('h5-reward-1').waitFor()
    await shot(page, '3-helped')
    await shot(page, '3-helped-full', true)
    await page.getByTestId('h5-reward-1').scrollIntoViewIfNeeded()
    await shot(page, '4-reward')

    // Ended early: nobody can help any more, the reward can still be claimed.
    await consoleApi('POST', `/api/fission/activities/${activity.id}/end`)
    await expect.poll(() => page.getByTestId('h5-status').textContent(), { timeout: 20_000 }).toBe('已结束')
    expect(await page.locator('img.h5-poster').count()).toBe(0)
    expect(await page.getByTestId('h5-progress-text').textContent()).toContain('活动已结束，共有 1 位好友为你助力')
    await shot(page, '5-ended-full', true)
    const reward = page.getByTestId('h5-reward-1')
    await reward.getByRole('button', { name: '填写收货地址领取' }).click()
    await reward.getByLabel('收货人').fill('马瑶')
    await reward.getByLabel('手机号').fill('13800001234')
    await reward.getByLabel('详细地址').fill('上海市浦东新区世纪大道 100 号')
    await reward.getByRole('button', { name: '确认领取' }).click()
    await reward.getByText('已兑换').waitFor()
    await shot(page, '5-redeemed')

    // A tampered link is a friendly error page, not the console's login.
    await page.goto(`${suite.pond.url}${link.pathname}?t=${link.searchParams.get('t')!.slice(0, -3)}xyz`)
    await page.getByTestId('h5-error').waitFor()
    expect(await page.getByTestId('h5-error').textContent()).toContain('链接无效')
    expect(new URL(page.url()).pathname).toBe(link.pathname)
    await shot(page, '6-invalid-link')
  }, 180_000)
})
