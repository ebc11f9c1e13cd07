import type { Clock, DeliveryRecord, ExternalContactEvent } from '../types'

/** What a World is built from and what its scripting API takes (see world.ts). */

export interface WorldDeps {
  corpId: string
  corpName: string
  clock: Clock
  welcomeCodeTtlSeconds: number
  contactWayQuota: number
  corpTagLimit: number
  /** Most customers a member may have; a transfer to a member at it fails. Default 50,000 (UNCONFIRMED). */
  customerLimit?: number
  /** Delivers a callback event; the returned promise never rejects. */
  emit(event: Omit<ExternalContactEvent, 'createTime'>): Promise<DeliveryRecord>
  /** The sim's public base URL once known (publicBaseUrl or the listen address). */
  baseUrl(): string | undefined
}

export interface NewFollowInput {
  userid: string
  externalUserId: string
  state?: string
  createtime?: number
  addWay?: number
  tagIds?: string[]
  remark?: string
  remarkMobiles?: string[]
}

export interface ScanInput {
  configId?: string
  state?: string
  customer?: { externalUserId?: string; name?: string; avatar?: string; gender?: 0 | 1 | 2; unionid?: string }
  at?: number
}
