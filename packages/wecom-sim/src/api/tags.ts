import { wecomError } from '../errors'
import type { TagGroupView } from '../world/tags'
import { relationOrThrow } from './external-contact'
import { optInt, optString, optStringArray } from './params'
import type { CgiFamily } from './router'

/** Corp customer tags and mark_tag (CONTRACT §3.2). */
export const tagsApi: CgiFamily = (router, { world }) => {
  router.post('/externalcontact/get_corp_tag_list', ({ body }) => {
    const tagIds = optStringArray(body, 'tag_id') ?? []
    const groupIds = optStringArray(body, 'group_id') ?? []
    const byId = tagIds.length + groupIds.length > 0 // `deleted` only shows when querying by id
    return { tag_group: world.tags.list(tagIds, groupIds).map((v) => groupView(v, byId)) }
  })
  router.post('/externalcontact/add_corp_tag', ({ body, now }) => {
    const rawTags = Array.isArray(body.tag) ? (body.tag as unknown[]) : []
    const tags = rawTags.map((t) => {
      const item = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>
      return { name: optString(item, 'name') ?? '', order: optInt(item, 'order', 0, 2 ** 32 - 1) ?? 0 }
    })
    const view = world.tags.addTags({
      groupId: optString(body, 'group_id'),
      groupName: optString(body, 'group_name'),
      groupOrder: optInt(body, 'order', 0, 2 ** 32 - 1),
      tags,
    }, Math.floor(now / 1000))
    return { tag_group: groupView(view, false) }
  })
  router.post('/externalcontact/edit_corp_tag', ({ body }) => {
    const id = optString(body, 'id')
    if (!id) throw wecomError(40068, 'id is required')
    world.tags.edit(id, optString(body, 'name'), optInt(body, 'order', 0, 2 ** 32 - 1))
    return {}
  })
  router.post('/externalcontact/del_corp_tag', ({ body }) => {
    const tagIds = optStringArray(body, 'tag_id') ?? []
    const groupIds = optStringArray(body, 'group_id') ?? []
    if (tagIds.length + groupIds.length === 0) throw wecomError(40058, 'tag_id and group_id are both empty')
    world.customers.removeTagEverywhere(world.tags.delete(tagIds, groupIds))
    return {}
  })
  router.post('/externalcontact/mark_tag', ({ body }) => {
    const follow = relationOrThrow(world, body)
    const add = optStringArray(body, 'add_tag') ?? []
    const remove = optStringArray(body, 'remove_tag') ?? []
    if (add.length + remove.length === 0) throw wecomError(40058, 'add_tag and remove_tag are both empty')
    for (const id of [...add, ...remove]) if (!world.tags.findActiveTag(id)) throw wecomError(40068, id)
    for (const id of remove) follow.tagIds.delete(id)
    for (const id of add) follow.tagIds.add(id)
    return {}
  })
}

function groupView({ group, tags }: TagGroupView, byId: boolean) {
  return {
    group_id: group.id,
    group_name: group.name,
    create_time: group.createTime,
    order: group.order,
    ...(byId ? { deleted: group.deleted } : {}),
    tag: tags.map((t) => ({
      id: t.id,
      name: t.name,
      create_time: t.createTime,
      order: t.order,
      ...(byId ? { deleted: t.deleted } : {}),
    })),
  }
}
