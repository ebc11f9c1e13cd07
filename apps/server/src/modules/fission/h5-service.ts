import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Database } from '../../db/database'
import { systemActor } from '../../http/actor'
import { defineErrors } from '../../http/errors'
import type { LinkSigner } from '../../shared/signed-link'
import { fissionError } from './errors'
import { renderPoster, type PosterLayout } from './poster'
import * as repo from './repo'
import type { BackgroundStore } from './backgrounds'
import type { ActivityConfig } from './schema'
import type { CustomersService } from '../customers'
import type { FissionService } from './service'

/** What a customer's personal link is for: it opens one fission activity as one customer, nothing else. */
export const H5_LINK_PURPOSE = 'fission.h5'
/** A link opens the activity until this long after its end: participants still see progress and redeem. */
export const H5_LINK_GRACE_DAYS = 7
/** Helpers listed on the page (the count is exact; the faces are the latest). */
const HELPERS_SHOWN = 30
/** Images the poster pulls in (background, QR, avatar): bounded in size and time so one slow host cannot hang a request. */
const FETCH_LIMIT = { bytes: 8 * 1024 * 1024, ms: 5000 }

export const h5Error = defineErrors({
  'fission.h5.link_invalid': { status: 401, message: { zh: '链接无效，请向客户经理重新获取活动链接', en: 'The link is invalid; ask your account manager for a new one' } },
  'fission.h5.link_expired': { status: 401, message: { zh: '链接已过期，请向客户经理重新获取活动链接', en: 'The link has expired; ask your account manager for a new one' } },
  'fission.h5.blacklisted': { status: 403, message: { zh: '很抱歉，您暂时无法参与本活动', en: 'Sorry, you cannot take part in this activity' } },
  'fission.h5.not_joined': { status: 409, message: { zh: '请先参与活动', en: 'Join the activity first' } },
  'fission.h5.poster_unavailable': { status: 409, message: { zh: '活动开始后才能生成专属海报', en: 'Your poster is available once the activity starts' } },
  'fission.h5.poster_failed': { status: 502, message: { zh: '海报生成失败，请稍后再试', en: 'The poster could not be made; try again later' } },
})

/** A default layout for activities without a poster of their own: 750×1334, avatar and name on top, QR below. */
const DEFAULT_LAYOUT: PosterLayout = {
  width: 750, height: 1334, qr: { x: 225, y: 900, size: 300 }, avatar: { x: 60, y: 60, size: 96 },
  name: { x: 176, y: 84, fontSize: 36, color: '#ffffff' },
}

/** "张三" → "张*", "Alice" → "A****": helpers see who helped without the page leaking full names to whoever holds the link. */
export const maskName = (name: string) => {
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.join('') || '*'
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 4))
}

export interface H5Deps {
  db: Database
  fission: FissionService
  customers: Pick<CustomersService, 'cards'>
  links: LinkSigner
  clock: () => Date
  /** Where rendered posters are kept, one file per participant and input hash. */
  posterDir: string
  /** Uploaded backgrounds, read from disk instead of a round trip through Pond's own HTTP. */
  backgrounds: Pick<BackgroundStore, 'load'>
}

/** A customer's personal link to an activity: valid until the activity's end plus the grace; `url` is absolute when Pond knows its public address. */
export const h5Links = (links: LinkSigner, publicBaseUrl: string | undefined) => (activity: { id: string; endsAt: Date }, customerId: string) => {
  const expiresAt = new Date(activity.endsAt.getTime() + H5_LINK_GRACE_DAYS * 86_400_000)
  const token = links.sign({ purpose: H5_LINK_PURPOSE, subject: customerId, scope: activity.id, expiresAt })
  const path = `/h5/fission/${activity.id}?t=${token}`
  return { url: publicBaseUrl ? `${publicBaseUrl.replace(/\/+$/, '')}${path}` : undefined, path, expiresAt }
}

export type H5Service = ReturnType<typeof createH5Service>

/**
 * The customer's side of an activity, authenticated by their signed personal link alone (no console session):
 * the token names the customer (subject) and the activity (scope), so a link opens exactly one activity as one
 * customer. Everything runs as the corp's system actor once the token holds.
 */
