import { drawName } from './demo-names'
import { simInvalid, simNotFound } from './errors'
import { URL_SAFE } from './ids'
import { createRng, type Rng } from './rng'
import type { World } from './world/world'

export interface DemoCustomersOptions {
  count: number
  contactWays: { configId: string; state: string; userids: string[] }[]
  seed?: number
  since: Date
}

export interface DemoCustomersResult {
  customers: number
  follows: number
  externalUserIds: string[]
}

const SECOND_FOLLOW = 0.15 // share of customers who also added a second member of the same way
const WITH_MOBILE = 0.6 // share of relations where the member noted the customer's phone (remark_mobiles)
const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '186', '187', '188']

/**
 * Bulk-seeds historic customers who came in through the given contact ways: 1 (sometimes 2) follows each,
 * the way's state, createtime spread from `since` to now, 1–3 corp tags, a unionid (the bank bound its
 * Open Platform account) and, on ~60 % of relations, the customer's mobile in remark_mobiles. No
 * callbacks; deterministic per seed.
 */
export function seedDemoCustomers(world: World, opts: DemoCustomersOptions): DemoCustomersResult {
  const ways = checkWays(world, opts)
  const rng = createRng(opts.seed ?? 1)
  const phones = createRng((opts.seed ?? 1) + 7919) // its own stream: names and ids stay as they were before phones
  const tagsByGroup = world.tags.activeGroups().map((g) => world.tags.activeTags(g).map((t) => t.id)).filter((t) => t.length > 0)
  const start = opts.since.getTime()
  const span = world.now() - start
  if (!(span > 0)) throw simInvalid('since must be in the past')
  const externalUserIds: string[] = []
  let follows = 0
  for (let i = 0; i < opts.count; i++) {
    const person = drawName(rng)
    const createdAt = Math.floor(start + (span * (i + rng.next())) / opts.count)
    const externalUserId = freshId(world, rng)
    world.customers.addCustomer({ externalUserId, name: person.name, gender: person.gender, unionid: `o${externalUserId.slice(2, 29)}` }, createdAt)
    const way = rng.pick(ways)
    const tagIds = drawTags(rng, tagsByGroup)
    const mobile = mobileOf(phones, i)
    for (const userid of drawMembers(rng, way.userids)) {
      const createtime = Math.floor(createdAt / 1000) + follows % 7 // a second add comes moments later
      const remarkMobiles = phones.chance(WITH_MOBILE) ? [mobile] : []
      world.customers.upsertFollow({ userid, externalUserId, createtime, addWay: 1, state: way.state, tagIds, remarkMobiles })
      follows++
    }
    externalUserIds.push(externalUserId)
  }
  return { customers: externalUserIds.length, follows, externalUserIds }
}

/** The i-th customer's mobile: 1xx plus 8 digits, unique per i (7,919 is coprime with 10⁸). */
function mobileOf(rng: Rng, i: number): string {
  return rng.pick(MOBILE_PREFIXES) + String((i * 7919 + 1_234_567) % 100_000_000).padStart(8, '0')
}

function checkWays(world: World, opts: DemoCustomersOptions) {
  if (!Number.isInteger(opts.count) || opts.count < 0) throw simInvalid('count must be a non-negative integer')
  if (opts.contactWays.length === 0) throw simInvalid('at least one contact way is required')
  return opts.contactWays.map((way) => {
    if (way.userids.length === 0) throw simInvalid(`contact way ${way.configId} has no userids`)
    const userids = way.userids.map((id) => {
      const employee = world.org.findEmployee(id)
      if (!employee) throw simNotFound('employee', id)
      return employee.userid
    })
    return { ...way, userids }
  })
}

function freshId(world: World, rng: Rng): string {
  for (;;) {
    let id = 'wm'
    for (let i = 0; i < 30; i++) id += URL_SAFE[rng.int(0, 64)]
    if (!world.getCustomer(id)) return id
  }
}

function drawMembers(rng: Rng, userids: string[]): string[] {
  const first = rng.pick(userids)
  if (userids.length < 2 || !rng.chance(SECOND_FOLLOW)) return [first]
  const others = userids.filter((u) => u !== first)
  return [first, rng.pick(others)]
}

/** One tag from each of 1–3 distinct groups (e.g. a level, an interest, a lifecycle stage). */
function drawTags(rng: Rng, tagsByGroup: string[][]): string[] {
  const groups = [...tagsByGroup]
  const wanted = Math.min(rng.int(1, 4), groups.length)
  const out: string[] = []
  for (let i = 0; i < wanted; i++) {
    const [group] = groups.splice(rng.int(0, groups.length), 1)
    out.push(rng.pick(group as string[]))
  }
  return out
}
