import { wecomError } from '../errors'
import { newCorpTagId } from '../ids'
import type { CorpTag, CorpTagGroup } from './types'

export interface NewTags {
  groupId?: string
  groupName?: string
  groupOrder?: number
  tags: { name: string; order?: number }[]
}

export interface TagGroupView {
  group: CorpTagGroup
  tags: CorpTag[]
}

/** Groups and tags in creation order, tombstones included. */
export interface TagState {
  groups: CorpTagGroup[]
  tags: CorpTag[]
}

const MAX_NAME = 30 // tag and group names ≤ 30 chars (CONTRACT §3.2)

/** Corp tags (企业客户标签) in groups; deleted ones stay as tombstones so lookups by id can say `deleted`. */
export class TagStore {
  private readonly groups = new Map<string, CorpTagGroup>()
  private readonly tags = new Map<string, CorpTag>()
  private active = 0

  constructor(private readonly limit: number) {}

  /** add_corp_tag: into `groupId`, or into the group named `groupName` (created when missing). */
  addTags(input: NewTags, nowSec: number): TagGroupView {
    if (input.tags.length === 0) throw wecomError(40058, 'tag must not be empty')
    const group = this.resolveGroup(input, nowSec)
    const names = new Set(this.activeTags(group).map((t) => t.name))
    for (const tag of input.tags) {
      if (!tag.name || [...tag.name].length > MAX_NAME) throw wecomError(40058, `tag name must be 1..${MAX_NAME} chars`)
      if (names.has(tag.name)) throw wecomError(40071, tag.name)
      names.add(tag.name)
    }
    if (this.active + input.tags.length > this.limit) throw wecomError(40058, `corp tag limit ${this.limit} reached`)
    const added = input.tags.map((t) => this.createTag(group, t.name, t.order ?? 0, nowSec))
    this.groups.set(group.id, group)
    return { group, tags: added }
  }

  private resolveGroup(input: NewTags, nowSec: number): CorpTagGroup {
    if (input.groupId) {
      const group = this.groups.get(input.groupId)
      if (!group || group.deleted) throw wecomError(40068, `group_id ${input.groupId}`)
      return group
    }
    const name = input.groupName ?? ''
    if (!name || [...name].length > MAX_NAME) throw wecomError(40058, `group_name must be 1..${MAX_NAME} chars`)
    const existing = [...this.groups.values()].find((g) => !g.deleted && g.name === name)
    if (existing) return existing
    return { id: newCorpTagId(), name, order: input.groupOrder ?? 0, createTime: nowSec, deleted: false, tagIds: [] }
  }

  private createTag(group: CorpTagGroup, name: string, order: number, nowSec: number): CorpTag {
    const tag: CorpTag = { id: newCorpTagId(), groupId: group.id, name, order, createTime: nowSec, deleted: false }
    this.tags.set(tag.id, tag)
    group.tagIds.push(tag.id)
    this.active++
    return tag
  }

  /** edit_corp_tag: `id` is a tag or a group id; names stay unique among siblings (40071). */
  edit(id: string, name: string | undefined, order: number | undefined): void {
    const tag = this.tags.get(id)
    const group = this.groups.get(id)
    const target = tag && !tag.deleted ? tag : group && !group.deleted ? group : undefined
    if (!target) throw wecomError(40068, `id ${id}`)
    if (name !== undefined) {
      if (!name || [...name].length > MAX_NAME) throw wecomError(40058, `name must be 1..${MAX_NAME} chars`)
      const siblings = tag ? this.activeTags(this.groups.get(tag.groupId) as CorpTagGroup) : this.activeGroups()
      if (siblings.some((s) => s.id !== id && s.name === name)) throw wecomError(40071, name)
      target.name = name
    }
    if (order !== undefined) target.order = order
  }

  /** del_corp_tag: returns the ids of every tag that disappeared (a group takes its tags with it). */
  delete(tagIds: string[], groupIds: string[]): Set<string> {
    for (const id of tagIds) if (!this.tags.get(id) || this.tags.get(id)?.deleted) throw wecomError(40068, `tag_id ${id}`)
    for (const id of groupIds) if (!this.groups.get(id) || this.groups.get(id)?.deleted) throw wecomError(40068, `group_id ${id}`)
    const removed = new Set<string>()
    const drop = (tag: CorpTag) => {
      if (tag.deleted) return
      tag.deleted = true
      this.active--
      removed.add(tag.id)
    }
    for (const id of tagIds) drop(this.tags.get(id) as CorpTag)
    for (const id of groupIds) (this.groups.get(id) as CorpTagGroup).deleted = true
    for (const group of this.groups.values()) {
      if (group.deleted) group.tagIds.forEach((id) => drop(this.tags.get(id) as CorpTag))
      else if (this.activeTags(group).length === 0) group.deleted = true // an emptied group goes too (UNCONFIRMED §3.2)
    }
    return removed
  }

  /** get_corp_tag_list: all active; or by group ids (wins); or by tag ids — those two also show tombstones. */
  list(tagIds: string[], groupIds: string[]): TagGroupView[] {
    if (groupIds.length > 0) {
      return groupIds.map((id) => this.groups.get(id)).filter((g) => g !== undefined)
        .map((group) => ({ group, tags: group.tagIds.map((id) => this.tags.get(id) as CorpTag) }))
    }
    if (tagIds.length > 0) {
      const wanted = tagIds.map((id) => this.tags.get(id)).filter((t) => t !== undefined)
      const byGroup = new Map<string, CorpTag[]>()
      for (const tag of wanted) byGroup.set(tag.groupId, [...(byGroup.get(tag.groupId) ?? []), tag])
      return [...byGroup].map(([id, tags]) => ({ group: this.groups.get(id) as CorpTagGroup, tags }))
    }
    return this.activeGroups().map((group) => ({ group, tags: this.activeTags(group) }))
  }

  findActiveTag(id: string): CorpTag | undefined {
    const tag = this.tags.get(id)
    return tag && !tag.deleted ? tag : undefined
  }

  findGroup(id: string): CorpTagGroup | undefined {
    return this.groups.get(id)
  }

  activeGroups(): CorpTagGroup[] {
    return [...this.groups.values()].filter((g) => !g.deleted).sort((a, b) => b.order - a.order)
  }

  activeTags(group: CorpTagGroup): CorpTag[] {
    return group.tagIds.map((id) => this.tags.get(id) as CorpTag).filter((t) => !t.deleted).sort((a, b) => b.order - a.order)
  }

  exportState(): TagState {
    return { groups: [...this.groups.values()], tags: [...this.tags.values()] }
  }

  /** Replaces everything with `state`; the objects are taken over, not copied. */
  importState(state: TagState): void {
    this.groups.clear()
    this.tags.clear()
    for (const group of state.groups) this.groups.set(group.id, group)
    for (const tag of state.tags) this.tags.set(tag.id, tag)
    this.active = state.tags.filter((t) => !t.deleted).length
  }

  get tagCount(): number {
    return this.active
  }
}
