import type { ColumnType, Generated, GeneratedAlways } from 'kysely'

/**
 * Row types of the migrated database, camelCased by Kysely's CamelCasePlugin.
 * `db/types.test.ts` checks every table and column here against the migrated schema.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>
/** A timestamp column with a default (now()). */
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
/** int8 comes back as a string (exact); written as number or string. */
type Int8 = ColumnType<string, string | number, string | number>
type Int8Default = ColumnType<string, string | number | undefined, string | number>
type Id8 = GeneratedAlways<string>
type Json<T = unknown> = ColumnType<T, string, string>
type JsonDefault<T = unknown> = ColumnType<T, string | undefined, string>

export interface CorpTable { id: Generated<string>; wecomCorpId: string; name: string; isSandbox: Generated<boolean>; createdAt: CreatedAt }
export interface DepartmentTable {
  corpId: string; id: number; name: string; parentId: number; order: Int8Default
  createdAt: CreatedAt; updatedAt: TimestampDefault
}
export interface EmployeeTable {
  id: Generated<string>; corpId: string; wecomUserId: string; name: string; position: Generated<string>
  status: Generated<number>; departmentIds: Generated<number[]>; mainDepartmentId: number | null
  createdAt: CreatedAt; updatedAt: TimestampDefault
}
export interface AdminUserTable {
  id: Generated<string>; corpId: string; username: string; displayName: string; passwordHash: string
  role: 'super_admin' | 'operator' | 'department_manager' | 'employee'; employeeId: string | null; disabledAt: Timestamp | null; createdAt: CreatedAt
}
export interface AdminSessionTable { id: string; corpId: string; adminUserId: string; expiresAt: Timestamp; createdAt: CreatedAt }
export interface WecomTokenTable { key: string; corpId: string | null; token: string; expiresAt: Timestamp; createdAt: CreatedAt }
export interface InboxEventTable {
  id: Id8; corpId: string; dedupeKey: string; event: string; changeType: Generated<string>; payload: string
  receivedAt: TimestampDefault; processedAt: Timestamp | null; nextAttemptAt: TimestampDefault; attempts: Generated<number>; lastError: string | null; createdAt: CreatedAt
}
export interface TagGroupTable { id: Generated<string>; corpId: string; wecomGroupId: string | null; name: string; order: Int8Default; createdAt: CreatedAt }
export interface TagTable { id: Generated<string>; corpId: string; groupId: string; wecomTagId: string | null; name: string; order: Int8Default; createdAt: CreatedAt; seq: GeneratedAlways<number> }
export interface CustomerTable {
  id: Id8; corpId: string; externalUserId: string; name: Generated<string>; avatar: Generated<string>
  gender: Generated<number>; type: Generated<number>; unionid: string | null; corpName: Generated<string>
  channelLiveCodeId: string | null; firstAddedAt: Timestamp; createdAt: CreatedAt; updatedAt: TimestampDefault
  /** The seqs of the customer's tags, sorted; maintained from customer_tag by triggers (never written by the app). */
  tagSeqs: ColumnType<number[], never, never>
  /** The bank's own customer number (unique per corp) and phone, from imports. */
  bankCustomerNo: string | null; phone: string | null
  /** Custom field values by field id. */
  attributes: JsonDefault<Record<string, unknown>>
  verified: Generated<boolean>; verifiedAt: Timestamp | null
  lastActiveAt: Timestamp | null
  /** Added from a callback alone; the WeCom detail read is still to come (profile fill job). */
  profilePending: Generated<boolean>
}
export type FollowStatus = 'active' | 'deleted_by_customer' | 'deleted_by_employee' | 'transferred'
export interface CustomerFollowTable {
  id: Id8; corpId: string; customerId: Int8; employeeId: string; remark: Generated<string>; description: Generated<string>
  addedAt: Timestamp; addWay: Generated<number>; state: Generated<string>; liveCodeId: string | null
  status: Generated<FollowStatus>; lostAt: Timestamp | null; createdAt: CreatedAt; updatedAt: TimestampDefault
  remarkMobiles: Generated<string[]>
}
export interface CustomerTagTable { corpId: string; customerId: Int8; tagId: string; createdAt: CreatedAt }
/** A tag Pond set whose mark_tag push is queued (settledAt null) or was answered at settledAt. */
export interface CustomerTagPushTable { corpId: string; customerId: Int8; tagId: string; createdAt: CreatedAt; settledAt: Timestamp | null }
/** Every external_userid Pond has seen, to its customer (a trigger adds each new customer's own). */
export interface CustomerExternalIdTable { corpId: string; externalUserId: string; customerId: Int8; createdAt: CreatedAt }
export interface CustomerEventTable {
  id: Id8; corpId: string; customerId: Int8; kind: string; employeeId: string | null
  data: JsonDefault<Record<string, unknown>>; dedupeKey: string | null; occurredAt: Timestamp; createdAt: CreatedAt
}
export interface LiveCodeTable {
  id: Generated<string>; corpId: string; name: string; channelGroup: Generated<string>; state: string
  configId: string | null; qrCodeUrl: string | null; backupEmployeeId: string | null; activeEmployeeIds: Generated<string[]>; skipVerify: Generated<boolean>
  tagIds: Generated<string[]>; welcome: Json<unknown> | null; remark: Generated<string>; deletedAt: Timestamp | null
  createdAt: CreatedAt; updatedAt: TimestampDefault
}
export interface LiveCodeEmployeeTable { corpId: string; liveCodeId: string; employeeId: string; dailyCap: number | null; position: number; createdAt: CreatedAt }
export interface LiveCodeAddTable {
  corpId: string; liveCodeId: string; employeeId: string; externalUserId: string; addedDay: ColumnType<string, string, string>
  addedAt: Timestamp; lostAt: Timestamp | null; createdAt: CreatedAt
}
export type WelcomeStatus = 'pending' | 'sent' | 'expired' | 'failed'
export interface WelcomeSendTable {
  id: Id8; corpId: string; welcomeCode: string; liveCodeId: string | null; employeeId: string; externalUserId: string
  message: Json<unknown>; status: Generated<WelcomeStatus>; error: string | null; receivedAt: Timestamp; sentAt: Timestamp | null; createdAt: CreatedAt
}

