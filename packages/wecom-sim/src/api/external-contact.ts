import { wecomError } from '../errors'
import type { Customer, Employee, Follow } from '../world/types'
import type { World } from '../world/world'
import { type Body, decodeCursor, encodeCursor, isNumber, optInt, optString, optStringArray } from './params'
import type { CgiFamily } from './router'
import { externalContactView, followInfoView, followUserView } from './views'

const FOLLOW_PAGE = 500 // externalcontact/get pages follow_user only past 500 (CONTRACT §3.1)

/** Customer-contact reads and remark (CONTRACT §3.1). API writes produce no callbacks (doc 96361). */
export const externalContactApi: CgiFamily = (router, { world }) => {
  router.get('/externalcontact/get_follow_user_list', () => ({
    follow_user: world.org.listEmployees().filter((e) => world.org.isVisible(e) && e.customerContact).map((e) => e.userid),
  }))
  router.get('/externalcontact/list', ({ query }) => {
    const employee = employeeOrThrow(world, query.userid)
    return { external_userid: world.customers.followsOfUser(employee.userid).map((f) => f.externalUserId) }
  })
  router.get('/externalcontact/get', ({ query, baseUrl }) => getContact(world, query, baseUrl))
  router.post('/externalcontact/batch/get_by_user', ({ body, baseUrl }) => batchGetByUser(world, body, baseUrl))
  router.post('/externalcontact/remark', ({ body }) => {
    const follow = relationOrThrow(world, body)
    const fields = {
      remark: optString(body, 'remark', 20),
      description: optString(body, 'description', 150),
      remarkCorpName: optString(body, 'remark_company', 20),
      remarkMobiles: optStringArray(body, 'remark_mobiles', 5),
    }
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(follow, { [key]: value })
    return {}
  })
}

function getContact(world: World, query: Record<string, string | undefined>, baseUrl: string) {
  const customer = customerOrThrow(world, query.external_userid)
  const follows = world.customers.followsOfCustomer(customer.externalUserId)
  if (follows.length === 0) throw wecomError(84061)
  const offset = decodeCursor(query.cursor, isNumber) ?? 0
  const page = follows.slice(offset, offset + FOLLOW_PAGE)
  const more = offset + FOLLOW_PAGE < follows.length
  return {
    external_contact: externalContactView(world, customer, baseUrl),
    follow_user: page.map((f) => followUserView(world, f)),
    ...(more ? { next_cursor: encodeCursor(offset + FOLLOW_PAGE) } : {}),
  }
}

interface BatchCursor {
  u: number
  s: number
}

const isBatchCursor = (v: unknown): v is BatchCursor =>
  typeof v === 'object' && v !== null && isNumber((v as BatchCursor).u) && isNumber((v as BatchCursor).s)

/** batch/get_by_user: ≤100 userids, limit ≤100; the cursor is (user index, last relation seq), stable under adds. */
function batchGetByUser(world: World, body: Body, baseUrl: string) {
  const userids = optStringArray(body, 'userid_list', 100) ?? []
  if (userids.length === 0) throw wecomError(40058, 'userid_list is required')
  const users = [...new Set(userids.map((id) => employeeOrThrow(world, id).userid))]
  const limit = optInt(body, 'limit', 1, 100) ?? 50
  let { u, s } = decodeCursor(optString(body, 'cursor'), isBatchCursor) ?? { u: 0, s: 0 }
  const out: Follow[] = []
  while (u < users.length && out.length < limit) {
    const want = limit - out.length
    const page = world.customers.followsOfUserAfter(users[u] as string, s, want)
    out.push(...page)
    if (page.length < want) [u, s] = [u + 1, 0]
    else s = (page[page.length - 1] as Follow).seq
  }
  return {
    external_contact_list: out.map((f) => ({
      external_contact: externalContactView(world, world.customers.findCustomer(f.externalUserId) as Customer, baseUrl),
      follow_info: followInfoView(f),
    })),
    next_cursor: u < users.length ? encodeCursor({ u, s }) : '',
  }
}

export function employeeOrThrow(world: World, userid: string | undefined): Employee {
  if (!userid) throw wecomError(40003, 'userid is required')
  const employee = world.org.findEmployee(userid)
  if (!employee || !world.org.isVisible(employee)) throw wecomError(40003, userid)
  return employee
}

export function customerOrThrow(world: World, externalUserId: string | undefined): Customer {
  if (!externalUserId) throw wecomError(41035)
  const customer = world.customers.findCustomer(externalUserId)
  if (!customer) throw wecomError(40096, externalUserId)
  return customer
}

/** The (userid, external_userid) relation named in a body; 84061 when there is none (CONTRACT §9.1). */
export function relationOrThrow(world: World, body: Body): Follow {
  const employee = employeeOrThrow(world, optString(body, 'userid'))
  const customer = customerOrThrow(world, optString(body, 'external_userid'))
  const follow = world.customers.findFollow(employee.userid, customer.externalUserId)
  if (!follow) throw wecomError(84061)
  return follow
}
