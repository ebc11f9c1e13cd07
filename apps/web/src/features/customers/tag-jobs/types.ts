import type { ResponseOf } from '../../../api/types'

export type TagJob = ResponseOf<'/api/tag-jobs/{id}'>
export type TagJobStatus = TagJob['status']
export type TagJobFailure = ResponseOf<'/api/tag-jobs/{id}/failures'>['items'][number]
export type TagRule = ResponseOf<'/api/tag-rules'>['items'][number]

export const isActive = (job: TagJob) => job.status === 'queued' || job.status === 'running'
export const STATUS_BADGE: Record<TagJobStatus, 'default' | 'processing' | 'success' | 'error' | 'warning'> = {
  queued: 'default', running: 'processing', done: 'success', failed: 'error', cancelled: 'warning',
}
