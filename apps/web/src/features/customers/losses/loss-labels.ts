import type { AlertMode, LossKind } from '../../../api/types'

export const LOSS_KINDS: LossKind[] = ['deleted_by_customer', 'deleted_by_employee']

/** A customer leaving is the alarming case; an employee removing a customer is usually housekeeping. */
export const LOSS_KIND_COLOR: Record<LossKind, string> = {
  deleted_by_customer: 'volcano',
  deleted_by_employee: 'gold',
}

export const ALERT_MODES: AlertMode[] = ['off', 'per_event', 'daily_digest']

export const ALERT_MODE_BADGE: Record<AlertMode, 'default' | 'processing' | 'success'> = {
  off: 'default',
  per_event: 'processing',
  daily_digest: 'success',
}

/** Recipients per setting (server limit). */
export const RECIPIENTS_MAX = 50
