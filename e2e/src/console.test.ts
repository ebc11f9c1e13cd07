import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, startTestPond, type RunningPond } from './server'

const SHOTS = resolve(import.meta.dirname, '..', 'screenshots')
const PASSWORD = 'e2e-admin-password'
let pond: RunningPond
let browser: Browser

beforeAll(async () => {
  pond = await startTestPond('pond_e2e', PASSWORD)
  browser = await launchChromium()
  await mkdir(SHOTS, { recursive: true })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await pond?.stop()
})

const shot = async (page: Page, name: string) => { await page.waitForTimeout(400); await page.screenshot({ path: join(SHOTS, `${name}.png`) }) }   // after antd's animations

describe('console in a real browser', () => {
  it('logs in, creates a live code, simulates a scan and sees the customer arrive', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    await page.goto(pond.url + '/login')
    await page.fill('#username', 'admin')
    await page.fill('#password', PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
    await page.getByTestId('dashboard-customers').waitFor()
    await shot(page, 'dashboard')

    await page.goto(pond.url + '/live-codes')
    await page.getByTestId('livecode-create').click()
    await page.locator('#liveCode_name').fill('E2E网点')
    await page.getByTestId('livecode-employee-picker').click()
    // The picker searches as it opens: wait for real options, then for the chosen employee to be listed.
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option')
    await option.first().waitFor()
    await page.waitForLoadState('networkidle')
    // On a loaded machine a click can land while the search re-renders the options and be lost: click
    // again only if nothing was added (a second click on an added employee would remove them).
    const added = page.getByText(/已添加 1 \//)
    for (let attempt = 0; attempt < 4 && !(await added.isVisible()); attempt++) {
      await option.first().click()
      await added.waitFor({ timeout: 8_000 }).catch(() => {})
    }
    await added.waitFor()
    await page.keyboard.press('Escape')
    await shot(page, 'live-code-form')
    await page.getByTestId('livecode-form-submit').click()
    const row = page.locator('tr', { hasText: 'E2E网点' })
    await row.waitFor()
    await shot(page, 'live-codes')

    await row.getByTestId('livecode-qr').click()
    await page.locator('.ant-modal img').waitFor()
    await shot(page, 'live-code-qr')
    await page.getByTestId('livecode-simulate-scan-name').fill('浏览器测试客户')
    await page.getByTestId('livecode-simulate-scan').click()
    await page.locator('.ant-message', { hasText: '浏览器测试客户' }).waitFor()
    await page.keyboard.press('Escape')

    await page.goto(pond.url + '/customers')
    const customerRow = page.getByTestId('customers-table').locator('tr', { hasText: '浏览器测试客户' })
    for (let i = 0; i < 20 && !(await customerRow.count()); i++) {
      await page.getByTestId('customers-refresh').click()
      await page.waitForTimeout(500)
    }
    await customerRow.first().waitFor({ state: 'visible' })
    expect(await customerRow.first().textContent()).toContain('E2E网点')
    await shot(page, 'customers')
    await customerRow.first().click()
    await page.locator('.ant-drawer', { hasText: '浏览器测试客户' }).waitFor()
    await shot(page, 'customer-profile')
  }, 120_000)
})
