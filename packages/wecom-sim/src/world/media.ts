import { newMediaId } from '../ids'
import type { StoredMedia } from './types'

const MEDIA_TTL_MS = 3 * 86400 * 1000 // media_id valid 3 days (CONTRACT-MORE §13.1)

/** Uploaded temporary media, kept in memory so welcome attachments can be shown by the sandbox. */
export class MediaStore {
  private readonly media = new Map<string, StoredMedia>()

  add(input: Omit<StoredMedia, 'mediaId'>): StoredMedia {
    const stored: StoredMedia = { ...input, mediaId: newMediaId() }
    this.media.set(stored.mediaId, stored)
    return stored
  }

  /** undefined when unknown or older than three days by the sim clock. */
  find(mediaId: string, nowMs: number): StoredMedia | undefined {
    const found = this.media.get(mediaId)
    if (!found) return undefined
    if (nowMs - found.createdAt > MEDIA_TTL_MS) {
      this.media.delete(mediaId)
      return undefined
    }
    return found
  }

  /** Media still within its three days at `nowMs`; older ones can no longer be fetched anyway. */
  exportState(nowMs: number): StoredMedia[] {
    return [...this.media.values()].filter((m) => nowMs - m.createdAt <= MEDIA_TTL_MS)
  }

  /** Replaces everything with `media`; the objects are taken over, not copied. */
  importState(media: StoredMedia[]): void {
    this.media.clear()
    for (const stored of media) this.media.set(stored.mediaId, stored)
  }

  get count(): number {
    return this.media.size
  }
}
