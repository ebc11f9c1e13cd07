import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSuite } from './server'

const SHOTS = process.env.FISSION_EMPLOYEE_SHOTS ?? '/tmp/shots/fission-employee'
const EMPLOYEE_PASSWORD = 'e2e-employee-password'
const SCRIPT = '您好，邀请好友扫码添加客户经理，就能领新年台历～'

const suite = browserSuite('pond_e2e_fission_employee', SHOTS)

/** The operator's and the customer's sides, through the API (the console pages for them are tested elsewhere). */
async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = { cookie: suite.cookie }): Promise<T> {
  const res = await fetch(suite.pond.url + path, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<T>
}
const shot = async (page: Page, name: string) => { await page.waitForTimeout(400); await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }) }

describe('我的裂变 in a real browser', () => {
  it('an employee sees their activity and rank, copies the script with a customer\'s link, and marks a claimed prize fulfilled', async () => {
    // An account manager of the demo bank, with a console login.
    const { items: [customer] } = await call<{ items: { id: string }[] }>('GET', '/api/customers?limit=1')
    const detail = await call<{ follows: { employeeId: string; status: string }[] }>('GET', `/api/customers/${customer!.id}`)
    const employeeId = detail.follows.find((f) => f.status === 'active')!.employeeId
    await call('POST', '/api/users', { username: 'e2e-am', displayName: '客户经理', password: EMPLOYEE_PASSWORD, role: 'employee', employeeId })
    const { items: staff } = await call<{ items: { id: string }[] }>('GET', '/api/org/employees?limit=5&status=1')
    const segment = await call<{ id: string }>('POST', '/api/segments', { name: '全部客户', filters: {} })
    await call('POST', `/api/segments/${segment.id}/materialize`)
    const hour = 3600_000
    const activity = await call<{ id: string }>('POST', '/api/fission/activities', {
      name: '邀好友 领新年台历', startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 72 * hour).toISOString(),
      scripts: { employee: SCRIPT, customer: '帮我扫一下码吧' },
      tiers: [{ level: 1, threshold: 1, prizeName: '新年台历', stock: 100 }],
      helperEmployeeIds: [staff.find((s) => s.id !== employeeId)!.id], welcome: { counted: '感谢助力！', refused: { default: '本次助力未成功' } },
      participants: { employeeIds: [employeeId] }, recommendedSegmentId: segment.id,
    })
    await call('POST', `/api/fission/activities/${activity.id}/schedule`)
    // The customer joins, a friend helps (a sandbox scan of their personal way) and they claim the prize with an address.
    const joined = await call<{ configId: string }>('POST', `/api/fission/activities/${activity.id}/participants`, { customerId: customer!.id })
    await call('POST', `/api/sandbox/contact-ways/${joined.configId}/scan`, { customerName: '韩梅梅' })
    const { url } = await call<{ url: string }>('POST', `/api/fission/activities/${activity.id}/links`, { customerId: customer!.id })
    const h5 = `/h5/api/fission/${activity.id}`
    const token = `?t=${encodeURIComponent(new URL(url).searchParams.get('t')!)}`
    let completionId: string | undefined
    await expect.poll(async () => (completionId = (await call<{ me: { completions: { id: string }[] } }>('GET', `${h5}/progress${token}`, undefined, {})).me.completions[0]?.id), { timeout: 20_000 }).toBeTruthy()
    await call('POST', `${h5}/redemptions${token}`, { completionId, address: { name: '李雷', phone: '13800000000', address: '上海市浦东新区世纪大道 1 号' } }, {})

    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.pond.url })
    const page = await context.newPage()
    await suite.signIn(page, { username: 'e2e-am', password: EMPLOYEE_PASSWORD })
    await page.getByTestId('nav-menu').getByText('我的裂变').click()
    const card = page.getByTestId(`fission-mine-${activity.id}`)
    await expect.poll(() => card.textContent()).toContain('邀好友 领新年台历')
    expect(await card.textContent()).toContain(SCRIPT)
    expect(await card.textContent()).toContain('1 / ')                      // ranked first: the only one with an initiator
    const copy = page.getByTestId(`fission-copy-link-${customer!.id}`)
    await copy.waitFor()
    await shot(page, 'mine-zh-CN')
    await copy.click()
    await expect.poll(() => page.getByText('已复制').first().isVisible()).toBe(true)
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied.split('\n')[0]).toBe(SCRIPT)
    expect(copied).toContain(`/h5/fission/${activity.id}?t=`)

    await card.getByRole('tab', { name: /奖品发放/ }).click()
    await expect.poll(() => card.getByTestId('fission-prizes').textContent()).toContain('上海市浦东新区世纪大道 1 号')
    await card.getByTestId(`fission-fulfil-${completionId}`).click()
    await page.getByTestId('fission-fulfil-note').fill('网点现场领取')
    await shot(page, 'fulfil-modal-zh-CN')
    await page.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定|OK/ }).click()
    await expect.poll(() => page.getByText('已标记为发放').first().isVisible()).toBe(true)
    await card.getByTestId('fission-prizes-filter').getByText('已发放').click()
    await expect.poll(() => card.getByTestId('fission-prizes').textContent()).toContain('网点现场领取')
    await shot(page, 'fulfilled-zh-CN')
    expect((await call<{ me: { completions: { status: string }[] } }>('GET', `${h5}/progress${token}`, undefined, {})).me.completions[0]!.status).toBe('fulfilled')
    // The customer's page says so.
    const phone = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' })
    await phone.goto(suite.pond.url + new URL(url).pathname + new URL(url).search)
    await expect.poll(() => phone.getByTestId('h5-reward-1').textContent()).toContain('已发放')
    await shot(phone, 'h5-fulfilled')
    await phone.close()

    await page.evaluate(() => localStorage.setItem('pond.locale', 'en'))
    await page.reload()
    await expect.poll(() => page.getByTestId(`fission-mine-${activity.id}`).textContent()).toContain('Copy script + link')
    await shot(page, 'mine-en')
    await context.close()

    // The admin, without an employee, is told what the page is for; the activity's 奖品发放 tab lists the claim.
    const admin = await suite.adminPage()
    await admin.goto(suite.pond.url + '/fission/mine')
    await admin.getByTestId('fission-mine-no-employee').waitFor()
    await shot(admin, 'mine-admin-zh-CN')
    await admin.goto(`${suite.pond.url}/fission/${activity.id}`)
    await admin.getByRole('tab', { name: '奖品发放' }).click()
    await admin.getByTestId('fission-prizes-filter').getByText('全部').click()
    await expect.poll(() => admin.getByTestId('fission-prizes').textContent()).toContain('李雷')
    await shot(admin, 'detail-prizes-zh-CN')
    await admin.close()
  }, 180_000)
})
