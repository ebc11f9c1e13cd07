import { defineErrors } from '../../../http/errors'

export const transferError = defineErrors({
  'customers.transfer.same_employee': { status: 422, message: { zh: '交接人与接替人不能是同一人', en: 'Handover and takeover must be different employees' } },
  'customers.transfer.takeover_inactive': { status: 422, message: { zh: '接替员工未激活或已离职', en: 'The takeover employee is not active' } },
  'customers.transfer.handover_not_active': { status: 422, message: { zh: '在职继承的交接员工必须在职', en: 'On-job transfer needs an active handover employee' } },
  'customers.transfer.handover_not_left': { status: 422, message: { zh: '离职继承的交接员工必须已离职', en: 'Resigned transfer needs a handover employee who has left' } },
})

/** Why one customer of a bulk transfer was not started (per-item, the rest go ahead). */
export const ITEM_REASONS = {
  not_customer_of_handover: { zh: '不是交接员工的客户或不在您的可见范围内', en: 'Not a customer of the handover employee in your scope' },
  transfer_limit: { zh: '90 天内已转接 2 次', en: 'Already transferred twice in 90 days' },
  wecom_refused: { zh: '企业微信拒绝了转接', en: 'WeCom refused the transfer' },
} as const
export type ItemReason = keyof typeof ITEM_REASONS
