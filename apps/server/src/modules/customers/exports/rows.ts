import type { Selectable } from 'kysely'
import type { Database } from '../../../db/database'
import type { CustomerTable } from '../../../db/types'
import { groupBy } from '../../../shared/group-by'
import type { OrgService } from '../../org'
import * as customersRepo from '../repo'
import type { Channel } from '../service'
import { maskBankCustomerNo, maskExternalUserId, maskName, maskPhone } from './mask'

export type CustomerRecord = Selectable<CustomerTable>
export type Lang = 'zh' | 'en'
/** A custom field shown as a column (values sit in customer.attributes under its id). */
export interface FieldColumn { id: string; name: string }
export interface RowContext { corpId: string; masked: boolean; fields: FieldColumn[]; lang: Lang }

const HEADER: Record<Lang, string[]> = {
  zh: ['客户ID', '客户名称', 'external_userid', '跟进员工', '标签', '渠道', '添加时间', '手机号', '银行客户号', '实名认证'],
  en: ['Customer ID', 'Name', 'external_userid', 'Followers', 'Tags', 'Channel', 'Added at', 'Phone', 'Bank customer no.', 'Verified'],
}
const YES_NO: Record<Lang, [string, string]> = { zh: ['是', '否'], en: ['yes', 'no'] }
const LIST_SEPARATOR = '、'
// sv-SE formats as 'YYYY-MM-DD HH:mm:ss': what Excel and people read as a local time.
const localTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' })

export const headerOf = (ctx: RowContext) => [...HEADER[ctx.lang], ...ctx.fields.map((f) => f.name)]

const fieldCell = (value: unknown) =>
  value === null || value === undefined ? '' : Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value)

/** A page of customers as export cells: followers, tags and channel by name; personal data masked unless allowed. */
export function createRowWriter(deps: { db: Database; org: Pick<OrgService, 'findEmployeesByIds'>; channels: { byIds(corpId: string, ids: string[]): Promise<Channel[]> } }) {
  const { db } = deps
  return async (ctx: RowContext, rows: CustomerRecord[]): Promise<string[][]> => {
    const ids = rows.map((r) => r.id)
    const [tags, follows, channels] = await Promise.all([
      customersRepo.tagsOfCustomers(db, ids), customersRepo.followsOfCustomers(db, ids),
      deps.channels.byIds(ctx.corpId, [...new Set(rows.flatMap((r) => r.channelLiveCodeId ? [r.channelLiveCodeId] : []))]),
    ])
    const active = follows.filter((f) => f.status === 'active')
    const names = new Map((await deps.org.findEmployeesByIds(db, ctx.corpId, [...new Set(active.map((f) => f.employeeId))])).map((e) => [e.id, e.name]))
    const tagsOf = groupBy(tags, (t) => t.customerId)
    const followsOf = groupBy(active, (f) => f.customerId)
    const channelOf = new Map(channels.map((c) => [c.liveCodeId, [c.channelGroup, c.name].filter(Boolean).join(' · ')]))
    const [yes, no] = YES_NO[ctx.lang]
    return rows.map((r) => [
      r.id,
      ctx.masked ? maskName(r.name) : r.name,
      ctx.masked ? maskExternalUserId(r.externalUserId) : r.externalUserId,
      (followsOf.get(r.id) ?? []).map((f) => names.get(f.employeeId) ?? '').join(LIST_SEPARATOR),
      (tagsOf.get(r.id) ?? []).map((t) => t.name).join(LIST_SEPARATOR),
      (r.channelLiveCodeId && channelOf.get(r.channelLiveCodeId)) || '',
      localTime.format(r.firstAddedAt),
      ctx.masked ? maskPhone(r.phone) : r.phone ?? '',
      ctx.masked ? maskBankCustomerNo(r.bankCustomerNo) : r.bankCustomerNo ?? '',
      r.verified ? yes : no,
      ...ctx.fields.map((f) => fieldCell(r.attributes[f.id])),
    ])
  }
}
