import { SimError } from '../errors'
import type { ContactWayState } from './contact-ways'
import type { CustomerState } from './customers'
import type { MessageState } from './messages'
import { type OrgState, ROOT_DEPARTMENT_ID } from './org'
import type { TagState } from './tags'
import type { TransferState } from './transfer-store'
import type { Follow, StoredMedia } from './types'
import type { World } from './world'

export const WORLD_SNAPSHOT_VERSION = 1

/** A follow relation with its corp tag ids as an array. */
export type FollowSnapshot = Omit<Follow, 'tagIds'> & { tagIds: string[] }

/** Uploaded media with its bytes as base64. */
export type MediaSnapshot = Omit<StoredMedia, 'bytes'> & { base64: string }

/**
 * The whole simulated corp as plain JSON (no Map, Set, Date or Buffer): everything a new sim needs to continue
 * exactly where this one stopped — ids, seq counters, round-robin cursors, deleted-by-customer flags, tags on
 * follows, inboxes, welcome codes and media. Not included: the callback delivery log and access tokens.
 * Media past its three-day lifetime is left out, since it can no longer be fetched.
 */
export interface WorldSnapshot {
  version: typeof WORLD_SNAPSHOT_VERSION
  corpId: string
  /** Sim clock (ms) when the snapshot was taken; informational. */
  takenAt: number
  org: OrgState
  customers: Omit<CustomerState, 'follows'> & { follows: FollowSnapshot[] }
  tags: TagState
  contactWays: ContactWayState
  messages: MessageState
  media: MediaSnapshot[]
  /** Transfer records, waiting ones included; optional so snapshots from before transfers existed still load. */
  transfers?: TransferState
}

/** A detached copy of the world's state; later changes to the world do not show in it, nor the reverse. */
export function takeSnapshot(world: World): WorldSnapshot {
  const now = world.now()
  const customers = world.customers.exportState()
  const snapshot: WorldSnapshot = {
    version: WORLD_SNAPSHOT_VERSION,
    corpId: world.corpId,
    takenAt: now,
    org: world.org.exportState(),
    customers: { ...customers, follows: customers.follows.map((f) => ({ ...f, tagIds: [...f.tagIds] })) },
    tags: world.tags.exportState(),
    contactWays: world.contactWays.exportState(),
    messages: world.messages.exportState(),
    media: world.media.exportState(now).map(({ bytes, ...rest }) => ({ ...rest, base64: bytes.toString('base64') })),
    transfers: world.transfers.store.exportState(),
  }
  return structuredClone(snapshot)
}

/** Replaces the world's state with a copy of `snapshot` after checking its version, corp and shape. */
export function restoreSnapshot(world: World, snapshot: WorldSnapshot): void {
  const copy = structuredClone(checkSnapshot(snapshot, world.corpId))
  world.org.importState(copy.org)
  const follows = copy.customers.follows.map((f): Follow => ({ ...f, tagIds: new Set(f.tagIds) }))
  world.customers.importState({ ...copy.customers, follows })
  world.tags.importState(copy.tags)
  world.contactWays.importState(copy.contactWays)
  world.messages.importState(copy.messages)
  world.media.importState(copy.media.map(({ base64, ...rest }) => ({ ...rest, bytes: Buffer.from(base64, 'base64') })))
  world.transfers.store.importState(copy.transfers ?? { transfers: [], seq: 0 })
}

/** Lists each section must hold; entities inside are trusted to be what snapshot() wrote. */
const LISTS: Record<string, string[]> = {
  org: ['departments', 'employees'],
  customers: ['customers', 'follows'],
  tags: ['groups', 'tags'],
  contactWays: ['ways'],
  messages: ['welcomeCodes', 'welcomes', 'appMessages'],
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const invalid = (message: string) => new SimError('sim.snapshot.invalid', 400, `invalid world snapshot: ${message}`)

/** Rejects an unknown version, another corp's snapshot, and anything not shaped like a snapshot. */
function checkSnapshot(value: unknown, corpId: string): WorldSnapshot {
  if (!isRecord(value)) throw invalid('not an object')
  if (value.version !== WORLD_SNAPSHOT_VERSION) {
    const got = value.version === undefined ? 'none' : JSON.stringify(value.version)
    throw new SimError('sim.snapshot.version', 400,
      `unsupported world snapshot version ${got}: this sim reads version ${WORLD_SNAPSHOT_VERSION} only`)
  }
  if (value.corpId !== corpId) {
    throw new SimError('sim.snapshot.corp_mismatch', 400, `world snapshot is of corp ${String(value.corpId)}, this sim is ${corpId}`)
  }
  for (const [name, lists] of Object.entries(LISTS)) {
    const section = value[name]
    if (!isRecord(section)) throw invalid(`${name} is missing`)
    for (const list of lists) if (!Array.isArray(section[list])) throw invalid(`${name}.${list} must be an array`)
  }
  if (!Array.isArray(value.media)) throw invalid('media must be an array')
  const transfers = value.transfers
  if (transfers !== undefined && (!isRecord(transfers) || !Array.isArray(transfers.transfers) || !Number.isInteger(transfers.seq))) {
    throw invalid('transfers must be { transfers: [], seq }')
  }
  const { org, customers, contactWays } = value as unknown as WorldSnapshot
  if (!Number.isInteger(customers.seq) || !Number.isInteger(contactWays.seq)) throw invalid('seq counters must be integers')
  if (!isRecord(contactWays.cursors)) throw invalid('contactWays.cursors must be an object')
  if (!org.departments.some((d) => d.id === ROOT_DEPARTMENT_ID)) throw invalid('the root department is missing')
  return value as unknown as WorldSnapshot
}
