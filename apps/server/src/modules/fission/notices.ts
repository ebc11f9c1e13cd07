import type { Database } from '../../db/database'
import { systemActor } from '../../http/actor'
import { groupBy } from '../../shared/group-by'
import type { WeComPort } from '../../wecom/port'
import type { CustomersService } from '../customers'
import type { OrgService } from '../org'
import * as repo from './repo'

/** WeCom's markdown content limit is 2,048 UTF-8 bytes (CONTRACT-MORE §12.1); the tail line needs room. */
const MARKDOWN_BYTES = 2048
const TAIL_RESERVE = 160
/** Completions one digest covers at most; the rest wait for the next run (the minute tick starts one). */
const PER_DIGEST = 5_000

type Due = Awaited<ReturnType<typeof repo.lockUnnotifiedOf>>[number]

const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

/**
 * One digest: completions grouped by activity, one line each ("contact them to redeem", or out of stock),
 * as many as the message holds; the rest are counted and the employee is sent to 我的裂变 for them.
 */
export function digestMarkdown(due: (Due & { customerName: string })[]) {
  const lines: string[] = []
  let size = 0, shown = 0
  for (const [activityName, rows] of groupBy(due, (d) => d.activityName)) {
    const heading = `**裂变活动「${activityName}」**`
    for (const [i, c] of rows.entries()) {
      const prize = c.status === 'out_of_stock'
        ? `奖品「${c.prizeName}」已无库存，请联系客户说明并致谢。`
        : `请联系客户兑换奖品「${c.prizeName}」，兑换码 **${c.redemptionCode}**。`
      const line = `${i === 0 ? `${heading}\n` : ''}客户 ${c.customerName} 已完成第 ${c.level} 级（${c.threshold} 人助力）。${prize}`
      if (size + bytes(line) + 1 > MARKDOWN_BYTES - TAIL_RESERVE) break
      lines.push(line)
      size += bytes(line) + 1
      shown++
    }
  }
  if (shown < due.length) lines.push(`另有 ${due.length - shown} 位客户完成，详见工作台「我的裂变」。`)
  return lines.join('\n')
}

/**
 * "Contact them to redeem": completions reach their employee as digests, one app message per employee per run.
 * WeCom delivers at most 30 app messages a minute to one member and silently drops the rest (CONTRACT-MORE
 * §12.5): a poster's burst completes hundreds of tiers for one employee within seconds, and one message each
 * would lose most of them. Runs are debounced (one per slot, see the job), so an employee gets a few a minute.
 * Each employee's digest is its own transaction: the completions are locked (a concurrent run skips them),
 * the message is sent, then they are marked — a crash in between sends that digest again, never loses it.
 */
export function createCompletionNotices(deps: { db: Database; wecom: WeComPort; org: OrgService; customers: CustomersService }) {
  async function sendDue() {
    for (const { corpId, employeeId } of await repo.employeesToNotify(deps.db)) {
      await deps.db.transaction().execute(async (tx) => {
        const due = await repo.lockUnnotifiedOf(tx, corpId, employeeId, PER_DIGEST)
        if (due.length === 0) return                                  // a concurrent run took them
        // Nobody to tell (no employee, or they left): marked all the same.
        const [employee] = employeeId ? await deps.org.findEmployeesByIds(tx, corpId, [employeeId]) : []
        if (employee) {
          const names = new Map((await deps.customers.cardsInScope(systemActor(corpId), due.map((d) => d.customerId))).map((c) => [c.id, c.name]))
          await deps.wecom.sendAppMessage({ touser: [employee.wecomUserId], markdown: digestMarkdown(due.map((d) => ({ ...d, customerName: names.get(d.customerId) ?? '' }))) })
        }
        await repo.markNotified(tx, due.map((d) => d.id))
      })
    }
  }
  return { sendDue }
}
