import { defineErrors } from '../../../http/errors'

export const notesError = defineErrors({
  'customers.note.not_found': { status: 404, message: { zh: '跟进记录不存在', en: 'No such follow-up note' } },
  'customers.note.not_author': { status: 403, message: { zh: '只能修改或删除自己写的跟进记录', en: 'You can only edit or delete your own notes' } },
})
