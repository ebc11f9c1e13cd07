import type { Executor } from '../../../db/database'

export const countTags = async (db: Executor, corpId: string) =>
  Number((await db.selectFrom('tag').select((eb) => eb.fn.countAll<string>().as('n')).where('corpId', '=', corpId).executeTakeFirstOrThrow()).n)

export const findGroup = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('tagGroup').selectAll().where('corpId', '=', corpId).where('id', '=', id).executeTakeFirst()

export const findTag = (db: Executor, corpId: string, id: string) =>
  db.selectFrom('tag').selectAll().where('corpId', '=', corpId).where('id', '=', id).executeTakeFirst()

export const tagsOfGroup = (db: Executor, groupId: string) =>
  db.selectFrom('tag').select(['id', 'name']).where('groupId', '=', groupId).orderBy('order', 'desc').orderBy('name').execute()

export const groupByWecomId = (db: Executor, corpId: string, wecomGroupId: string) =>
  db.selectFrom('tagGroup').selectAll().where('corpId', '=', corpId).where('wecomGroupId', '=', wecomGroupId).executeTakeFirst()

export const tagNamesInGroup = async (db: Executor, groupId: string) =>
  (await db.selectFrom('tag').select('name').where('groupId', '=', groupId).execute()).map((r) => r.name)

export const groupByName = (db: Executor, corpId: string, name: string) =>
  db.selectFrom('tagGroup').selectAll().where('corpId', '=', corpId).where('name', '=', name).executeTakeFirst()

export const renameTag = (db: Executor, id: string, name: string) =>
  db.updateTable('tag').set({ name }).where('id', '=', id).execute()

export const renameGroup = (db: Executor, id: string, name: string) =>
  db.updateTable('tagGroup').set({ name }).where('id', '=', id).execute()

export const deleteTagsByWecomIds = (db: Executor, corpId: string, wecomIds: string[]) =>
  wecomIds.length === 0 ? Promise.resolve([]) :
    db.deleteFrom('tag').where('corpId', '=', corpId).where('wecomTagId', 'in', wecomIds).returning('id').execute()

/** Deleting a group deletes its tags (WeCom sends no separate tag events, CONTRACT §7.3); customer_tag cascades. */
export const deleteGroupsByWecomIds = (db: Executor, corpId: string, wecomIds: string[]) =>
  wecomIds.length === 0 ? Promise.resolve([]) :
    db.deleteFrom('tagGroup').where('corpId', '=', corpId).where('wecomGroupId', 'in', wecomIds).returning('id').execute()
