import { describe, expect, it } from 'vitest'
import { startFissionDraft } from './fission-form'
import { browserSuite } from './server'

const suite = browserSuite('pond_e2e_fission')

describe('fission console in a real browser', () => {
  it('creates an activity step by step, refuses a QR outside the poster, saves the draft and publishes it', async () => {
    const page = await suite.adminPage()

    await page.getByTestId('nav-menu').getByText('裂变活动').click()
    await startFissionDraft(page, 'E2E 邀请有礼')

    // The poster step: a QR moved off the poster is refused here, as the server would.
    await page.getByTestId('poster-background').fill('https://example.com/poster.png')
    await page.getByTestId('poster-qr-x').fill('700')
    await expect.poll(() => page.getByTestId('poster-problems').textContent()).toContain('二维码超出了海报范围')
    await page.getByTestId('fission-next').click()
    await expect.poll(() => page.getByTestId('poster-problems').isVisible()).toBe(true)   // still on the poster step
    await page.getByTestId('poster-qr-x').fill('500')
    await expect.poll(() => page.getByTestId('poster-problems').count()).toBe(0)
    await page.getByTestId('fission-next').click()

    await page.getByTestId('fission-tier-0').getByPlaceholder('奖品名称').fill('保温杯')
    await page.getByTestId('fission-helpers').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click()
    await page.keyboard.press('Escape')
    await page.getByTestId('fission-welcome-counted').fill('谢谢助力')
    await page.getByTestId('fission-welcome-refused').fill('本次未计入')
    await page.getByTestId('fission-save').click()

    await page.waitForURL((u) => /^\/fission\/[0-9a-f-]{36}$/.test(u.pathname))
    await expect.poll(() => page.getByText('草稿').first().isVisible()).toBe(true)
    await page.getByTestId('fission-schedule').click()
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click()
    // The start has passed, so publishing starts it at once.
    await expect.poll(() => page.getByText('进行中').first().isVisible()).toBe(true)
    await expect.poll(() => page.getByTestId('fission-tiers').textContent()).toContain('保温杯')
    await page.getByRole('tab', { name: '操作日志' }).click()
    await expect.poll(() => page.getByTestId('fission-audit').textContent()).toContain('发布')
  })
})
