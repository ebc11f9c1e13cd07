import type { FormInstance } from 'antd'
import type { Attachment, LiveCode, LiveCodeInput } from '../../api/types'

/** Server rules mirrored in the form (the server validates again). */
export const LIMITS = {
  nameMax: 30,
  employeesMin: 1,
  employeesMax: 100,
  dailyCapMax: 100_000,
  channelGroupMax: 30,
  welcomeBytesMax: 4000,
  attachmentsMax: 9,
  remarkMax: 200,
} as const

export type EmployeeRow = { employeeId: string; name: string; dailyCap: number | null }

export type LiveCodeFormValues = {
  name: string
  channelGroup: string
  employees: EmployeeRow[]
  backupEmployeeId?: string | null
  skipVerify: boolean
  tagIds: string[]
  welcomeText: string
  attachments: Attachment[]
  remark?: string
}

export const EMPTY_FORM: LiveCodeFormValues = {
  name: '',
  channelGroup: '',
  employees: [],
  backupEmployeeId: null,
  skipVerify: true,
  tagIds: [],
  welcomeText: '',
  attachments: [],
  remark: '',
}

export const toFormValues = (code: LiveCode): LiveCodeFormValues => ({
  name: code.name,
  channelGroup: code.channelGroup,
  employees: code.employees.map((e) => ({ employeeId: e.employeeId, name: e.name, dailyCap: e.dailyCap ?? null })),
  backupEmployeeId: code.backupEmployeeId ?? null,
  skipVerify: code.skipVerify,
  tagIds: code.tagIds ?? code.tags.map((tag) => tag.id),
  welcomeText: code.welcome?.text ?? '',
  attachments: code.welcome?.attachments ?? [],
  remark: code.remark ?? '',
})

/** Optional strings the user left empty are omitted rather than sent as "". */
const cleanAttachment = (attachment: Attachment): Attachment =>
  Object.fromEntries(Object.entries(attachment).filter(([, value]) => value !== undefined && value !== '')) as Attachment

export function toInput(values: LiveCodeFormValues): LiveCodeInput {
  const text = values.welcomeText?.trim() ? values.welcomeText : ''
  const attachments = (values.attachments ?? []).map(cleanAttachment)
  return {
    name: values.name.trim(),
    channelGroup: values.channelGroup.trim(),
    employees: values.employees.map((e) => ({ employeeId: e.employeeId, dailyCap: e.dailyCap ?? null })),
    backupEmployeeId: values.backupEmployeeId ?? null,
    skipVerify: values.skipVerify,
    tagIds: values.tagIds ?? [],
    welcome: text || attachments.length ? { text, attachments } : null,
    remark: values.remark?.trim() || undefined,
  }
}

type FieldPath = (string | number)[]
type Issue = { path: FieldPath; message: string }

const asPath = (raw: unknown): FieldPath | undefined => {
  if (Array.isArray(raw)) return raw.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
  if (typeof raw === 'string') return raw.split(/[./[\]]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p))
  return undefined
}

/**
 * Reads a 400's `details`. Pond sends `{ fields: [{ path: 'body/welcome/text', message }] }`;
 * `{ issues }`, `{ fieldErrors }` and `{ path: message }` are accepted too.
 */
export function parseIssues(details: unknown): Issue[] {
  if (!details || typeof details !== 'object') return []
  if (Array.isArray(details)) {
    return details.flatMap((d: { path?: unknown; field?: unknown; message?: unknown }) => {
      const path = asPath(d?.path ?? d?.field)
      return path && typeof d.message === 'string' ? [{ path, message: d.message }] : []
    })
  }
  const record = details as Record<string, unknown>
  if (Array.isArray(record.fields)) return parseIssues(record.fields)
  if (Array.isArray(record.issues)) return parseIssues(record.issues)
  if (record.fieldErrors && typeof record.fieldErrors === 'object') return parseIssues(record.fieldErrors)
  if ('reason' in record) return []
  return Object.entries(record).flatMap(([key, value]) => {
    const message = Array.isArray(value) ? value.join('; ') : value
    return typeof message === 'string' ? [{ path: asPath(key) ?? [key], message }] : []
  })
}

/** Maps API body paths (body/welcome/text, body/welcome/attachments/N/x) onto the form's field names. */
const toFormPath = (path: FieldPath): FieldPath => {
  const start = path[0] === 'body' ? path.slice(1) : path
  if (start[0] !== 'welcome') return start
  if (start[1] === 'attachments') return ['attachments', ...start.slice(2)]
  return ['welcomeText']
}

/** Shows server-side field errors on the form; returns whether any could be placed. */
export function applyServerErrors(form: FormInstance, details: unknown): boolean {
  const issues = parseIssues(details)
  if (issues.length === 0) return false
  form.setFields(issues.map((issue) => ({ name: toFormPath(issue.path), errors: [issue.message] })))
  return true
}
