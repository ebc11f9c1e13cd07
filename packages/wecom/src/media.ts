import type { Call } from './call'

/** Temporary media kinds of media/upload. */
export type MediaType = 'image' | 'voice' | 'video' | 'file'

/** Reply of {@link MediaApi.upload}; the media id is valid for 3 days. */
export interface UploadedMedia {
  type: MediaType
  mediaId: string
  /** Unix seconds (WeCom sends a string or a number; normalised here). */
  createdAt: number
}

// Part content types per doc 91054; image type follows the file extension.
const contentType = (type: MediaType, filename: string): string => {
  if (type === 'voice') return 'voice/amr'
  if (type === 'video') return 'video/mp4'
  if (type === 'file') return 'application/octet-stream'
  if (/\.png$/i.test(filename)) return 'image/png'
  if (/\.bmp$/i.test(filename)) return 'image/bmp'
  return 'image/jpg'
}

const mediaForm = (filename: string, bytes: Uint8Array, type: string): FormData => {
  const form = new FormData()
  // One part named `media`; the filename is what recipients see (CONTRACT-MORE §13.1).
  form.append('media', new Blob([new Uint8Array(bytes)], { type }), filename)
  return form
}

/** Media uploads; see {@link mediaApi}. */
export type MediaApi = ReturnType<typeof mediaApi>

/** The `media` family of the client (CONTRACT-MORE §13). */
export const mediaApi = (call: Call) => ({
  /** Uploads temporary media (image ≤10 MB, voice AMR ≤2 MB, video MP4 ≤10 MB, file ≤20 MB). Doc 90253. */
  upload: async (type: MediaType, filename: string, bytes: Uint8Array): Promise<UploadedMedia> => {
    const reply = await call<{ type?: MediaType; mediaId: string; createdAt: string | number }>('media/upload', {
      query: { type },
      form: mediaForm(filename, bytes, contentType(type, filename)),
    })
    return { type: reply.type ?? type, mediaId: reply.mediaId, createdAt: Number(reply.createdAt) }
  },

  /** Uploads an image (≤2 MB) for a permanent URL usable in WeCom contexts (pic_url fields). Doc 90256. */
  uploadImg: async (filename: string, bytes: Uint8Array): Promise<{ url: string }> => {
    const { url } = await call<{ url: string }>('media/uploadimg', {
      form: mediaForm(filename, bytes, contentType('image', filename)),
    })
    return { url }
  },
})
