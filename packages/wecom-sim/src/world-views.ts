import type { Customer, Employee, Follow } from './world/types'
import type { World } from './world/world'

/** JSON views of the world for /sim routes (camelCase: this is the sim's own API, not WeCom's). */

export function customerView(world: World, c: Customer, baseUrl: string) {
  return { ...c, avatar: world.avatarOf(c, baseUrl) }
}

export function followView(world: World, f: Follow) {
  const tags = [...f.tagIds].map((id) => world.tags.findActiveTag(id)).filter((t) => t !== undefined)
  return {
    userid: f.userid,
    employeeName: world.org.findEmployee(f.userid)?.name ?? f.userid,
    externalUserId: f.externalUserId,
    remark: f.remark,
    description: f.description,
    createtime: f.createtime,
    addWay: f.addWay,
    state: f.state,
    operUserid: f.operUserid,
    deletedByCustomer: f.deletedByCustomer,
    tags: tags.map((t) => ({ id: t.id, name: t.name, groupName: world.tags.findGroup(t.groupId)?.name ?? '' })),
  }
}

export function employeeView(world: World, e: Employee) {
  return { ...e, customerCount: world.customers.followsOfUser(e.userid).length }
}
