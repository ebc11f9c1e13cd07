import type { TransferResult, TransferStatus } from '../../../api/types'
import type { MessageKey } from '../../../i18n/zh-CN'

/** WeCom's transfer_customer takes at most 100 customers a call (the server chunks); one request at most this many. */
export const TRANSFER_MAX = 1000
/** transfer_success_msg is at most 200 characters. */
export const MESSAGE_MAX = 200

export const TRANSFER_STATUSES: TransferStatus[] = ['waiting', 'done', 'refused', 'takeover_full', 'failed']

export const TRANSFER_STATUS_BADGE: Record<TransferStatus, 'processing' | 'success' | 'warning' | 'error' | 'default'> = {
  waiting: 'processing',
  done: 'success',
  refused: 'warning',
  takeover_full: 'error',
  failed: 'error',
}

type Reason = NonNullable<TransferResult['reason']>

/** Why one customer was not started (the server answers with the code; the words are the console's). */
export const REASON_LABEL: Record<Reason, MessageKey> = {
  not_customer_of_handover: 'transfers.reason.not_customer_of_handover',
  transfer_limit: 'transfers.reason.transfer_limit',
  wecom_refused: 'transfers.reason.wecom_refused',
}
