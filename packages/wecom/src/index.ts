export { backoffDelay, type Call, type CallOptions, type HttpFetch, type RetryOptions } from './call'
export { fromWire, toWire, tsKeyToWire, wireKeyToTs } from './case'
export { createWeComClient, type WeComClient, type WeComClientOptions } from './client'
export {
  contactWayApi,
  type AddContactWayRequest,
  type ContactWay,
  type ContactWayApi,
  type ContactWayConclusions,
  type ContactWayEditable,
  type ListContactWayReply,
  type ListContactWayRequest,
  type UpdateContactWayRequest,
} from './contact-way'
export {
  callbackSignature,
  CallbackCryptoError,
  createCallbackCrypto,
  MAX_CALLBACK_BODY_BYTES,
  readEnvelopeEncrypt,
  type CallbackCrypto,
  type CallbackCryptoConfig,
  type CallbackCryptoErrorCode,
  type CallbackQuery,
} from './crypto'
export {
  isRetryableErrcode,
  isTokenError,
  WECOM_ERROR_NAMES,
  WeComError,
  wecomErrorName,
  type WeComErrorName,
} from './errors'
export type * from './event-types'
export { callbackDedupeKey, parseWeComEvent, WeComEventParseError } from './events'
export {
  externalContactApi,
  type Attachment,
  type BatchGetByUserReply,
  type BatchGetByUserRequest,
  type ExternalAttr,
  type ExternalContact,
  type ExternalContactApi,
  type ExternalContactDetail,
  type FollowInfo,
  type FollowUser,
  type FollowUserTag,
  type RemarkRequest,
  type SendWelcomeMsgRequest,
} from './external-contact'
export { mediaApi, type MediaApi, type MediaType, type UploadedMedia } from './media'
export {
  messageApi,
  type AppMessageContent,
  type MessageApi,
  type SendMessageReply,
  type SendMessageRequest,
  type TemplateCard,
  type TextCard,
} from './message'
export {
  orgApi,
  type Department,
  type DepartmentRef,
  type Member,
  type MemberRef,
  type OrgApi,
  type UserListIdReply,
} from './org'
export {
  tagsApi,
  type AddCorpTagRequest,
  type CorpTag,
  type CorpTagGroup,
  type EditCorpTagRequest,
  type MarkTagRequest,
  type TagsApi,
} from './tags'
export {
  transferApi,
  type GetUnassignedListReply,
  type GetUnassignedListRequest,
  type ResignedTransferCustomerRequest,
  type TransferApi,
  type TransferCustomerItem,
  type TransferCustomerReply,
  type TransferCustomerRequest,
  type TransferResultItem,
  type TransferResultReply,
  type TransferResultRequest,
  type TransferStatus,
  type UnassignedCustomer,
} from './transfer'
export {
  createMemoryTokenStore,
  createTokenProvider,
  systemClock,
  tokenCacheKey,
  type Clock,
  type StoredToken,
  type TokenProvider,
  type TokenProviderOptions,
  type TokenStore,
} from './token'
