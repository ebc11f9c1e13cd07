import {
  callbackDedupeKey, createCallbackCrypto, createWeComClient, parseWeComEvent, WeComError,
  type Attachment, type CallbackCrypto, type CorpTagGroup, type ExternalContact, type TokenStore, type WeComClient, type WeComEvent,
} from '@pond/wecom'
import type { Database } from '../db/database'
import type { InboxEvent } from './events'
import type { ParsedCallback } from './inbox'
import type { WeComCustomer, WeComFollow, WeComPort, WelcomeAttachment, WelcomeMessage } from './port'
import { createPgTokenStore } from './token-store'

export interface WeComConnection {
  corpId: string
  corpName: string
  isSandbox: boolean
  port: WeComPort
  crypto: CallbackCrypto
  parse(decryptedXml: string): ParsedCallback
}

export interface WeComSettings {
  corpId: string; corpName: string; secret: string; agentId: number
  callbackToken: string; encodingAESKey: string; apiBaseUrl: string; isSandbox: boolean
}

/** The one place Pond talks to WeCom: the client, a token store in PostgreSQL, callback crypto, event mapping. */
export function connectWeCom(settings: WeComSettings, db: Database | undefined, fetchFn?: typeof fetch): WeComConnection {
  const tokenStore: TokenStore | undefined = db ? createPgTokenStore(db) : undefined
  const client = createWeComClient({
    corpId: settings.corpId, secret: settings.secret, agentId: settings.agentId, baseUrl: settings.apiBaseUrl,
    ...(tokenStore ? { tokenStore } : {}), ...(fetchFn ? { fetch: fetchFn } : {}),
  })
  return {
    corpId: settings.corpId, corpName: settings.corpName, isSandbox: settings.isSandbox,
    port: createPort(client, fetchFn ?? fetch),
    crypto: createCallbackCrypto({ token: settings.callbackToken, encodingAESKey: settings.encodingAESKey, receiveId: settings.corpId }),
    parse: parseCallback,
  }
}

export function parseCallback(decryptedXml: string): ParsedCallback {
  const e = parseWeComEvent(decryptedXml)
  return { event: toInboxEvent(e), eventName: e.event, changeType: 'changeType' in e ? String(e.changeType ?? '') : '', dedupeKey: callbackDedupeKey(decryptedXml) }
}

/** WeCom's event in Pond's words. */
export function toInboxEvent(e: WeComEvent): InboxEvent {
  const at = new Date(e.createTime * 1000)
  if (e.event === 'change_external_contact') {
    const base = { userid: e.userId, externalUserId: e.externalUserId, at }
    switch (e.changeType) {
      case 'add_external_contact': case 'add_half_external_contact':
        return { type: 'contact.added', ...base, state: e.state ?? '', welcomeCode: e.welcomeCode, half: e.changeType === 'add_half_external_contact' }
      case 'edit_external_contact': return { type: 'contact.edited', ...base }
      case 'del_external_contact': return { type: 'contact.deleted_by_employee', ...base, source: e.source ?? '' }
      case 'del_follow_user': return { type: 'contact.deleted_by_customer', ...base }
      case 'transfer_fail': return { type: 'contact.transfer_failed', ...base, reason: e.failReason ?? '' }
      default: return { type: 'ignored', event: e.event, changeType: e.changeType, at }
    }
  }
  if (e.event === 'change_external_tag') return { type: 'tag.changed', changeType: e.changeType, id: e.id ?? '', tagType: e.tagType ?? '', at }
  if (e.event === 'change_external_chat') return { type: 'chat.changed', changeType: e.changeType, chatId: e.chatId, at }
  if (e.event === 'change_contact') return { type: 'org.changed', changeType: e.changeType, at }
  return { type: 'ignored', event: e.event ?? '', changeType: '', at }
}

const toFollow = (f: { userid: string; remark?: string; description?: string; createtime: number; addWay?: number; state?: string; remarkMobiles?: string[] }, tagIds: string[]): WeComFollow => ({
  userid: f.userid, remark: f.remark ?? '', description: f.description ?? '', createdAt: new Date(f.createtime * 1000),
  addWay: f.addWay ?? 0, state: f.state ?? '', tagIds,
  remarkMobiles: (f.remarkMobiles ?? []).map((m) => m.trim()).filter((m) => m !== ''),   // [''] is how a cleared list looks
})

