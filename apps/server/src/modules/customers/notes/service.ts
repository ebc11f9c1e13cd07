import type { Database } from '../../../db/database'
import type { Actor } from '../../../http/actor'
import { decodeCursor, encodeCursor } from '../../../shared/cursor'
import type { OrgService } from '../../org'
import { customersError } from '../errors'
import * as customersRepo from '../repo'
import { notesError } from './errors'
import * as repo from './repo'
import type { NoteBody } from './schema'

type NoteRow = Awaited<ReturnType<typeof repo.insertNote>>

export type NotesService = ReturnType<typeof createNotesService>

/** Follow-up notes (跟进记录): anyone with the permission writes on customers in their scope; only the author edits or deletes. */
export function createNotesService(deps: { db: Database; org: Pick<OrgService, 'findEmployeesByIds'> }) {
  const { db, org } = deps

  async function customerInScope(actor: Actor, customerId: string) {
    const row = await customersRepo.findCustomer(db, actor.corpId, actor.scope, customerId)
    if (!row) throw customersError('customers.customer.not_found')      // out of scope looks exactly like absent
    return row
  }

  const view = (actor: Actor, r: NoteRow) => ({
    id: r.id, customerId: r.customerId, kind: r.kind, body: r.body, nextFollowUpOn: r.nextFollowUpOn, authorUserId: r.authorUserId,
    authorName: r.authorName, createdAt: r.createdAt, updatedAt: r.updatedAt, isMine: r.authorUserId === actor.userId,
  })

  /** The author as the timeline names people: their employee's name, else their console username. */
  async function authorOf(actor: Actor) {
    const [employee] = actor.employeeId ? await org.findEmployeesByIds(db, actor.corpId, [actor.employeeId]) : []
    return { authorUserId: actor.userId, authorEmployeeId: employee?.id ?? null, authorName: employee?.name ?? actor.username }
  }

  /** The note for an edit or delete: the customer in scope (else 404), the note theirs (else 403). */
  async function lockOwn(tx: Parameters<typeof repo.lockNote>[0], actor: Actor, customerId: string, noteId: string) {
    const note = await repo.lockNote(tx, customerId, noteId)
    if (!note || note.corpId !== actor.corpId) throw notesError('customers.note.not_found')
    if (note.authorUserId !== actor.userId) throw notesError('customers.note.not_author')
    return note
  }

  return {
    async list(actor: Actor, customerId: string, page: { cursor?: string; limit: number }) {
      const customer = await customerInScope(actor, customerId)
      const rows = await repo.listNotes(db, customer.id, { before: decodeCursor(page.cursor), limit: page.limit })
      const last = rows[rows.length - 1]
      return { items: rows.map((r) => view(actor, r)), nextCursor: rows.length === page.limit && last ? encodeCursor(last.createdAt, last.id) : null }
    },

    /** Writes the note and its timeline entry together; the entry names the note, whose text the timeline reads live. */
    async create(actor: Actor, customerId: string, input: NoteBody) {
      const customer = await customerInScope(actor, customerId)
      const author = await authorOf(actor)
      const note = await db.transaction().execute(async (tx) => {
        const row = await repo.insertNote(tx, { corpId: actor.corpId, customerId: customer.id, ...author, ...input })
        await customersRepo.insertEvent(tx, {
          corpId: actor.corpId, customerId: customer.id, kind: 'note', employeeId: row.authorEmployeeId, occurredAt: row.createdAt,
          data: { noteId: row.id, author: row.authorName }, dedupeKey: `note:${row.id}`,
        })
        return row
      })
      return view(actor, note)
    },

    async update(actor: Actor, customerId: string, noteId: string, input: NoteBody) {
      await customerInScope(actor, customerId)
      const note = await db.transaction().execute(async (tx) => {
        await lockOwn(tx, actor, customerId, noteId)
        return repo.updateNote(tx, noteId, input)
      })
      return view(actor, note)
    },

    async remove(actor: Actor, customerId: string, noteId: string) {
      await customerInScope(actor, customerId)
      await db.transaction().execute(async (tx) => {
        await lockOwn(tx, actor, customerId, noteId)
        await repo.softDeleteNote(tx, noteId, actor.userId)
      })
    },
  }
}

/**
 * Timeline entries of kind 'note' carry only the note's id: the note's current text is read here, so an
 * edit shows and a deleted note's text does not (the entry stays, marked deleted: the trace).
 */
export async function withNoteText<E extends { kind: string; data: Record<string, unknown> }>(db: Database, events: E[]): Promise<E[]> {
  const ids = events.flatMap((e) => e.kind === 'note' && typeof e.data.noteId === 'string' ? [e.data.noteId] : [])
  const notes = new Map((await repo.findNotes(db, ids)).map((n) => [n.id, n]))
  return events.map((e) => {
    const n = e.kind === 'note' ? notes.get(e.data.noteId as string) : undefined
    if (!n) return e
    return { ...e, data: { ...e.data, noteKind: n.kind, ...(n.deletedAt ? { deletedAt: n.deletedAt } : { body: n.body, nextFollowUpOn: n.nextFollowUpOn, editedAt: n.updatedAt }) } }
  })
}
