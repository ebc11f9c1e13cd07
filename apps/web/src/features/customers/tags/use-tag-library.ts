import type { ResponseOf, TagGroup } from '../../../api/types'
import { api, call } from '../../../app/api'
import { showError, toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { useRequest } from '../../../shared/use-request'

type Library = ResponseOf<'/api/tags'>

/** The corp tag library and its edits. Each edit applies the server's answer at once, then re-reads quietly (WeCom may reorder or drop an emptied group). */
export function useTagLibrary() {
  const t = useT()
  const request = useRequest(() => call(api.GET('/api/tags')), [])
  const { setData, refresh } = request

  const update = (change: (groups: TagGroup[]) => TagGroup[]) => setData((data: Library | undefined) => data && { ...data, groups: change(data.groups) })
  const put = (group: TagGroup) =>
    update((groups) => (groups.some((g) => g.id === group.id) ? groups.map((g) => (g.id === group.id ? group : g)) : [...groups, group]))

  /** Runs an edit; toasts the outcome and tells whether it worked. */
  async function run<T>(action: () => Promise<T>, apply: (result: T) => void, success: string, onError?: (error: unknown) => void): Promise<boolean> {
    try {
      apply(await action())
      toastSuccess(success)
      void refresh()
      return true
    } catch (error) {
      onError?.(error)
      showError(error)
      return false
    }
  }

  const path = (id: string) => ({ params: { path: { id } } })
  return {
    groups: request.data?.groups ?? [],
    loading: request.loading,
    loaded: request.data !== undefined,
    reload: request.reload,
    createGroup: (name: string, tags: string[], onError?: (error: unknown) => void) =>
      run(() => call(api.POST('/api/tag-groups', { body: { name, tags } })), put, t('tags.groupCreated', { name }), onError),
    addTags: (group: TagGroup, names: string[]) =>
      run(() => call(api.POST('/api/tag-groups/{id}/tags', { ...path(group.id), body: { names } })), put, t('tags.tagsAdded', { count: names.length })),
    renameGroup: (group: TagGroup, name: string) =>
      run(() => call(api.PATCH('/api/tag-groups/{id}', { ...path(group.id), body: { name } })), put, t('tags.renamed')),
    renameTag: (tagId: string, name: string) =>
      run(() => call(api.PATCH('/api/tags/{id}', { ...path(tagId), body: { name } })), put, t('tags.renamed')),
    deleteTag: (tagId: string, name: string) =>
      run(
        () => call(api.DELETE('/api/tags/{id}', path(tagId))),
        () => update((groups) => groups.map((g) => ({ ...g, tags: g.tags.filter((tag) => tag.id !== tagId) }))),
        t('tags.tagDeleted', { name }),
      ),
    deleteGroup: (group: TagGroup) =>
      run(
        () => call(api.DELETE('/api/tag-groups/{id}', path(group.id))),
        () => update((groups) => groups.filter((g) => g.id !== group.id)),
        t('tags.groupDeleted', { name: group.name }),
      ),
  }
}

export type TagLibrary = ReturnType<typeof useTagLibrary>
