export { createSim } from './server'
export { seedDemoBank } from './demo-bank'
export type { DemoBank, DemoBankOptions } from './demo-bank'
export { seedDemoCustomers } from './demo-customers'
export type { DemoCustomersOptions, DemoCustomersResult } from './demo-customers'
export { computeSignature, decodeAesKey, decryptMessage, encryptMessage } from './crypto'
export { World } from './world/world'
export type { NewFollowInput, ScanInput, WorldDeps } from './world/world'
export { WORLD_SNAPSHOT_VERSION } from './world/snapshot'
export type { FollowSnapshot, MediaSnapshot, WorldSnapshot } from './world/snapshot'
export type { NewDepartment, NewEmployee } from './world/org'
export type { NewCustomer } from './world/customers'
export { TRANSFER_WAIT_MS } from './world/transfer-store'
export type { Transfer, TransferFailReason, TransferKind, TransferState, TransferStatus } from './world/transfer-store'
export { ONJOB_TRANSFERS_PER_WINDOW, ONJOB_WINDOW_DAYS, TRANSFER_ADD_WAY, TRANSFER_ERRCODES } from './world/transfers'
export type {
  AppMessage, ContactWay, CorpTag, CorpTagGroup, Customer, Department, Employee, EmployeeStatus, Follow, Message,
  WelcomeAttachment, WelcomeMessage, WorldStats,
} from './world/types'
export type {
  CallbackConfig, ChangeResult, Clock, DeliveryRecord, DeliveryStatus, ExternalContactEvent, ScanResult, Sim, SimOptions,
} from './types'
export { SimError, WeComError } from './errors'
export type { FaultRule } from './faults'
export type { RateLimitOptions } from './rate-limit'
