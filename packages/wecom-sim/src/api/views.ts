import type { Customer, Follow } from '../world/types'
import type { World } from '../world/world'

/** Wire shapes shared by the customer-contact APIs (CONTRACT §3.1), snake_case as WeCom sends them. */

export function externalContactView(world: World, c: Customer, baseUrl: string) {
  return {
    external_userid: c.externalUserId,
    name: c.name,
    avatar: world.avatarOf(c, baseUrl),
    type: c.type,
    gender: c.gender,
    ...(c.unionid ? { unionid: c.unionid } : {}),
  }
}

const optional = (f: Follow) => ({
  ...(f.remarkCorpName ? { remark_corp_name: f.remarkCorpName } : {}),
  ...(f.state ? { state: f.state } : {}),
})

/** follow_user[] of externalcontact/get: tags carry group and tag names, type 1 = corp tag. */
export function followUserView(world: World, f: Follow) {
  const tags = [...f.tagIds].map((id) => world.tags.findActiveTag(id)).filter((t) => t !== undefined).map((t) => ({
    group_name: world.tags.findGroup(t.groupId)?.name ?? '',
    tag_name: t.name,
    tag_id: t.id,
    type: 1,
  }))
  return {
    userid: f.userid,
    remark: f.remark,
    description: f.description,
    createtime: f.createtime,
    tags,
    remark_mobiles: f.remarkMobiles,
    oper_userid: f.operUserid,
    add_way: f.addWay,
    ...optional(f),
  }
}

/** follow_info of batch/get_by_user: corp tag ids only (CONTRACT §3.1). */
export function followInfoView(f: Follow) {
  return {
    userid: f.userid,
    remark: f.remark,
    description: f.description,
    createtime: f.createtime,
    tag_id: [...f.tagIds],
    remark_mobiles: f.remarkMobiles,
    oper_userid: f.operUserid,
    add_way: f.addWay,
    ...optional(f),
  }
}
