import type { Call } from './call'

/** A corp customer tag (ids start with `et`, observed). */
export interface CorpTag {
  id: string
  name: string
  createTime: number
  /** Larger sorts first. */
  order: number
  /** Only present when queried by id. */
  deleted?: boolean
}

/** A corp tag group with its tags. */
export interface CorpTagGroup {
  groupId: string
  groupName: string
  createTime: number
  order: number
  deleted?: boolean
  tag: CorpTag[]
}

/** Request of {@link TagsApi.addCorpTag}: into `groupId`, or into a group named `groupName`. */
export interface AddCorpTagRequest {
  groupId?: string
  /** At most 30 characters. */
  groupName?: string
  order?: number
  /** Names at most 30 characters; duplicates give 40071. */
  tag: { name: string; order?: number }[]
  agentid?: number
}

/** Request of {@link TagsApi.editCorpTag}; `id` is a tag or group id. */
export interface EditCorpTagRequest {
  id: string
  name?: string
  order?: number
  agentid?: number
}

/** Request of {@link TagsApi.markTag}; not both lists empty. */
export interface MarkTagRequest {
  userid: string
  externalUserId: string
  addTag?: string[]
  removeTag?: string[]
}

/** Corp customer tags; see {@link tagsApi}. */
export type TagsApi = ReturnType<typeof tagsApi>

/** The `tags` family of the client: corp customer tags (doc 96320, 92697; CONTRACT §3.2). */
export const tagsApi = (call: Call) => ({
  /** Tag groups; both filters empty = all, `groupId` wins over `tagId`. Doc 96320. */
  getCorpTagList: async (filter: { tagId?: string[]; groupId?: string[] } = {}): Promise<CorpTagGroup[]> =>
    (await call<{ tagGroup?: CorpTagGroup[] }>('externalcontact/get_corp_tag_list', { body: filter })).tagGroup ?? [],

  /** Adds tags to a group (creating the group if needed); at most 3000 corp tags. Doc 96320. */
  addCorpTag: async (request: AddCorpTagRequest): Promise<CorpTagGroup> =>
    (await call<{ tagGroup: CorpTagGroup }>('externalcontact/add_corp_tag', { body: request })).tagGroup,

  /** Renames or re-orders a tag or group created by this app. Doc 96320. */
  editCorpTag: async (request: EditCorpTagRequest): Promise<void> => {
    await call('externalcontact/edit_corp_tag', { body: request })
  },

  /** Deletes tags and/or groups created by this app; a group takes its tags with it. Doc 96320. */
  delCorpTag: async (request: { tagId?: string[]; groupId?: string[]; agentid?: number }): Promise<void> => {
    await call('externalcontact/del_corp_tag', { body: request })
  },

  /** Adds/removes corp tags on one member's customer; invalid tag ids give 40068. Doc 92697. */
  markTag: async (request: MarkTagRequest): Promise<void> => {
    await call('externalcontact/mark_tag', { body: request })
  },
})