const toCustomer = (c: ExternalContact, follows: WeComFollow[]): WeComCustomer => ({
  externalUserId: c.externalUserId, name: c.name, avatar: c.avatar ?? '', gender: c.gender ?? 0, type: c.type,
  unionid: c.unionid ?? null, corpName: c.corpName ?? '', follows,
})

const toTagGroup = (g: CorpTagGroup) => ({ groupId: g.groupId, name: g.groupName, order: g.order, tags: (g.tag ?? []).filter((t) => !t.deleted).map((t) => ({ id: t.id, name: t.name, order: t.order })) })

function createPort(client: WeComClient, fetchFn: typeof fetch): WeComPort {
  const getCorpTags = async (filter: { tagIds?: string[]; groupIds?: string[] }) =>
    (await client.tags.getCorpTagList({ ...(filter.tagIds ? { tagId: filter.tagIds } : {}), ...(filter.groupIds ? { groupId: filter.groupIds } : {}) }))
      .filter((g) => !g.deleted).map(toTagGroup)
  // Temporary media ids live 3 days (CONTRACT-MORE §13.1); keep them 2 so a welcome never carries a dead one.
  const mediaCache = new Map<string, { mediaId: string; until: number }>()
  async function mediaIdOf(url: string) {
    const hit = mediaCache.get(url)
    if (hit && hit.until > Date.now()) return hit.mediaId
    const res = await fetchFn(url)
    if (!res.ok) throw new Error(`image ${url} answered ${res.status}`)
    const { mediaId } = await client.media.upload('image', 'image.png', new Uint8Array(await res.arrayBuffer()))
    mediaCache.set(url, { mediaId, until: Date.now() + 2 * 86_400_000 })
    return mediaId
  }
  async function toAttachment(a: WelcomeAttachment): Promise<Attachment> {
    if (a.type === 'image') return { msgtype: 'image', image: { mediaId: await mediaIdOf(a.imageUrl) } }
    if (a.type === 'link') return { msgtype: 'link', link: { title: a.title, url: a.url, ...(a.desc ? { desc: a.desc } : {}), ...(a.picUrl ? { picurl: a.picUrl } : {}) } }
    return { msgtype: 'miniprogram', miniprogram: { title: a.title, appid: a.appid, page: a.page, picMediaId: await mediaIdOf(a.picUrl) } }
  }

  return {
    corpId: client.corpId,
    async listDepartments() {
      return (await client.org.departmentList()).map((d) => ({ id: d.id, name: d.name ?? String(d.id), parentId: d.parentid, order: d.order }))
    },
    async listEmployees() {
      // user/list of the root with fetch_child is not promised any more (CONTRACT-MORE §11.3): walk the tree.
      const departments = await client.org.departmentSimpleList()
      const seen = new Map<string, Awaited<ReturnType<WeComClient['org']['userList']>>[number]>()
      for (const d of departments) for (const m of await client.org.userList(d.id)) seen.set(m.userid, m)
      return [...seen.values()].map((m) => ({
        userid: m.userid, name: m.name ?? m.userid, position: m.position ?? '', status: m.status ?? 1,
        departmentIds: m.department ?? [], mainDepartmentId: m.mainDepartment ?? null,
      }))
    },
    async getCustomer(externalUserId) {
      const d = await client.externalContact.get(externalUserId)
      return toCustomer(d.externalContact, d.followUser.map((f) => toFollow(f, (f.tags ?? []).flatMap((t) => t.type === 1 && t.tagId ? [t.tagId] : []))))
    },
    async listCustomersByEmployees(userids, cursor, opts = {}) {
      const page = await client.externalContact.batchGetByUser({ userIdList: userids, cursor, limit: 100 }, opts.paced ? { retry: { attempts: 0, baseDelayMs: 0 } } : {})
      // One row per (customer, follow): fold them so a customer appears once per page.
      const byId = new Map<string, WeComCustomer>()
      for (const { externalContact, followInfo } of page.externalContactList) {
        const c = byId.get(externalContact.externalUserId) ?? byId.set(externalContact.externalUserId, toCustomer(externalContact, [])).get(externalContact.externalUserId)!
        c.follows.push(toFollow(followInfo, followInfo.tagId ?? []))
      }
      return { customers: [...byId.values()], nextCursor: page.nextCursor }
    },
    listCorpTags: () => getCorpTags({}),
    getCorpTags,
    async addCorpTags(input) {
      const g = await client.tags.addCorpTag({ ...(input.groupId ? { groupId: input.groupId } : { groupName: input.groupName }), tag: input.tags.map((name) => ({ name })) })
      return toTagGroup(g)
    },
    editCorpTag: (input) => client.tags.editCorpTag(input),
    deleteCorpTags: (input) => client.tags.delCorpTag({ ...(input.tagIds ? { tagId: input.tagIds } : {}), ...(input.groupIds ? { groupId: input.groupIds } : {}) }),
    async transferCustomers(input) {
      const body = { handoverUserId: input.handoverUserid, takeoverUserId: input.takeoverUserid, externalUserId: input.externalUserIds }
      const reply = input.kind === 'on_job'
        ? await client.externalContact.transferCustomer({ ...body, ...(input.message ? { transferSuccessMsg: input.message } : {}) })
        : await client.externalContact.resignedTransferCustomer(body)
      return reply.customer.map((c) => ({ externalUserId: c.externalUserId, errcode: c.errcode }))
    },
    async transferResults(input) {
      const out: { externalUserId: string; status: number; takeoverAt: Date | null }[] = []
      let cursor: string | undefined
      do {
        const req = { handoverUserId: input.handoverUserid, takeoverUserId: input.takeoverUserid, ...(cursor ? { cursor } : {}) }
        const page = input.kind === 'on_job' ? await client.externalContact.transferResult(req) : await client.externalContact.resignedTransferResult(req)
        for (const c of page.customer) out.push({ externalUserId: c.externalUserId, status: c.status, takeoverAt: c.takeoverTime ? new Date(c.takeoverTime * 1000) : null })
        cursor = page.nextCursor
      } while (cursor)
      return out
    },
    async unassignedCustomers() {
      const page = await client.externalContact.getUnassignedList({ pageSize: 1000 })
      return page.info.map((i) => ({ handoverUserid: i.handoverUserId, externalUserId: i.externalUserId, leftAt: new Date(i.dimissionTime * 1000) }))
    },
    async sendAppMessage(input) {
      const reply = await client.message.send({ msgtype: 'markdown', markdown: { content: input.markdown }, touser: input.touser,
        // WeCom drops an identical message within 30 min: a retried job cannot notify twice.
        enableDuplicateCheck: true, duplicateCheckInterval: 1800 })
      return { invalid: reply.invaliduser }
    },
    async createContactWay(input) {
      // Always multi-member (type 2): the type is fixed at creation and rotation may grow or shrink the list.
      const way = await client.contactWay.add({ type: 2, scene: 2, ...wayFields(input) })
      return { configId: way.configId, qrCodeUrl: way.qrCode ?? '' }
    },
    updateContactWay: (configId, input) => client.contactWay.update({ configId, ...wayFields(input) }),
    deleteContactWay: (configId) => client.contactWay.del(configId),
    async fetchQrPng(url) {
      const res = await fetchFn(url)
      if (!res.ok) throw new Error(`QR image answered ${res.status}`)
      return Buffer.from(await res.arrayBuffer())
    },
    markTags: (i) => client.tags.markTag({ userid: i.userid, externalUserId: i.externalUserId, addTag: i.add, removeTag: i.remove }),
    async sendWelcome(welcomeCode, message: WelcomeMessage) {
      try {
        await client.externalContact.sendWelcomeMsg({
          welcomeCode, ...(message.text ? { text: { content: message.text } } : {}),
          attachments: await Promise.all(message.attachments.map(toAttachment)),
        })
        return 'sent'
      } catch (err) {
        if (err instanceof WeComError && err.errcode === 41051) return 'already_sent'
        if (err instanceof WeComError && err.errcode === 41050) return 'expired'
        throw err
      }
    },
  }
}

const wayFields = (input: { userids: string[]; skipVerify: boolean; state: string; remark: string }) =>
  ({ user: input.userids, skipVerify: input.skipVerify, state: input.state, remark: input.remark })
