import { z } from 'zod'

export const NOTE_KINDS = ['call', 'meeting', 'wechat', 'other'] as const
export const NoteBody = z.object({
  kind: z.enum(NOTE_KINDS),
  body: z.string().trim().min(1).max(2000),
  /** The next follow-up day (yyyy-mm-dd), in the corp's calendar. */
  nextFollowUpOn: z.iso.date().nullable().default(null),
})
export type NoteBody = z.infer<typeof NoteBody>

export const NoteParams = z.object({ id: z.string().regex(/^\d{1,19}$/, 'id must be a customer id'), noteId: z.string().regex(/^\d{1,19}$/, 'noteId must be a note id') })
export const NoteListQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) })

export const NoteView = z.object({
  id: z.string(), customerId: z.string(), kind: z.enum(NOTE_KINDS), body: z.string(), nextFollowUpOn: z.string().nullable(),
  authorUserId: z.string(), authorName: z.string(), createdAt: z.date(), updatedAt: z.date().nullable(),
  /** The actor wrote it, so may edit or delete it. */
  isMine: z.boolean(),
})
export const NoteList = z.object({ items: z.array(NoteView), nextCursor: z.string().nullable() })
