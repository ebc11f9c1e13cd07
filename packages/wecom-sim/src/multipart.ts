/** Just enough multipart/form-data parsing for media/upload (one file part named `media`, CONTRACT-MORE §13.1). */

export interface FormPart {
  name: string
  filename?: string
  contentType?: string
  data: Buffer
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '')
  return match ? (match[1] ?? match[2])?.trim() : undefined
}

export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: FormPart[] = []
  let start = body.indexOf(delimiter)
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break
    const next = body.indexOf(delimiter, afterDelimiter)
    if (next === -1) break
    const part = parsePart(body.subarray(afterDelimiter + 2, next - 2)) // skip CRLF after delimiter and before next
    if (part) parts.push(part)
    start = next
  }
  return parts
}

function parsePart(raw: Buffer): FormPart | undefined {
  const headerEnd = raw.indexOf('\r\n\r\n')
  if (headerEnd === -1) return undefined
  const headers = raw.subarray(0, headerEnd).toString('utf8').split('\r\n')
  const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? ''
  const type = headers.find((h) => /^content-type:/i.test(h))
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1]
  if (name === undefined) return undefined
  const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1]
  return {
    name,
    data: Buffer.from(raw.subarray(headerEnd + 4)),
    ...(filename !== undefined ? { filename } : {}),
    ...(type ? { contentType: type.slice(type.indexOf(':') + 1).trim() } : {}),
  }
}
