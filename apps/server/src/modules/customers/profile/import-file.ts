import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { profileError } from './errors'
import { normalizePhone } from './values'

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024
export const MAX_IMPORT_ROWS = 200_000

export interface ImportTable { headers: string[]; rows: string[][] }

/** A spreadsheet's first sheet, or a CSV (UTF-8 with or without BOM; GBK from older Excel), as a header and trimmed text cells. */
export async function readImportFile(filename: string, data: Buffer): Promise<ImportTable> {
  if (data.length === 0) throw profileError('customers.import.empty')
  const isZip = data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
  const ext = filename.toLowerCase().split('.').pop()
  if (ext === 'xlsx' && isZip) return tableOf(await readXlsx(data))
  if ((ext === 'csv' || ext === 'txt') && !isZip) return tableOf(readCsv(data))
  throw profileError('customers.import.unsupported_type')
}

function readCsv(data: Buffer): string[][] {
  let text: string
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(data) } catch { text = new TextDecoder('gb18030').decode(data) }
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][]
  } catch (err) {
    throw profileError('customers.import.unreadable', { reason: (err as Error).message })
  }
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook()
  try { await book.xlsx.load(data as unknown as ArrayBuffer) } catch (err) { throw profileError('customers.import.unreadable', { reason: (err as Error).message }) }
  const sheet = book.worksheets[0]
  if (!sheet) throw profileError('customers.import.empty')
  if (sheet.rowCount > MAX_IMPORT_ROWS + 1) throw profileError('customers.import.too_many_rows', { max: MAX_IMPORT_ROWS })
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = []
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value))
    rows.push(cells)
  })
  return rows
}

/** Excel keeps dates as instants at UTC midnight and phone numbers often as numbers: both become the text a person typed. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue)
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim()
    if ('text' in v) return String(v.text).trim()
    return ''
  }
  return String(v).trim()
}

function tableOf(rows: string[][]): ImportTable {
  const [header, ...body] = rows
  // A first row of data (a phone where a title should be) is a file without a header.
  if (!header || header.every((h) => h === '') || header.some((h) => normalizePhone(h))) throw profileError('customers.import.no_header')
  const data = body.filter((r) => r.some((c) => c !== ''))
  if (data.length === 0) throw profileError('customers.import.empty')
  if (data.length > MAX_IMPORT_ROWS) throw profileError('customers.import.too_many_rows', { max: MAX_IMPORT_ROWS })
  const width = header.length
  return { headers: header, rows: data.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')) }
}
