import { wecomError } from '../errors'
import { dueAt, type Transfer, type TransferKind } from '../world/transfer-store'
import type { Employee } from '../world/types'
import type { World } from '../world/world'
import { type Body, decodeCursor, encodeCursor, isNumber, optInt, optString, optStringArray } from './params'
import type { CgiFamily } from './router'

const MAX_IDS = 100 // external_userid per transfer_customer call (CONTRACT §6)
const RESULT_PAGE = 1000 // transfer_result page (CONTRACT §6)
const UNASSIGNED_PAGE = 1000 // get_unassigned_list page_size max and default (CONTRACT §6)

/**
 * 在职继承 and 离职继承 (CONTRACT §6, docs 96325 / 96331). Request-level problems are errors; per-customer
 * problems are `errcode`s in `customer[]` (see world/transfers.ts). Started transfers complete lazily after 24 h.
 */
export const transferApi: CgiFamily = (router, { world }) => {
  router.post('/externalcontact/transfer_customer', ({ body }) => transferCustomer(world, 'onjob', body))
  router.post('/externalcontact/resigned/transfer_customer', ({ body }) => transferCustomer(world, 'resigned', body))
  router.post('/externalcontact/transfer_result', ({ body }) => transferResult(world, 'onjob', body))
  router.post('/externalcontact/resigned/transfer_result', ({ body }) => transferResult(world, 'resigned', body))
  router.post('/externalcontact/get_unassigned_list', ({ body }) => unassignedList(world, body))
}

function transferCustomer(world: World, kind: TransferKind, body: Body) {
  const ids = optStringArray(body, 'external_userid', MAX_IDS) ?? []
  const message = kind === 'onjob' ? optString(body, 'transfer_success_msg', 200) : undefined
  const handover = handoverOrThrow(world, kind, optString(body, 'handover_userid'))
  const takeover = takeoverOrThrow(world, optString(body, 'takeover_userid'))
  if (takeover.userid === handover.userid) throw wecomError(40058, 'handover_userid and takeover_userid must differ')
  if (ids.length === 0) throw wecomError(41035, 'external_userid is required')
  const extra = message ? { transferSuccessMsg: message } : {}
  return {
    customer: ids.map((id) => ({
      external_userid: id,
      errcode: world.transfers.start({ kind, handover, takeover, externalUserId: id, ...extra }),
    })),
  }
}

/** On-job: an active member with customer contact; resigned: a member who left (else 40097). */
function handoverOrThrow(world: World, kind: TransferKind, userid: string | undefined): Employee {
  const employee = anyEmployeeOrThrow(world, userid, 'handover_userid')
  if (kind === 'resigned') {
    if (employee.status !== 5) throw wecomError(40097, employee.userid)
    return employee
  }
  if (employee.status === 5) throw wecomError(40003, `${employee.userid} has left; use resigned/transfer_customer`)
  if (!world.org.canServeCustomers(employee)) throw wecomError(41054, employee.userid)
  return employee
}

function takeoverOrThrow(world: World, userid: string | undefined): Employee {
  const employee = anyEmployeeOrThrow(world, userid, 'takeover_userid')
  if (!world.org.isVisible(employee)) throw wecomError(40003, employee.userid)
  if (!world.org.canServeCustomers(employee)) throw wecomError(41054, employee.userid)
  return employee
}

/** Members who left are still known here (transfer results, resigned handovers). */
function anyEmployeeOrThrow(world: World, userid: string | undefined, field: string): Employee {
  if (!userid) throw wecomError(40003, `${field} is required`)
  const employee = world.org.findEmployee(userid)
  if (!employee) throw wecomError(40003, userid)
  return employee
}

/** The latest transfer per customer from handover to takeover; the cursor is the last record's seq. */
function transferResult(world: World, kind: TransferKind, body: Body) {
  const handover = anyEmployeeOrThrow(world, optString(body, 'handover_userid'), 'handover_userid')
  const takeover = anyEmployeeOrThrow(world, optString(body, 'takeover_userid'), 'takeover_userid')
  const after = decodeCursor(optString(body, 'cursor'), isNumber) ?? 0
  const rows = world.transfers.store.results(kind, handover.userid, takeover.userid).filter((t) => t.seq > after)
  const page = rows.slice(0, RESULT_PAGE)
  const last = page.at(-1)
  return {
    customer: page.map((t) => ({ external_userid: t.externalUserId, status: t.status, ...takeoverTime(t) })),
    next_cursor: rows.length > RESULT_PAGE && last ? encodeCursor(last.seq) : '',
  }
}

/** Done: when it completed; waiting: when it will complete (as WeCom documents); none for failed ones. */
function takeoverTime(t: Transfer): { takeover_time?: number } {
  if (t.status === 1 && t.endedAt !== undefined) return { takeover_time: Math.floor(t.endedAt / 1000) }
  if (t.status === 2) return { takeover_time: Math.floor(dueAt(t) / 1000) }
  return {}
}

/** Customers of members who left, not yet (being) transferred; `cursor` (a relation seq) or the older `page_id`. */
function unassignedList(world: World, body: Body) {
  const size = optInt(body, 'page_size', 1, UNASSIGNED_PAGE) ?? UNASSIGNED_PAGE
  const pageId = optInt(body, 'page_id', 0) ?? 0
  const after = decodeCursor(optString(body, 'cursor'), isNumber)
  const all = world.transfers.unassigned()
  const rows = after !== undefined ? all.filter((r) => r.follow.seq > after) : all.slice(pageId * size)
  const page = rows.slice(0, size)
  const isLast = rows.length <= size
  const last = page.at(-1)
  return {
    info: page.map(({ handover, follow }) => ({
      handover_userid: handover.userid,
      external_userid: follow.externalUserId,
      dimission_time: handover.dimissionTime ?? 0,
    })),
    is_last: isLast,
    next_cursor: !isLast && last ? encodeCursor(last.follow.seq) : '',
  }
}
