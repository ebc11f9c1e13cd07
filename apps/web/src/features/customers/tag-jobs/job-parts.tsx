import { Badge, Progress, Space, Tag, Tooltip, Typography } from 'antd'
import type { Translate } from '../../../app/i18n'
import { STATUS_BADGE, type TagJob } from './types'

export function JobStatus({ job, t }: { job: TagJob; t: Translate }) {
  const badge = <Badge status={STATUS_BADGE[job.status]} text={t(`tagJobs.status.${job.status}`)} />
  return job.status === 'running' && job.phase === 'prune' ? <Tooltip title={t('tagJobs.phase.prune')}>{badge}</Tooltip> : badge
}

/** Members processed out of the audience; a rule's prune phase has no known total, so it shows as active. */
export function JobProgress({ job }: { job: TagJob }) {
  const total = job.total ?? 0
  const percent = job.status === 'done' ? 100 : total > 0 ? Math.floor((job.processed / total) * 100) : 0
  const status = job.status === 'failed' ? 'exception' : job.status === 'running' ? 'active' : job.status === 'done' ? 'success' : 'normal'
  return (
    <div data-testid="tag-job-progress">
      <Progress percent={percent} size="small" status={status} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {job.processed.toLocaleString()} / {job.total === null ? '-' : job.total.toLocaleString()}
      </Typography.Text>
    </div>
  )
}

export function JobCounts({ job, t }: { job: TagJob; t: Translate }) {
  const chips = [
    job.addTags.length > 0 && <Tag key="added" color={job.added > 0 ? 'green' : undefined}>{t('tagJobs.count.added', { n: job.added.toLocaleString() })}</Tag>,
    job.addTags.length > 0 && <Tag key="already">{t('tagJobs.count.already', { n: job.already.toLocaleString() })}</Tag>,
    (job.removeTags.length > 0 || job.removeUnmatched) && <Tag key="removed" color={job.removed > 0 ? 'orange' : undefined}>{t('tagJobs.count.removed', { n: job.removed.toLocaleString() })}</Tag>,
    job.failed > 0 && <Tag key="failed" color="red">{t('tagJobs.count.failed', { n: job.failed.toLocaleString() })}</Tag>,
  ].filter(Boolean)
  return <Space size={[4, 4]} wrap>{chips}</Space>
}

export function TagChips({ add, remove }: { add: { id: string; name: string }[]; remove: { id: string; name: string }[] }) {
  return (
    <Space size={[4, 4]} wrap>
      {add.map((tag) => <Tag key={tag.id} color="blue">+ {tag.name}</Tag>)}
      {remove.map((tag) => <Tag key={tag.id} color="default" style={{ textDecoration: 'line-through' }}>{tag.name}</Tag>)}
    </Space>
  )
}
