import { finished, type Readable } from 'node:stream'
import type { Database } from '../../../db/database'
import { can, type Actor } from '../../../http/actor'
import type { OrgService } from '../../org'
import * as customersRepo from '../repo'
import type { SegmentsService } from '../segments'
import { segmentsError } from '../segments/errors'
import type { Channel, CustomersService } from '../service'
import { exportsError } from './errors'
import { csvStream, xlsxStream, XLSX_MAX_ROWS } from './formats'
import * as repo from './repo'
import { createRowWriter, headerOf, type CustomerRecord, type FieldColumn, type Lang } from './rows'
import type { CustomerExportQuery, ExportFormat } from './schema'

const PAGE = 1000
const CONTENT_TYPE: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }

export interface ExportsDeps {
  db: Database
  org: Pick<OrgService, 'findEmployeesByIds'>
  channels: { byIds(corpId: string, ids: string[]): Promise<Channel[]> }
  /** The list's filters exactly as the customer list applies them. */
  customers: Pick<CustomersService, 'filterOf'>
  segments: Pick<SegmentsService, 'get' | 'membersPage'>
  /** Custom fields to add as columns (live ones, in their order). */
  fields(corpId: string): Promise<FieldColumn[]>
}

export interface ExportFile { stream: Readable; filename: string; contentType: string }
export type ExportsService = ReturnType<typeof createExportsService>

/**
 * Exports (导出) of the customer list or a saved segment as CSV or XLSX: always within the actor's data scope,
 * masked unless they hold customers.export.unmasked, streamed by keyset pages, and logged before the first byte.
 */
export function createExportsService(deps: ExportsDeps) {
  const { db } = deps
  const toCells = createRowWriter(deps)

  async function* listPages(filter: customersRepo.CustomerFilter) {
    for (let after: { at: Date; id: string } | undefined; ;) {
      const rows = await customersRepo.listCustomers(db, filter, { after, limit: PAGE })
      if (rows.length) yield rows
      const last = rows[rows.length - 1]
      if (rows.length < PAGE || !last) return
      after = { at: last.firstAddedAt, id: last.id }
    }
  }

  async function* segmentPages(actor: Actor, segmentId: string) {
    for (let after: string | undefined; ;) {
      const page = await deps.segments.membersPage(actor, segmentId, { after, limit: PAGE })
      const rows = await repo.findCustomersByIds(db, actor.corpId, page.items.map((m) => m.id))
      if (rows.length) yield rows
      if (!page.nextAfter) return
      after = page.nextAfter
    }
  }

  /** Logs the export as running, then streams it; the log is completed (rows, done or failed) when the stream ends. */
  async function start(actor: Actor, input: { source: 'customers' | 'segment'; segment?: { id: string; name: string }; filter: Record<string, unknown>; format: ExportFormat; lang: Lang; pages: AsyncIterable<CustomerRecord[]> }) {
    const ctx = { corpId: actor.corpId, masked: !can(actor, 'customers.export.unmasked'), fields: await deps.fields(actor.corpId), lang: input.lang }
    const log = await repo.insertLog(db, {
      corpId: actor.corpId, adminUserId: actor.isSystem ? null : actor.userId, username: actor.username, source: input.source,
      segmentId: input.segment?.id ?? null, segmentName: input.segment?.name ?? null, filter: input.filter, format: input.format, masked: ctx.masked,
    })
    let rowCount = 0
    async function* cells() {
      for await (const rows of input.pages) {
        const page = await toCells(ctx, rows)
        rowCount += page.length
        yield page
      }
    }
    const stream = (input.format === 'csv' ? csvStream : xlsxStream)(headerOf(ctx), cells())
    finished(stream, (err) => {
      // Nobody is left to tell if the database is gone too; the row then stays 'running'.
      repo.finishLog(db, log.id, err ? { status: 'failed', rowCount, error: err.message } : { status: 'done', rowCount, error: null }).catch(() => {})
    })
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')
    return { stream, filename: `${input.segment ? `segment-${input.segment.name}` : 'customers'}-${stamp}.${input.format}`, contentType: CONTENT_TYPE[input.format] }
  }

  return {
    /** The customer list under its current filters, newest first (as the list shows it). */
    async exportCustomers(actor: Actor, q: CustomerExportQuery, lang: Lang): Promise<ExportFile> {
      const { cursor: _c, limit: _l, format, ...filters } = q
      const filter = await deps.customers.filterOf(actor, q)
      if (format === 'xlsx') {
        const count = await customersRepo.countCustomers(db, filter)
        if (count > XLSX_MAX_ROWS) throw exportsError('customers.export.too_many_rows', { count, max: XLSX_MAX_ROWS })
      }
      return start(actor, { source: 'customers', filter: filters, format, lang, pages: listPages(filter) })
    },

    /**
     * A saved segment's materialised members as the actor sees them, by customer id. A segment never
     * materialised is refused (customers.segment.not_materialized) rather than materialised here: that
     * needs customers.segment.write, and it would replace the list a pending send reads.
     */
    async exportSegment(actor: Actor, id: string, format: ExportFormat, lang: Lang): Promise<ExportFile> {
      const segment = await deps.segments.get(actor, id)
      if (!segment.materializedAt) throw segmentsError('customers.segment.not_materialized')
      if (format === 'xlsx') {
        const count = await repo.countSegmentMembers(db, actor.corpId, actor.scope, id)
        if (count > XLSX_MAX_ROWS) throw exportsError('customers.export.too_many_rows', { count, max: XLSX_MAX_ROWS })
      }
      return start(actor, { source: 'segment', segment: { id, name: segment.name }, filter: { materializedAt: segment.materializedAt }, format, lang, pages: segmentPages(actor, id) })
    },

    async listLogs(actor: Actor, q: { cursor?: string; limit: number }) {
      const rows = await repo.listLogs(db, actor.corpId, { beforeId: q.cursor, limit: q.limit })
      return {
        items: rows.map(({ corpId: _, adminUserId: __, rowCount, ...r }) => ({ ...r, rowCount: rowCount === null ? null : Number(rowCount) })),
        nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
      }
    },
  }
}
