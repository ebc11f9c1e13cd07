import type { Call } from './call'

/**
 * Customer transfers (CONTRACT §6): 在职继承 (on-job, doc 96325) and 离职继承 (resigned, doc 96331).
 * These methods are spread into the `externalContact` family; field names follow the package's case rules
 * (`handover_userid` ↔ `handoverUserId`, `external_userid` ↔ `externalUserId`).
 */

/** Request of {@link TransferApi.transferCustomer} (on-job). */
export interface TransferCustomerRequest {
  handoverUserId: string
  takeoverUserId: string
  /** At most 100 per call (more → 40058). */
  externalUserId: string[]
  /** Shown to the customer, at most 200 characters; WeCom's default text when empty. */
  transferSuccessMsg?: string
}

/** Request of {@link TransferApi.resignedTransferCustomer}; the handover must have left (else 40097). */
export type ResignedTransferCustomerRequest = Omit<TransferCustomerRequest, 'transferSuccessMsg'>

/**
 * One customer of a transfer request. `errcode` 0 only means the transfer started: the customer has 24 h
 * (and can refuse), then it completes; read the outcome with transferResult. Non-zero examples: 84061 not a
 * customer of the handover, 40100 already in transfer, 40099 takeover at its customer limit.
 */
export interface TransferCustomerItem {
  externalUserId: string
  errcode: number
}

/** Reply of {@link TransferApi.transferCustomer} and {@link TransferApi.resignedTransferCustomer}. */
export interface TransferCustomerReply {
  customer: TransferCustomerItem[]
}

/** Request of {@link TransferApi.transferResult} and {@link TransferApi.resignedTransferResult}. */
export interface TransferResultRequest {
  handoverUserId: string
  takeoverUserId: string
  cursor?: string
}

/** transfer_result status: 1 done, 2 waiting, 3 customer refused, 4 takeover at its customer limit, 5 no record. */
export type TransferStatus = 1 | 2 | 3 | 4 | 5

/** One customer of a transfer result. */
export interface TransferResultItem {
  externalUserId: string
  status: TransferStatus
  /** Unix seconds of the takeover; while waiting, the time it will complete automatically. */
  takeoverTime?: number
}

/** Reply of {@link TransferApi.transferResult} and {@link TransferApi.resignedTransferResult}; at most 1000 a page. */
export interface TransferResultReply {
  customer: TransferResultItem[]
  nextCursor?: string
}

/** Request of {@link TransferApi.getUnassignedList}. */
export interface GetUnassignedListRequest {
  cursor?: string
  /** At most 1000 (the default). */
  pageSize?: number
}

/** A customer of a member who left and was not assigned to anyone yet. */
export interface UnassignedCustomer {
  handoverUserId: string
  externalUserId: string
  /** Unix seconds when the member left. */
  dimissionTime: number
}

/** Reply of {@link TransferApi.getUnassignedList}. */
export interface GetUnassignedListReply {
  info: UnassignedCustomer[]
  isLast: boolean
  nextCursor?: string
}

/** The transfer methods of the `externalContact` family; see {@link transferApi}. */
export type TransferApi = ReturnType<typeof transferApi>

const customers = async (call: Call, api: string, body: object): Promise<TransferCustomerReply> =>
  ({ customer: (await call<Partial<TransferCustomerReply>>(api, { body })).customer ?? [] })

const results = async (call: Call, api: string, request: TransferResultRequest): Promise<TransferResultReply> => {
  const reply = await call<Partial<TransferResultReply>>(api, { body: { ...request, cursor: request.cursor || undefined } })
  return { customer: reply.customer ?? [], nextCursor: reply.nextCursor || undefined }
}

/** 在职继承 and 离职继承 (CONTRACT §6); spread into `externalContact`. */
export const transferApi = (call: Call) => ({
  /**
   * Starts handing up to 100 customers of an on-job member to another member. Each customer has 24 h to refuse
   * (then a `transfer_fail` event); afterwards the takeover gets the relation and the handover's is removed
   * (`del_external_contact` with Source `DELETE_BY_TRANSFER`). At most 2 transfers per customer in 90 days. Doc 96325.
   */
  transferCustomer: (request: TransferCustomerRequest): Promise<TransferCustomerReply> =>
    customers(call, 'externalcontact/transfer_customer', request),

  /** Outcome of on-job transfers from one member to another, per customer. Doc 96325. */
  transferResult: (request: TransferResultRequest): Promise<TransferResultReply> =>
    results(call, 'externalcontact/transfer_result', request),

  /** Customers of members who left and were not reassigned yet; page with `nextCursor` until `isLast`. CONTRACT §6. */
  getUnassignedList: async (request: GetUnassignedListRequest = {}): Promise<GetUnassignedListReply> => {
    const body = { ...request, cursor: request.cursor || undefined }
    const reply = await call<Partial<GetUnassignedListReply>>('externalcontact/get_unassigned_list', { body })
    return { info: reply.info ?? [], isLast: reply.isLast ?? true, nextCursor: reply.nextCursor || undefined }
  },

  /** Starts handing up to 100 customers of a member who left (else 40097) to another member; 24 h later it completes. Doc 96331. */
  resignedTransferCustomer: (request: ResignedTransferCustomerRequest): Promise<TransferCustomerReply> =>
    customers(call, 'externalcontact/resigned/transfer_customer', request),

  /** Outcome of resigned transfers from one member to another, per customer. Doc 96331. */
  resignedTransferResult: (request: TransferResultRequest): Promise<TransferResultReply> =>
    results(call, 'externalcontact/resigned/transfer_result', request),
})