export function createH5Service(deps: H5Deps) {
  const { db, fission, links, clock } = deps

  /** The token's customer and the activity it opens; 401 with a stable code otherwise. */
  async function open(activityId: string, token: string) {
    const check = links.verify(token, H5_LINK_PURPOSE, clock())
    if (!check.ok) throw h5Error(check.refusal === 'expired' ? 'fission.h5.link_expired' : 'fission.h5.link_invalid')
    if (check.claims.scope !== activityId) throw h5Error('fission.h5.link_invalid')
    const activity = await repo.findActivityById(db, activityId)
    if (!activity) throw h5Error('fission.h5.link_invalid')
    const [customer] = /^\d{1,19}$/.test(check.claims.subject) ? await deps.customers.cards(activity.corpId, [check.claims.subject]) : []
    if (!customer) throw h5Error('fission.h5.link_invalid')
    return { activity, customer, actor: systemActor(activity.corpId) }
  }

  async function progressOf(activityId: string, customerId: string) {
    const participant = await repo.findParticipant(db, activityId, customerId)
    if (!participant) return null
    const [helps, completions] = await Promise.all([
      repo.listHelps(db, activityId, { participantId: participant.id, status: 'counted' }, { limit: HELPERS_SHOWN }),
      repo.completionsOf(db, [participant.id]),
    ])
    const people = await deps.customers.cards(participant.corpId, helps.map((h) => h.helperCustomerId))
    return {
      joinedAt: participant.joinedAt,
      helpCount: participant.helpCount,
      posterReady: !!participant.qrCodeUrl,
      helpers: helps.map((h) => {
        const p = people.find((x) => x.id === h.helperCustomerId)
        return { name: maskName(p?.name ?? ''), avatar: p?.avatar ?? '', helpedAt: h.addedAt }
      }),
      completions: completions.map((c) => ({ id: c.id, level: c.level, status: c.status, redemptionCode: c.redemptionCode, completedAt: c.completedAt, redeemedAt: c.redeemedAt, fulfilledAt: c.fulfilledAt })),
    }
  }

  async function tiersView(activityId: string) {
    return (await repo.tiersOf(db, [activityId])).map((t) => ({ level: t.level, threshold: t.threshold, prizeName: t.prizeName, outOfStock: t.stockLeft <= 0 }))
  }

  /** The progress with what it means: the tier reached, the next one and how many helps it still needs. */
  async function progress(activityId: string, customerId: string) {
    const [me, tiers] = await Promise.all([progressOf(activityId, customerId), tiersView(activityId)])
    const count = me?.helpCount ?? 0
    const current = [...tiers].reverse().find((t) => t.threshold <= count) ?? null
    const next = tiers.find((t) => t.threshold > count) ?? null
    return {
      tiers, me,
      currentLevel: current?.level ?? null,
      nextLevel: next?.level ?? null,
      missing: next ? next.threshold - count : 0,
      outOfStock: me?.completions.some((c) => c.status === 'out_of_stock') ?? false,
    }
  }

  async function fetchImage(url: string | null | undefined): Promise<Buffer | null> {
    if (!url || !/^https?:\/\//.test(url)) return null
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_LIMIT.ms) })
      if (!res.ok) return null
      const body = Buffer.from(await res.arrayBuffer())
      return body.length <= FETCH_LIMIT.bytes ? body : null
    } catch {
      return null
    }
  }

  return {
    async view(activityId: string, token: string) {
      const { activity, customer } = await open(activityId, token)
      const config = activity.config as ActivityConfig
      return {
        activity: { id: activity.id, name: activity.name, rules: config.rules, status: activity.status, startsAt: activity.startsAt, endsAt: activity.endsAt, shareScript: config.scripts.customer },
        customer: { name: customer.name, avatar: customer.avatar },
        ...(await progress(activityId, customer.id)),
      }
    },

    async progress(activityId: string, token: string) {
      const { activity, customer } = await open(activityId, token)
      return { status: activity.status, ...(await progress(activityId, customer.id)) }
    },

    /** Idempotent: joining again returns the same participation. Blacklisted customers are refused. */
    async join(activityId: string, token: string) {
      const { activity, customer, actor } = await open(activityId, token)
      if (await repo.isBlacklisted(db, activity.corpId, customer.id)) throw h5Error('fission.h5.blacklisted')
      await fission.join(actor, activityId, customer.id)
      return { status: activity.status, ...(await progress(activityId, customer.id)) }
    },

    /**
     * The participant's poster PNG, rendered once per participant and inputs and kept on disk (posterDir):
     * a shared poster is fetched many times, rendering costs ~100 ms of CPU, and a changed layout, QR, name or
     * avatar gives a new hash and so a new file.
     */
    async poster(activityId: string, token: string): Promise<{ png: Buffer; cached: boolean }> {
      const { activity, customer } = await open(activityId, token)
      const participant = await repo.findParticipant(db, activityId, customer.id)
      if (!participant) throw h5Error('fission.h5.not_joined')
      if (!participant.qrCodeUrl) throw h5Error('fission.h5.poster_unavailable')
      const config = activity.config as ActivityConfig
      const layout = config.poster ?? DEFAULT_LAYOUT
      const key = createHash('sha256').update(JSON.stringify([layout, participant.qrCodeUrl, customer.name, customer.avatar, activity.name])).digest('hex').slice(0, 20)
      const file = join(deps.posterDir, `${participant.id}-${key}.png`)
      const hit = await readFile(file).catch(() => undefined)
      if (hit) return { png: hit, cached: true }
      const url = config.poster?.backgroundUrl
      const [background, qr, avatar] = await Promise.all([url ? deps.backgrounds.load(url) ?? fetchImage(url) : null, fetchImage(participant.qrCodeUrl), fetchImage(customer.avatar)])
      // WeCom's QR image is the poster's point; without it (or its background) nothing is cached and the next open retries.
      if (!qr || (config.poster && !background)) throw h5Error('fission.h5.poster_failed')
      const png = await renderPoster({
        layout, background, title: activity.name, name: customer.name, avatar,
        qr: { image: qr },
      })
      await mkdir(deps.posterDir, { recursive: true })
      const tmp = `${file}.${process.pid}.tmp`
      await writeFile(tmp, png)
      await rename(tmp, file)                 // whole or not at all: a concurrent reader never sees half a PNG
      return { png, cached: false }
    },

    /** The customer claims a reached tier's prize (with a delivery address when given); exactly once, through the service. */
    async redeem(activityId: string, token: string, completionId: string, address?: { name: string; phone: string; address: string }) {
      const { customer, actor } = await open(activityId, token)
      const participant = await repo.findParticipant(db, activityId, customer.id)
      const completion = participant ? (await repo.completionsOf(db, [participant.id])).find((c) => c.id === completionId) : undefined
      if (!completion?.redemptionCode) throw fissionError('fission.redemption.not_found')
      await fission.redeem(actor, activityId, completion.redemptionCode, address)
      return progress(activityId, customer.id)
    },
  }
}
