import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { Database, Executor } from '../../../db/database'
import type { ImportMatchBy, ImportMode } from '../../../db/types'
import type { Actor } from '../../../http/actor'
import { profileError, ROW_ERRORS, type RowErrorCode } from './errors'
import { readImportFile, type ImportTable } from './import-file'
import * as importRepo from './import-repo'
import { autoMap, rowOutcomes, type Matchers, type RowOutcome, type Target } from './import-rows'
import * as repo from './repo'
import type { ImportMappingBody } from './schema'
import { liveFieldMap } from './service'
import { applyChanges, normalizePhone, type FieldDef, type ProfileChanges } from './values'

export interface ImportDeps { db: Database; clock: () => Date }
export type ImportService = ReturnType<typeof createImportService>
export type Lang = 'zh' | 'en'

/** Rows per statement: lookups, preview inserts and apply batches. */
const BATCH = 2000
type ImportRecord = NonNullable<Awaited<ReturnType<typeof importRepo.findImport>>>

const chunks = <T>(items: T[], size = BATCH) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))
const view = ({ corpId: _c, createdBy: _b, ...r }: ImportRecord) => ({ ...r, mapping: r.mapping as (string | null)[] })
const messageOf = (e: { code: string }, lang: Lang) => ROW_ERRORS[e.code as RowErrorCode]?.[lang] ?? e.code

/** Lookups within the actor's data scope: a customer outside it is no match, never a hint. */
function matchersFor(ex: Executor, actor: Actor): Matchers {
  const { corpId, scope } = actor
  return {
    async byPhone(phones) {
      const wanted = new Set(phones)
      const found = new Map<string, Set<string>>()
      const add = (phone: string | undefined, id: string) => { if (phone && wanted.has(phone)) found.set(phone, (found.get(phone) ?? new Set()).add(id)) }
      for (const part of chunks(phones)) {
        for (const c of await repo.customersByPhones(ex, corpId, scope, part)) add(c.phone ?? undefined, c.id)
        for (const r of await repo.relationsByRemarkMobiles(ex, corpId, scope, part)) for (const m of r.remarkMobiles) add(normalizePhone(m), r.id)
      }
      return new Map([...found].map(([p, ids]) => [p, [...ids]]))
    },
    async byBankNo(nos) {
      const rows = (await Promise.all(chunks(nos).map((part) => repo.customersByBankNos(ex, corpId, scope, part)))).flat()
      return new Map(rows.map((r) => [r.bankCustomerNo!, r.id]))
    },
    async bankNoHolders(nos) {
      const rows = (await Promise.all(chunks(nos).map((part) => repo.bankNoHolders(ex, corpId, part)))).flat()
      return new Map(rows.map((r) => [r.bankCustomerNo!, r.id]))
    },
  }
}

