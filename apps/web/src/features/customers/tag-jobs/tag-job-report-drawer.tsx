import { Alert, Descriptions, Drawer, Table, Typography } from 'antd'
import { api, call } from '../../../app/api'
import { useT } from '../../../app/i18n'
import { formatDateTime } from '../../../shared/format'
import { useRequest } from '../../../shared/use-request'
import { JobCounts, JobProgress, JobStatus, TagChips } from './job-parts'
import type { TagJob, TagJobFailure } from './types'

/** A job's report: its counts, and the relations WeCom refused for good. */
export function TagJobReportDrawer({ job, onClose }: { job?: TagJob; onClose: () => void }) {
  const t = useT()
  const failures = useRequest(
    () => (job ? call(api.GET('/api/tag-jobs/{id}/failures', { params: { path: { id: job.id } } })) : Promise.resolve({ items: [] })),
    [job?.id, job?.failed],
    { enabled: !!job },
  )
  const n = (value: number | null) => (value === null ? '-' : value.toLocaleString())
  return (
    <Drawer open={!!job} onClose={onClose} size={720} title={t('tagJobs.reportTitle')} destroyOnHidden>
      {job && (
        <>
          <Descriptions column={2} size="small" bordered style={{ marginBottom: 16 }} data-testid="tag-job-report">
            <Descriptions.Item label={t('tagJobs.field.segment')} span={2}>
              {job.segmentName} <Typography.Text type="secondary">· {t(`tagJobs.kind.${job.kind}`)}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('tagJobs.tags')} span={2}><TagChips add={job.addTags} remove={job.removeTags} /></Descriptions.Item>
            <Descriptions.Item label={t('tagJobs.status')}><JobStatus job={job} t={t} /></Descriptions.Item>
            <Descriptions.Item label={t('tagJobs.progress')}><JobProgress job={job} /></Descriptions.Item>
            <Descriptions.Item label={t('tagJobs.field.total')}>{n(job.total)}</Descriptions.Item>
            <Descriptions.Item label={t('tagJobs.field.processed')}>{n(job.processed)}</Descriptions.Item>
            <Descriptions.Item label={t('tagJobs.field.added')}>{n(job.added)}</Descriptions.Item>
            <Descriptions.Item label={t('tagJobs.field.already')}>{n(job.already)}</Descriptions.Item>
            <Descriptions.Item label={t('tagJobs.field.removed')}>{n(job.removed)}</Descriptions.Item>
            <Descriptions.Item label={t('tagJobs.field.marks')}>{n(job.marksQueued)}</Descriptions.Item>
            <Descriptions.Item label={t('tagJobs.field.startedAt')}>{formatDateTime(job.startedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('tagJobs.field.finishedAt')}>{formatDateTime(job.finishedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('tagJobs.result')} span={2}><JobCounts job={job} t={t} /></Descriptions.Item>
            {job.error && <Descriptions.Item label={t('tagJobs.field.error')} span={2}><Typography.Text type="danger">{job.error}</Typography.Text></Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={5}>{t('tagJobs.failures')}</Typography.Title>
          <Alert type="info" showIcon title={t('tagJobs.failuresHint')} style={{ marginBottom: 12 }} />
          <Table<TagJobFailure>
            rowKey={(f) => `${f.customerId}:${f.userid}`}
            size="small"
            loading={failures.loading}
            dataSource={failures.data?.items}
            pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('tagJobs.noFailures') }}
            columns={[
              { title: t('tagJobs.customer'), dataIndex: 'customerName', render: (name: string, f) => name || f.customerId },
              { title: t('tagJobs.employee'), dataIndex: 'employeeName', width: 140 },
              { title: t('tagJobs.errcode'), dataIndex: 'errcode', width: 90 },
              { title: t('tagJobs.message'), dataIndex: 'message', ellipsis: true },
              { title: t('tagJobs.createdAt'), dataIndex: 'at', width: 160, render: formatDateTime },
            ]}
            data-testid="tag-job-failures"
          />
        </>
      )}
    </Drawer>
  )
}
