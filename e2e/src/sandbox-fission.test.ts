import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSuite } from './server'

const SHOTS = process.env.SANDBOX_SHOTS ?? '/tmp/shots/sandbox'

const suite = browserSuite('pond_e2e_sandbox', SHOTS)
const { api: consoleApi } = suite

async function openSandbox(locale: 'zh-CN' | 'en'): Promise<Page> {
  const page = await suite.adminPage(locale)
  await page.goto(suite.pond.url + '/sandbox')
  await page.getByTestId('sandbox-scan-card').waitFor()
  return page
}

/** Searches the QR list for the initiator and picks the option that names the activity. */
async function pickWay(page: Page, initiator: string, label: string) {
  await page.getByTestId('sandbox-way-select').click()
  await page.keyboard.type(initiator)
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label })
  await option.first().click()
}

const shot = async (page: Page, name: string) => {
  await page.getByTestId('sandbox-scan-card').scrollIntoViewIfNeeded()
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

describe('the sandbox console plays the whole fission story', () => {
  it('scans an initiator\'s personal QR as a new stranger: WeCom calls back, Pond counts the help, the initiator\'s page shows it', async () => {
    const { items: staff } = await consoleApi<{ items: { id: string }[] }>('GET', '/api/org/employees?limit=5&status=1')
    const hour = 3600_000
    const activity = await consoleApi<{ id: string }>('POST', '/api/fission/activities', {
      name: '邀好友 领新年台历', startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 72 * hour).toISOString(),
      rules: '邀请 2 位好友添加客户经理即可领取新年台历。', scripts: { employee: '', customer: '帮我扫一下码～' },
      tiers: [{ level: 1, threshold: 2, prizeName: '新年台历', stock: 100 }],
      helperEmployeeIds: [staff[0]!.id, staff[1]!.id], welcome: { counted: '感谢助力！', refused: { default: '本次助力未成功' } },
    })
    await consoleApi('POST', `/api/fission/activities/${activity.id}/schedule`)
    const { items: [initiator] } = await consoleApi<{ items: { id: string; name: string }[] }>('GET', '/api/customers?limit=1')
    const participant = await consoleApi<{ id: string; configId: string; helpCount: number }>('POST', `/api/fission/activities/${activity.id}/participants`, { customerId: initiator!.id })
    expect(participant.configId).toBeTruthy()

    const page = await openSandbox('zh-CN')
    const label = `裂变活动「邀好友 领新年台历」· 发起人 ${initiator!.name}`
    await pickWay(page, initiator!.name, label)
    expect(await page.getByTestId('sandbox-way-select').textContent()).toContain(label)
    expect(await page.getByTestId('sandbox-scan-who').locator('.ant-radio-button-wrapper-checked').textContent()).toBe('新建陌生客户')
    await page.getByTestId('sandbox-scan-name').fill('陌生人乙')
    await shot(page, 'sandbox-fission-zh')

    await page.getByTestId('sandbox-scan').click()
    const result = page.getByTestId('sandbox-scan-result')
    await result.waitFor()
    expect(await result.textContent()).toContain('「陌生人乙」已扫码添加员工')
    expect(await result.textContent()).toContain(`发起人 ${initiator!.name} 的活动页`)
    await expect.poll(async () => {
      const { items } = await consoleApi<{ items: { id: string; helpCount: number }[] }>('GET', `/api/fission/activities/${activity.id}/participants`)
      return items.find((p) => p.id === participant.id)?.helpCount
    }, { timeout: 30_000 }).toBe(1)
    const { items: helps } = await consoleApi<{ items: { status: string }[] }>('GET', `/api/fission/activities/${activity.id}/helps`)
    expect(helps.map((h) => h.status)).toEqual(['counted'])
    await shot(page, 'sandbox-fission-scanned-zh')
    await page.getByTestId('sandbox-customer-pane').getByText('感谢助力！').waitFor()        // the helper's welcome, on their phone
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: join(SHOTS, 'sandbox-fission-helper-phone-zh.png') })

    // The operator opens the initiator's own page from the result: it shows the help.
    const [h5] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('sandbox-open-h5').click()])
    await h5.waitForLoadState()
    await expect.poll(() => h5.getByTestId('h5-progress-text').textContent(), { timeout: 20_000 }).toContain('已有 1 位好友助力，还差 1 位')

    // The same person again, now an existing customer: the other helper employee adds them, and the help is refused.
    await page.getByTestId('sandbox-scan-who').getByText('已有模拟客户').click()
    await page.getByTestId('sandbox-scan-existing').click()
    await page.keyboard.type('陌生人乙')
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '陌生人乙' }).first().click()
    await shot(page, 'sandbox-fission-existing-zh')
    await page.getByTestId('sandbox-scan').click()
    await expect.poll(async () => (await consoleApi<{ items: { status: string }[] }>('GET', `/api/fission/activities/${activity.id}/helps`)).items.map((h) => h.status).sort(), { timeout: 30_000 })
      .toEqual(['counted', 'refused'])
    const { items: after } = await consoleApi<{ items: { id: string; helpCount: number }[] }>('GET', `/api/fission/activities/${activity.id}/participants`)
    expect(after.find((p) => p.id === participant.id)?.helpCount).toBe(1)

    // The helper's timeline tells both scans: counted, then refused as already helped. Their name arrives with the profile read.
    await page.goto(suite.pond.url + '/customers')
    const helperRow = page.getByTestId('customers-table').locator('tr', { hasText: '陌生人乙' })
    for (let i = 0; i < 20 && !(await helperRow.count()); i++) {
      await page.getByTestId('customers-refresh').click()
      await page.waitForTimeout(500)
    }
    await helperRow.first().click()
    const drawer = page.locator('.ant-drawer', { hasText: '陌生人乙' })
    await drawer.getByRole('tab', { name: '客户动态' }).click()
    const helped = drawer.locator('.ant-timeline-item', { hasText: '为裂变活动「邀好友 领新年台历」助力' })
    await expect.poll(() => helped.count(), { timeout: 20_000 }).toBe(2)
    expect(await helped.allTextContents()).toEqual([expect.stringContaining('已助力过'), expect.stringContaining('有效')])
    await page.screenshot({ path: join(SHOTS, 'sandbox-fission-helper-timeline-zh.png') })

    const en = await openSandbox('en')
    await pickWay(en, initiator!.name, `Referral campaign "邀好友 领新年台历" · initiator ${initiator!.name}`)
    await shot(en, 'sandbox-fission-en')
    // Every QR the sandbox knows is listed, each labelled by what it is: the demo bank's five live codes, its
    // running activity's twelve initiators and this initiator.
    const ways = await consoleApi<{ items: { kind: string }[] }>('GET', '/api/sandbox/contact-ways?limit=100')
    expect(ways.items.map((w) => w.kind).sort()).toEqual([...Array(13).fill('fission'), ...Array(5).fill('live_code')])
    await en.getByTestId('sandbox-way-select').click()
    const options = en.locator('.ant-select-dropdown:visible .ant-select-item-option')
    await expect.poll(async () => { const labels = await options.allTextContents(); return labels.length > 0 && labels.every((l) => /Live code "|Referral campaign "/.test(l)) }, { timeout: 15_000 }).toBe(true)
    await en.keyboard.type('网点海报')               // the list reloads after the search: polled
    await expect.poll(() => options.filter({ hasText: 'Live code "网点海报·北京分行"' }).count(), { timeout: 15_000 }).toBe(1)
    await shot(en, 'sandbox-ways-open-en')
  }, 180_000)
})
