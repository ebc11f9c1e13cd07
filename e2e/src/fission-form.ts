import type { Page } from 'playwright-core'

/** A day relative to today at 10:00, as the period picker takes it typed. */
const day = (offset: number) => {
  const d = new Date(Date.now() + offset * 86_400_000)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} 10:00`
}

/** From the activity list: a new activity's first step (name, a period from yesterday to ten days on), then on to the poster. */
export async function startFissionDraft(page: Page, name: string) {
  await page.getByTestId('fission-create').click()
  await page.getByTestId('fission-name').fill(name)
  await page.locator('#fission_period').click()
  await page.keyboard.type(day(-1))
  await page.keyboard.press('Enter')
  await page.keyboard.type(day(10))
  await page.keyboard.press('Enter')
  await page.getByTestId('fission-next').click()
}