export function createImportService(deps: ImportDeps) {
  const { db } = deps

  async function getImport(ex: Executor, corpId: string, id: string) {
    const row = await importRepo.findImport(ex, corpId, id)
    if (!row) throw profileError('customers.import.not_found')
    return row
  }

  const outcomesOf = async (tx: Executor, actor: Actor, table: ImportTable, plan: { matchBy: ImportMatchBy; mapping: Target[] }) =>
    rowOutcomes(table, { ...plan, fields: await liveFieldMap(tx, actor.corpId) }, matchersFor(tx, actor))

  async function storeRows(tx: Executor, corpId: string, importId: string, rows: RowOutcome[]) {
    for (const part of chunks(rows)) await importRepo.insertRows(tx, corpId, importId, part)
  }

  /** One batch of good rows: customers locked in the applier's scope, diffed, written in one UPDATE, one event each. */
  async function applyBatch(tx: Executor, actor: Actor, imp: ImportRecord, rows: { customerId: string | null; changes: unknown }[], fields: Map<string, FieldDef>) {
    const current = new Map((await repo.lockProfiles(tx, actor.corpId, actor.scope, rows.map((r) => r.customerId!))).map((c) => [c.id, c]))
    if (current.size !== rows.length) throw profileError('customers.import.stale')
    const now = deps.clock()
    const results = rows.map((r) => ({ id: r.customerId!, ...applyChanges(current.get(r.customerId!)!, r.changes as ProfileChanges, fields, now) })).filter((r) => r.changed.length > 0)
    await repo.updateProfiles(tx, actor.corpId, results.map((r) => ({ ...r.next, id: r.id })))
    await repo.insertEvents(tx, actor.corpId, results.map((r) => ({
      customerId: r.id, kind: 'profile_imported', data: { importId: imp.id, by: actor.username, changes: r.changed }, dedupeKey: `profile_imported:${imp.id}:${r.id}`, occurredAt: now,
    })))
    return results.length
  }

  return {
    /** Step 1: the file is read, its columns mapped by header and every row's outcome stored as the preview. */
    async upload(actor: Actor, file: { filename: string; data: Buffer }, matchBy?: ImportMatchBy) {
      const table = await readImportFile(file.filename, file.data)
      return db.transaction().execute(async (tx) => {
        const mapping = autoMap(table.headers, [...(await liveFieldMap(tx, actor.corpId)).values()])
        const by = matchBy ?? (mapping.includes('phone') || !mapping.includes('bankCustomerNo') ? 'phone' : 'bank_customer_no')
        const hasKey = mapping.includes(by === 'phone' ? 'phone' : 'bankCustomerNo')
        // Without a key column every row waits (missing_key) until the operator maps one.
        const rows = hasKey ? await outcomesOf(tx, actor, table, { matchBy: by, mapping })
          : table.rows.map((cells, i): RowOutcome => ({ rowNo: i + 1, cells, customerId: null, changes: {}, errors: [{ code: 'missing_key' }] }))
        const imp = await importRepo.insertImport(tx, {
          corpId: actor.corpId, filename: file.filename.slice(0, 200), headers: table.headers, matchBy: by, mapping, rowCount: table.rows.length,
          errorCount: rows.filter((r) => r.errors.length).length, createdBy: actor.isSystem ? null : actor.userId, createdByName: actor.username,
        })
        await storeRows(tx, actor.corpId, imp.id, rows)
        return view(imp)
      })
    },

    /** Step 2: a new mapping or match key recomputes every row against today's data. */
    async remap(actor: Actor, id: string, body: ImportMappingBody) {
      return db.transaction().execute(async (tx) => {
        const imp = await getImport(tx, actor.corpId, id)
        if (imp.status !== 'previewed') throw profileError(imp.status === 'applied' ? 'customers.import.already_applied' : 'customers.import.discarded')
        const table = { headers: imp.headers, rows: (await importRepo.allCells(tx, id)).map((r) => r.cells) }
        const rows = await outcomesOf(tx, actor, table, body)
        await importRepo.deleteRows(tx, id)
        await storeRows(tx, actor.corpId, id, rows)
        return view((await importRepo.updatePreview(tx, actor.corpId, id, { ...body, errorCount: rows.filter((r) => r.errors.length).length }))!)
      })
    },

    /**
     * Step 3, once: 'all_or_nothing' refuses when any row has an error; 'valid_rows' writes the good rows.
     * One transaction, batched; any failure (a constraint, data changed since the preview) writes nothing.
     */
    async apply(actor: Actor, id: string, mode: ImportMode) {
      return db.transaction().execute(async (tx) => {
        const imp = await importRepo.claimForApply(tx, actor.corpId, id, mode)
        if (!imp) {
          const existing = await getImport(tx, actor.corpId, id)
          throw profileError(existing.status === 'applied' ? 'customers.import.already_applied' : 'customers.import.discarded')
        }
        if (mode === 'all_or_nothing' && imp.errorCount > 0) throw profileError('customers.import.has_errors', { errorCount: imp.errorCount })
        const fields = await liveFieldMap(tx, actor.corpId)
        let updated = 0
        for (let after = 0; ;) {
          const rows = await importRepo.goodRows(tx, id, { after, limit: BATCH })
          if (rows.length === 0) break
          updated += await applyBatch(tx, actor, imp, rows, fields)
          after = rows[rows.length - 1]!.rowNo
        }
        return view(await importRepo.setUpdatedCount(tx, id, updated))
      })
    },

    async discard(actor: Actor, id: string) {
      const row = await importRepo.discardImport(db, actor.corpId, id)
      if (row) return view(row)
      const imp = await getImport(db, actor.corpId, id)
      throw profileError(imp.status === 'applied' ? 'customers.import.already_applied' : 'customers.import.discarded')
    },

    get: async (actor: Actor, id: string) => view(await getImport(db, actor.corpId, id)),

    async list(actor: Actor, page: { cursor?: string; limit: number }) {
      const rows = await importRepo.listImports(db, actor.corpId, { before: page.cursor, limit: page.limit })
      return { items: rows.map(view), nextCursor: rows.length === page.limit ? rows[rows.length - 1]!.id : null }
    },

    /** A page of the preview; customer names only for customers the reader may see. */
    async rows(actor: Actor, id: string, page: { errorsOnly: boolean; after?: number; limit: number }, lang: Lang) {
      await getImport(db, actor.corpId, id)
      const rows = await importRepo.rowsPage(db, id, page)
      const names = new Map((await repo.namesInScope(db, actor.corpId, actor.scope, rows.flatMap((r) => r.customerId ? [r.customerId] : []))).map((c) => [c.id, c.name]))
      return {
        items: rows.map((r) => ({
          ...r, customerId: r.customerId && names.has(r.customerId) ? r.customerId : null, customerName: r.customerId ? names.get(r.customerId) ?? null : null,
          errors: r.errors.map((e) => ({ ...e, message: messageOf(e, lang) })),
        })),
        nextAfter: rows.length === page.limit ? rows[rows.length - 1]!.rowNo : null,
      }
    },

    /** The rows with errors as CSV (BOM, so Excel opens it as UTF-8): the original cells, then code and reason. */
    async errorReport(actor: Actor, id: string, lang: Lang) {
      const imp = await getImport(db, actor.corpId, id)
      const records: string[][] = []
      for (let after: number | undefined; ;) {
        const rows = await importRepo.rowsPage(db, id, { errorsOnly: true, after, limit: BATCH })
        for (const r of rows) records.push([String(r.rowNo), ...r.cells, r.errors.map((e) => e.code).join(';'), r.errors.map((e) => `${e.column ? `${e.column}: ` : ''}${messageOf(e, lang)}`).join('；')])
        if (rows.length < BATCH) break
        after = rows[rows.length - 1]!.rowNo
      }
      const header = [lang === 'zh' ? '行号' : 'Line', ...imp.headers, lang === 'zh' ? '错误代码' : 'Error code', lang === 'zh' ? '错误原因' : 'Reason']
      return { filename: `import-${id}-errors.csv`, body: '\uFEFF' + stringify([header, ...records]) }
    },

    /** A file to fill in: the built-in columns and every live custom field, with one example row. */
    async template(actor: Actor, format: 'csv' | 'xlsx') {
      const fields = [...(await liveFieldMap(db, actor.corpId)).values()]
      const header = ['手机号', '客户号', '已实名', ...fields.map((f) => f.name)]
      const example = ['13800138000', 'C0001', '是', ...fields.map((f) => f.type === 'number' ? '0' : f.type === 'date' ? '2026-01-31' : f.type === 'select' ? f.options[0] ?? '' : '')]
      if (format === 'csv') return { filename: 'customer-import-template.csv', body: Buffer.from('\uFEFF' + stringify([header, example])) }
      const book = new ExcelJS.Workbook()
      const sheet = book.addWorksheet('客户资料')
      sheet.columns = header.map((h, i) => ({ header: h, key: String(i), width: Math.max(12, h.length * 2 + 4), style: { numFmt: '@' } }))
      sheet.addRow(example)
      return { filename: 'customer-import-template.xlsx', body: Buffer.from(await book.xlsx.writeBuffer()) }
    },
  }
}
