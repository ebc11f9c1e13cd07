import type { CustomerFollow } from '../../api/types'
import type { MessageKey } from '../../i18n/zh-CN'

/** WeCom external contact gender: 0 unknown, 1 male, 2 female. */
export const GENDER: Record<number, MessageKey> = { 0: 'customers.gender.unknown', 1: 'customers.gender.male', 2: 'customers.gender.female' }

/** WeCom external contact type: 1 WeChat user, 2 WeCom user. */
export const CONTACT_TYPE: Record<number, MessageKey> = { 1: 'customers.type.wechat', 2: 'customers.type.wecom' }

/** WeCom follow_user.add_way codes (the common ones; others show the number). */
export const ADD_WAY: Record<number, MessageKey> = {
  0: 'customers.addWay.0',
  1: 'customers.addWay.1',
  2: 'customers.addWay.2',
  3: 'customers.addWay.3',
  4: 'customers.addWay.4',
  5: 'customers.addWay.5',
  6: 'customers.addWay.6',
  8: 'customers.addWay.8',
  201: 'customers.addWay.201',
  202: 'customers.addWay.202',
}

export const FOLLOW_STATUS: Record<CustomerFollow['status'], { label: MessageKey; color: string }> = {
  active: { label: 'customers.follow.active', color: 'green' },
  deleted_by_customer: { label: 'customers.follow.deletedByCustomer', color: 'red' },
  deleted_by_employee: { label: 'customers.follow.deletedByEmployee', color: 'orange' },
  transferred: { label: 'customers.follow.transferred', color: 'purple' },
}

