import { Alert } from 'antd'
import { ApiError } from '../../../app/api'
import { useT, type Translate } from '../../../app/i18n'
import type { MessageKey } from '../../../i18n/zh-CN'

/** What customers.segment.* errors carry (apps/server/src/modules/customers/segments/{errors,expression}.ts). */
type Details = {
  position?: number
  expected?: string[]
  found?: string
  names?: string[]
  name?: string
  tagIds?: string[]
  fields?: { path: string; message: string }[]
}

/** The parser's token names, as the user reads them. */
const TOKEN: Record<string, MessageKey> = {
  tag: 'segments.token.tag',
  'tag name': 'segments.token.tag',
  end: 'segments.token.end',
  'closing quote': 'segments.token.quote',
}
const token = (t: Translate, raw: string) => (TOKEN[raw] ? t(TOKEN[raw]) : t('segments.token.literal', { token: raw }))

export const errorDetails = (error: unknown): Details =>
  error instanceof ApiError && error.details && typeof error.details === 'object' ? (error.details as Details) : {}

/** Tag ids the server did not know (a tag deleted since it was picked). */
export const unknownTagIds = (error: unknown): ReadonlySet<string> => new Set(errorDetails(error).tagIds ?? [])

function describe(t: Translate, d: Details): string[] {
  const lines: string[] = []
  if (d.expected?.length) lines.push(t('segments.error.expected', { expected: d.expected.map((e) => token(t, e)).join(t('segments.error.or')), found: token(t, d.found ?? 'end') }))
  if (d.names?.length) lines.push(t('segments.error.unknownNames', { names: d.names.join('、') }))
  if (d.name) lines.push(t('segments.error.ambiguous', { name: d.name }))
  for (const f of d.fields ?? []) lines.push(`${f.path}: ${f.message}`)
  return lines
}

/** The server's verdict on the expression, next to the builder; with the text form, a caret under the position. */
export function ExpressionError({ error, text }: { error: unknown; text?: string }) {
  const t = useT()
  if (!error) return null
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : t('error.unknown')
  const d = errorDetails(error)
  const at = typeof d.position === 'number' && text !== undefined ? Math.min(d.position, text.length) : undefined
  return (
    <Alert
      type="error"
      showIcon
      title={at === undefined ? message : `${message} · ${t('segments.error.position', { position: at + 1 })}`}
      description={
        <>
          {describe(t, d).map((line) => <div key={line}>{line}</div>)}
          {at !== undefined && text !== undefined && (
            // The offending character is marked in place: a caret line would not line up under CJK text.
            <div style={{ marginTop: 8, fontFamily: 'monospace', fontSize: 13, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="segment-error-caret">
              {text.slice(0, at)}
              <span style={{ background: '#fee2e2', borderBottom: '2px solid #dc2626', color: '#b91c1c', padding: '0 1px' }}>
                {text.slice(at, at + 1) || '\u2423'}
              </span>
              {text.slice(at + 1)}
            </div>
          )}
        </>
      }
      data-testid="segment-expression-error"
    />
  )
}