export type LossKind = 'deleted_by_customer' | 'deleted_by_employee'
export interface CustomerLossTable {
  id: Id8; corpId: string; customerId: Int8; employeeId: string; kind: LossKind; lostAt: Timestamp; notifiedAt: Timestamp | null; createdAt: CreatedAt
}
export interface CustomerLossAlertTable {
  corpId: string; mode: Generated<'off' | 'per_event' | 'daily_digest'>; recipientEmployeeIds: Generated<string[]>; createdAt: CreatedAt; updatedAt: TimestampDefault
}

export type SyncRunStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed'
/** A batch/get_by_user call that still failed after the sync's retries: whose customers are unknown this run. */
export interface SyncFailure { userids: string[]; cursor: string | null; errcode: number; message: string; attempts: number }
export interface CustomerSyncRunTable {
  id: Id8; corpId: string; kind: 'import' | 'reconcile'; status: Generated<SyncRunStatus>; stats: JsonDefault<Record<string, number>>
  error: string | null; startedAt: Timestamp | null; finishedAt: Timestamp | null; createdAt: CreatedAt
  failures: JsonDefault<SyncFailure[]>
}

export interface SegmentTable {
  id: Generated<string>; corpId: string; name: string; definition: Json<unknown>; createdBy: string | null
  createdAt: CreatedAt; updatedAt: TimestampDefault; materializedAt: Timestamp | null; memberCount: number | null
}
export interface SegmentMemberTable { corpId: string; segmentId: string; customerId: Int8; createdAt: CreatedAt }
/** One bit per customer id of a chunk (id >> 16) per key; `bits` in PostgreSQL's text form. */
export interface SegmentBitmapTable { corpId: string; key: number; chunk: number; bits: string; createdAt: CreatedAt }
export interface SegmentBitmapDirtyTable { id: Id8; corpId: string; chunk: number; createdAt: CreatedAt }
export type NoteKind = 'call' | 'meeting' | 'wechat' | 'other'
export interface CustomerNoteTable {
  id: Id8; corpId: string; customerId: Int8; authorUserId: string; authorEmployeeId: string | null
  /** The author's employee name (or console username) when written. */
  authorName: string; kind: NoteKind; body: string
  /** A calendar day (yyyy-mm-dd), kept as text. */
  nextFollowUpOn: ColumnType<string, string, string> | null
  updatedAt: Timestamp | null; deletedAt: Timestamp | null; deletedBy: string | null; createdAt: CreatedAt
}
export interface CustomerExportLogTable {
  id: Id8; corpId: string; adminUserId: string | null; username: string; source: 'customers' | 'segment'; segmentId: string | null; segmentName: string | null
  filter: JsonDefault<Record<string, unknown>>; format: 'csv' | 'xlsx'; masked: boolean; rowCount: Int8 | null
  status: 'running' | 'done' | 'failed'; error: string | null; finishedAt: Timestamp | null; createdAt: CreatedAt
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'select'
export interface CustomerFieldTable {
  id: Generated<string>; corpId: string; name: string; type: CustomFieldType; options: Generated<string[]>; multiple: Generated<boolean>
  position: Generated<number>; archivedAt: Timestamp | null; createdAt: CreatedAt; updatedAt: TimestampDefault
}
export type ImportStatus = 'previewed' | 'applied' | 'discarded'
export type ImportMatchBy = 'phone' | 'bank_customer_no'
export type ImportMode = 'all_or_nothing' | 'valid_rows'
export interface CustomerImportTable {
  id: Id8; corpId: string; filename: string; status: Generated<ImportStatus>; headers: string[]; matchBy: ImportMatchBy
  /** Column index → target ('phone' | 'bankCustomerNo' | 'verified' | 'field:<id>'), null = ignored. */
  mapping: Json<(string | null)[]>; mode: ImportMode | null
  rowCount: number; errorCount: number; updatedCount: number | null
  createdBy: string | null; createdByName: string; createdAt: CreatedAt; appliedAt: Timestamp | null
}
export interface CustomerImportRowTable {
  corpId: string; importId: Int8; rowNo: number; cells: Json<string[]>; customerId: Int8 | null
  changes: JsonDefault<Record<string, unknown>>; errors: JsonDefault<{ code: string; column?: string }[]>; createdAt: CreatedAt
}

export type TransferStatus = 'waiting' | 'done' | 'refused' | 'takeover_full' | 'failed'
export interface CustomerTransferTable {
  id: Id8; corpId: string; kind: 'on_job' | 'resigned'; customerId: Int8; handoverEmployeeId: string; takeoverEmployeeId: string
  status: TransferStatus; errcode: number | null; requestedBy: string | null; requestedAt: Timestamp; completedAt: Timestamp | null; createdAt: CreatedAt
}

export type TagJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
export interface CustomerTagRuleTable {
  id: Generated<string>; corpId: string; name: string; segmentId: string | null; addTagIds: string[]; removeUnmatched: Generated<boolean>
  enabled: Generated<boolean>; createdBy: string | null; createdAt: CreatedAt; updatedAt: TimestampDefault
}
export interface CustomerTagJobTable {
  id: Generated<string>; corpId: string; kind: 'bulk' | 'rule'; segmentId: string | null; segmentName: string; ruleId: string | null
  addTagIds: string[]; removeTagIds: ColumnType<string[], string[] | undefined, string[]>; removeUnmatched: Generated<boolean>
  scope: Json<{ kind: 'all' } | { kind: 'employees'; employeeIds: string[] }>; requestedBy: string | null; status: Generated<TagJobStatus>; phase: Generated<'members' | 'prune'>; cursor: Int8 | null
  total: number | null; processed: Generated<number>; added: Generated<number>; already: Generated<number>; removed: Generated<number>
  marksQueued: Generated<number>; failed: Generated<number>; error: string | null; startedAt: Timestamp | null; finishedAt: Timestamp | null
  createdAt: CreatedAt; updatedAt: TimestampDefault
}
export interface CustomerTagJobFailureTable { corpId: string; jobId: string; customerId: Int8; userid: string; errcode: number; message: string; createdAt: CreatedAt }
export interface CustomerMarkPaceTable { corpId: string; nextAt: Timestamp; createdAt: CreatedAt }
export interface CustomerProfileFillUsageTable { corpId: string; hour: Timestamp; reads: Generated<number>; createdAt: CreatedAt }

export type FissionActivityStatus = 'draft' | 'scheduled' | 'running' | 'ended' | 'archived'
export type FissionHelpStatus = 'counted' | 'refused' | 'held' | 'revoked' | 'voided'
/** Fulfilled follows redeemed once an employee hands the prize over; both are prizes given. */
export type FissionCompletionStatus = 'reserved' | 'out_of_stock' | 'redeemed' | 'fulfilled'
export interface FissionActivityTable {
  id: Generated<string>; corpId: string; name: string; status: ColumnType<FissionActivityStatus, FissionActivityStatus | undefined, FissionActivityStatus>
  startsAt: Timestamp; endsAt: Timestamp; config: Json; helperEmployeeIds: string[]; createdBy: string | null; waysCleanedAt: Timestamp | null
  createdAt: CreatedAt; updatedAt: TimestampDefault
}
export interface FissionTierTable {
  corpId: string; activityId: string; level: number; threshold: number; prizeName: string; stockTotal: number; stockLeft: number
  completionTagId: string | null; unitPriceFen: Generated<number>; createdAt: CreatedAt
}
export interface FissionParticipantTable {
  id: Id8; corpId: string; activityId: string; customerId: Int8; externalUserId: string; employeeId: string | null; state: string
  configId: string | null; qrCodeUrl: string | null; wayDeletedAt: Timestamp | null; helpCount: Generated<number>
  invitedByParticipantId: Int8 | null; joinedAt: TimestampDefault; createdAt: CreatedAt
}
export interface FissionHelpTable {
  id: Id8; corpId: string; activityId: string; participantId: Int8; helperCustomerId: Int8; helperExternalUserId: string; employeeId: string; newCustomer: boolean
  status: FissionHelpStatus; reason: string | null; addedAt: Timestamp; revokedAt: Timestamp | null
  welcomeCode: string | null; welcomeStatus: string | null; dedupeKey: string; createdAt: CreatedAt
}
export interface FissionCompletionTable {
  id: Id8; corpId: string; activityId: string; participantId: Int8; level: number; status: FissionCompletionStatus
  redemptionCode: string | null; redemption: Json | null; redeemedBy: string | null; redeemedAt: Timestamp | null; notifiedAt: Timestamp | null
  fulfilledAt: Timestamp | null; fulfilledBy: string | null; fulfilmentNote: string | null
  completedAt: Timestamp; createdAt: CreatedAt
}
export interface FissionStockLedgerTable {
  id: Id8; corpId: string; activityId: string; level: number; delta: number; stockLeft: number; reason: 'initial' | 'reserved' | 'top_up'
  completionId: Int8 | null; actorUserId: string | null; createdAt: CreatedAt
}
export interface FissionAuditTable { id: Id8; corpId: string; activityId: string; actorUserId: string | null; action: string; data: JsonDefault; createdAt: CreatedAt }
export interface FissionBlacklistTable { corpId: string; customerId: Int8; reason: string; appealNote: Generated<string>; createdBy: string | null; createdAt: CreatedAt }

export interface DB {
  corp: CorpTable
  department: DepartmentTable
  employee: EmployeeTable
  adminUser: AdminUserTable
  adminSession: AdminSessionTable
  wecomToken: WecomTokenTable
  inboxEvent: InboxEventTable
  tagGroup: TagGroupTable
  tag: TagTable
  customer: CustomerTable
  customerFollow: CustomerFollowTable
  customerExternalId: CustomerExternalIdTable
  customerTag: CustomerTagTable
  customerTagPush: CustomerTagPushTable
  customerEvent: CustomerEventTable
  customerLoss: CustomerLossTable
  customerLossAlert: CustomerLossAlertTable
  customerSyncRun: CustomerSyncRunTable
  customerTransfer: CustomerTransferTable
  liveCode: LiveCodeTable
  liveCodeEmployee: LiveCodeEmployeeTable
  liveCodeAdd: LiveCodeAddTable
  welcomeSend: WelcomeSendTable
  segment: SegmentTable
  segmentMember: SegmentMemberTable
  segmentBitmap: SegmentBitmapTable
  segmentBitmapDirty: SegmentBitmapDirtyTable
  customerTagRule: CustomerTagRuleTable
  customerTagJob: CustomerTagJobTable
  customerTagJobFailure: CustomerTagJobFailureTable
  customerMarkPace: CustomerMarkPaceTable
  customerProfileFillUsage: CustomerProfileFillUsageTable
  customerField: CustomerFieldTable
  customerImport: CustomerImportTable
  customerImportRow: CustomerImportRowTable
  customerNote: CustomerNoteTable
  customerExportLog: CustomerExportLogTable
  fissionActivity: FissionActivityTable
  fissionTier: FissionTierTable
  fissionParticipant: FissionParticipantTable
  fissionHelp: FissionHelpTable
  fissionCompletion: FissionCompletionTable
  fissionStockLedger: FissionStockLedgerTable
  fissionAudit: FissionAuditTable
  fissionBlacklist: FissionBlacklistTable
}
