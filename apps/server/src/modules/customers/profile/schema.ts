import { z } from 'zod'

const FieldType = z.enum(['text', 'number', 'date', 'select'])
export const FieldBody = z.object({
  name: z.string().trim().min(1).max(30),
  type: FieldType,
  /** Select options, in display order (ignored for other types). */
  options: z.array(z.string().trim().min(1).max(50)).max(200).default([]),
  multiple: z.boolean().default(false),
  position: z.number().int().min(0).max(10_000).default(0),
})
export type FieldBody = z.infer<typeof FieldBody>
export const FieldUpdate = FieldBody.extend({ archived: z.boolean().default(false) })
export type FieldUpdate = z.infer<typeof FieldUpdate>

export const FieldView = z.object({
  id: z.string(), name: z.string(), type: FieldType, options: z.array(z.string()), multiple: z.boolean(), position: z.number(),
  archived: z.boolean(), createdAt: z.date(), updatedAt: z.date(),
})
export const FieldList = z.object({ items: z.array(FieldView) })
export const FieldIdParams = z.object({ id: z.uuid() })
export const FieldListQuery = z.object({ includeArchived: z.stringbool().default(false) })

const FieldValue = z.union([z.string(), z.number(), z.array(z.string()), z.null()])
/** Absent keys are left alone; null clears. Verified is not edited by hand: it comes from the bank's KYC import. */
export const ProfileBody = z.object({
  phone: z.string().trim().max(30).nullable().optional(),
  bankCustomerNo: z.string().trim().min(1).max(64).nullable().optional(),
  attributes: z.record(z.uuid(), FieldValue).optional(),
}).strict()
export type ProfileBody = z.infer<typeof ProfileBody>
export const ProfileReply = z.object({
  phone: z.string().nullable(), bankCustomerNo: z.string().nullable(), verified: z.boolean(), verifiedAt: z.date().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  changes: z.array(z.object({ field: z.string(), label: z.string(), from: z.unknown(), to: z.unknown() })),
})

const MatchBy = z.enum(['phone', 'bank_customer_no'])
const Mode = z.enum(['all_or_nothing', 'valid_rows'])
/** Per column: 'phone' | 'bankCustomerNo' | 'verified' | 'field:<uuid>', or null to ignore the column. */
export const ColumnTarget = z.string().regex(/^(phone|bankCustomerNo|verified|field:[0-9a-f-]{36})$/).nullable()
export const ImportMappingBody = z.object({ matchBy: MatchBy, mapping: z.array(ColumnTarget).max(200) })
export type ImportMappingBody = z.infer<typeof ImportMappingBody>
export const ApplyBody = z.object({ mode: Mode })
export const ImportIdParams = z.object({ id: z.string().regex(/^\d{1,19}$/, 'id must be an import id') })

export const ImportView = z.object({
  id: z.string(), filename: z.string(), status: z.enum(['previewed', 'applied', 'discarded']), headers: z.array(z.string()),
  matchBy: MatchBy, mapping: z.array(z.string().nullable()), mode: Mode.nullable(),
  rowCount: z.number(), errorCount: z.number(), updatedCount: z.number().nullable(),
  createdByName: z.string(), createdAt: z.date(), appliedAt: z.date().nullable(),
})
export const ImportList = z.object({ items: z.array(ImportView), nextCursor: z.string().nullable() })
export const ImportListQuery = z.object({ cursor: z.string().regex(/^\d{1,19}$/).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) })

export const RowsQuery = z.object({
  errorsOnly: z.stringbool().default(false),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
})
export const RowView = z.object({
  rowNo: z.number(), cells: z.array(z.string()), customerId: z.string().nullable(), customerName: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()),
  errors: z.array(z.object({ code: z.string(), column: z.string().optional(), message: z.string() })),
})
export const RowPage = z.object({ items: z.array(RowView), nextAfter: z.number().nullable() })
export const TemplateQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') })
