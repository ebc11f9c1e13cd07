import type { Database, Executor } from '../../../db/database'
import type { Actor } from '../../../http/actor'
import type { WeComPort, WeComTagGroup } from '../../../wecom/port'
import * as customersRepo from '../repo'
import { tagError } from './errors'
import * as repo from './repo'

export const TAG_LIMIT = 3000                 // corp tags per corp, strategy tags included (CONTRACT §3.2)

export type TagService = ReturnType<typeof createTagService>

const isDuplicate = (err: unknown) => (err as { errcode?: number }).errcode === 40071

/**
 * The corp tag library, kept equal to WeCom's both ways: writes go to WeCom first (it assigns ids and
 * enforces its rules) and are stored as WeCom answered; WeCom-side changes arrive by change_external_tag.
 */
export function createTagService(deps: { db: Database; wecom: WeComPort }) {
  const { db, wecom } = deps

  /** Stores groups exactly as WeCom returned them. */
  async function store(ex: Executor, corpId: string, groups: WeComTagGroup[]) {
    for (const g of groups) {
      const { id } = await customersRepo.upsertTagGroup(ex, { corpId, wecomGroupId: g.groupId, name: g.name, order: g.order })
      for (const t of g.tags) await customersRepo.upsertTag(ex, { corpId, groupId: id, wecomTagId: t.id, name: t.name, order: t.order })
    }
  }

  async function view(corpId: string, groupId: string) {
    const group = (await repo.findGroup(db, corpId, groupId))!
    return { id: group.id, name: group.name, tags: await repo.tagsOfGroup(db, groupId) }
  }

  async function withinLimit(corpId: string, adding: number) {
    if (await repo.countTags(db, corpId) + adding > TAG_LIMIT) throw tagError('customers.tag.limit_reached', { limit: TAG_LIMIT })
  }

  async function pushed<T>(call: () => Promise<T>): Promise<T> {
    try { return await call() } catch (err) { throw isDuplicate(err) ? tagError('customers.tag.duplicate') : err }
  }

  return {
    store,

    async createGroup(actor: Actor, input: { name: string; tags: string[] }) {
      if (await repo.groupByName(db, actor.corpId, input.name)) throw tagError('customers.tag.duplicate', { name: input.name })
      await withinLimit(actor.corpId, input.tags.length)
      const group = await pushed(() => wecom.addCorpTags({ groupName: input.name, tags: input.tags }))
      await db.transaction().execute((tx) => store(tx, actor.corpId, [group]))
      return view(actor.corpId, (await repo.groupByWecomId(db, actor.corpId, group.groupId))!.id)
    },

    async addTags(actor: Actor, groupId: string, names: string[]) {
      const group = await repo.findGroup(db, actor.corpId, groupId)
      if (!group?.wecomGroupId) throw tagError('customers.tag_group.not_found')
      const existing = new Set(await repo.tagNamesInGroup(db, group.id))
      const clash = names.find((n) => existing.has(n))
      if (clash) throw tagError('customers.tag.duplicate', { name: clash })
      await withinLimit(actor.corpId, names.length)
      const updated = await pushed(() => wecom.addCorpTags({ groupId: group.wecomGroupId!, tags: names }))
      await db.transaction().execute((tx) => store(tx, actor.corpId, [updated]))
      return view(actor.corpId, group.id)
    },

    async renameTag(actor: Actor, id: string, name: string) {
      const tag = await repo.findTag(db, actor.corpId, id)
      if (!tag?.wecomTagId) throw tagError('customers.tag.not_found')
      await pushed(() => wecom.editCorpTag({ id: tag.wecomTagId!, name }))
      await repo.renameTag(db, id, name)
      return view(actor.corpId, tag.groupId)
    },

    async renameGroup(actor: Actor, id: string, name: string) {
      const group = await repo.findGroup(db, actor.corpId, id)
      if (!group?.wecomGroupId) throw tagError('customers.tag_group.not_found')
      await pushed(() => wecom.editCorpTag({ id: group.wecomGroupId!, name }))
      await repo.renameGroup(db, id, name)
      return view(actor.corpId, id)
    },

    async deleteTag(actor: Actor, id: string) {
      const tag = await repo.findTag(db, actor.corpId, id)
      if (!tag?.wecomTagId) throw tagError('customers.tag.not_found')
      await wecom.deleteCorpTags({ tagIds: [tag.wecomTagId] })
      await repo.deleteTagsByWecomIds(db, actor.corpId, [tag.wecomTagId])
    },

    async deleteGroup(actor: Actor, id: string) {
      const group = await repo.findGroup(db, actor.corpId, id)
      if (!group?.wecomGroupId) throw tagError('customers.tag_group.not_found')
      await wecom.deleteCorpTags({ groupIds: [group.wecomGroupId] })
      await repo.deleteGroupsByWecomIds(db, actor.corpId, [group.wecomGroupId])
    },
  }
}
