import { stringify } from 'csv-stringify'
import ExcelJS from 'exceljs'
import { once } from 'node:events'
import { PassThrough, Readable, pipeline } from 'node:stream'

/** One sheet holds 1,048,576 rows; one of them is the header. */
export const XLSX_MAX_ROWS = 1_048_575

async function* flatten(pages: AsyncIterable<string[][]>) {
  for await (const page of pages) yield* page
}

/**
 * CSV in UTF-8 with a BOM (Excel otherwise reads Chinese as mojibake). Pull-based: a page is read from the
 * database only when the client has taken the previous one, so memory stays flat at any size.
 */
export function csvStream(header: string[], pages: AsyncIterable<string[][]>): Readable {
  // Errors destroy the returned stream; whoever watches it (the export log) sees them.
  return pipeline(Readable.from(flatten(pages)), stringify({ bom: true, header: true, columns: header }), () => {})
}

/**
 * XLSX by exceljs's streaming writer (rows are written out and forgotten). The writer buffers internally
 * without back-pressure, so after each page we wait until the client has drained what was zipped so far.
 */
export function xlsxStream(header: string[], pages: AsyncIterable<string[][]>): Readable {
  const out = new PassThrough()
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false })
  const sheet = book.addWorksheet('customers')
  const write = async () => {
    sheet.addRow(header).commit()
    for await (const page of pages) {
      if (out.destroyed) return                       // the client went away: leaving the loop closes the source
      for (const cells of page) sheet.addRow(cells).commit()
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')])
    }
    sheet.commit()
    await book.commit()
  }
  write().catch((err: Error) => out.destroy(err))
  return out
}
