import type { components, paths } from './schema'

/** Named views of the API shapes, derived from the generated `paths` so they never drift from the server. */
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
type Op<P extends keyof paths, M extends Method> = M extends keyof paths[P] ? NonNullable<paths[P][M]> : never
type JsonContent<R> = R extends { content: { 'application/json': infer T } } ? T : never
type OkStatus<R> = 200 extends keyof R ? 200 : 201 extends keyof R ? 201 : never

export type ResponseOf<P extends keyof paths, M extends Method = 'get'> =
  Op<P, M> extends { responses: infer R } ? JsonContent<R[OkStatus<R> & keyof R]> : never
export type BodyOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never
export type QueryOf<P extends keyof paths> =
  Op<P, 'get'> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never

type Item<T> = T extends { items: (infer I)[] } ? I : never

export type Me = ResponseOf<'/api/auth/me'>
export type User = ResponseOf<'/api/auth/login', 'post'>['user']
export type Department = Item<ResponseOf<'/api/org/departments'>>
export type Employee = Item<ResponseOf<'/api/org/employees'>>
export type EmployeeQuery = QueryOf<'/api/org/employees'>
export type TagGroup = ResponseOf<'/api/tags'>['groups'][number]
export type TagRef = TagGroup['tags'][number]
export type LossQuery = QueryOf<'/api/customers/losses'>
export type Loss = Item<ResponseOf<'/api/customers/losses'>>
export type LossKind = Loss['kind']
export type LossAlertSettings = ResponseOf<'/api/customers/loss-alerts'>
export type AlertMode = LossAlertSettings['mode']
export type ConsoleUser = Item<ResponseOf<'/api/users'>>
export type Role = ConsoleUser['role']
export type NewUser = BodyOf<'/api/users', 'post'>
export type UserPatch = BodyOf<'/api/users/{id}', 'patch'>
export type LiveCode = ResponseOf<'/api/live-codes/{id}'>
export type LiveCodeInput = BodyOf<'/api/live-codes', 'post'>
export type LiveCodeStats = ResponseOf<'/api/live-codes/{id}/stats'>
export type Welcome = NonNullable<LiveCodeInput['welcome']>
export type Attachment = Welcome['attachments'][number]
export type CustomerQuery = QueryOf<'/api/customers'>
export type CustomerRow = Item<ResponseOf<'/api/customers'>>
export type Customer = ResponseOf<'/api/customers/{id}'>
export type CustomerFollow = Customer['follows'][number]
export type TimelineEvent = Item<ResponseOf<'/api/customers/{id}/timeline'>>
export type SandboxCustomer = Item<ResponseOf<'/api/sandbox/customers'>>
export type SandboxCustomerMessage = Item<ResponseOf<'/api/sandbox/customers/{externalUserId}/inbox'>>
export type SandboxContact = Item<ResponseOf<'/api/sandbox/customers/{externalUserId}/contacts'>>
export type SandboxEmployeeMessage = Item<ResponseOf<'/api/sandbox/employees/{userid}/inbox'>>
export type SandboxDelivery = Item<ResponseOf<'/api/sandbox/deliveries'>>
export type ScanResult = ResponseOf<'/api/sandbox/live-codes/{id}/scan', 'post'>
export type SandboxAttachment = SandboxCustomerMessage['attachments'][number]
export type TagExpression = components['schemas']['TagExpression']
export type SegmentQuery = BodyOf<'/api/segments/count', 'post'>
export type SegmentFilters = NonNullable<SegmentQuery['filters']>
export type Segment = Item<ResponseOf<'/api/segments'>>
export type SegmentPreviewRow = Item<ResponseOf<'/api/segments/preview', 'post'>>
export type TransferInput = BodyOf<'/api/customers/transfers', 'post'>
export type TransferKind = TransferInput['kind']
export type TransferResult = Item<ResponseOf<'/api/customers/transfers', 'post'>>
export type TransferRecord = Item<ResponseOf<'/api/customers/transfers'>>
export type TransferStatus = TransferRecord['status']
export type UnassignedCustomer = Item<ResponseOf<'/api/customers/transfers/unassigned'>>
export type SyncRun = Item<ResponseOf<'/api/customers/sync-runs'>>
export type SyncKind = SyncRun['kind']
export type SyncStatus = SyncRun['status']
