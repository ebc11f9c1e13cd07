import type { InboxHandlers } from '../../../wecom/events'
import type { WeComPort } from '../../../wecom/port'
import * as repo from './repo'
import type { TagService } from './service'

/**
 * change_external_tag (CONTRACT §7.3): apply exactly what changed. Create/update/shuffle re-read that tag
 * or group from WeCom and upsert it; delete removes it. Never a blanket "delete what is not listed".
 */
export function tagHandlers(deps: { tags: TagService; wecom: WeComPort }): InboxHandlers {
  return {
    'tag.changed': async (e, ctx) => {
      const isGroup = e.tagType === 'tag_group' || e.changeType === 'shuffle'
      if (e.changeType === 'delete') {
        await ctx.transaction(async (tx) => {
          if (isGroup) await repo.deleteGroupsByWecomIds(tx, ctx.corpId, [e.id])
          else await repo.deleteTagsByWecomIds(tx, ctx.corpId, [e.id])
        })
        return
      }
      // shuffle without an id re-orders every group: re-read the whole library (it is at most 3,000 tags).
      const groups = await deps.wecom.getCorpTags(isGroup ? (e.id ? { groupIds: [e.id] } : {}) : { tagIds: [e.id] })
      await ctx.transaction((tx) => deps.tags.store(tx, ctx.corpId, groups))
    },
  }
}
