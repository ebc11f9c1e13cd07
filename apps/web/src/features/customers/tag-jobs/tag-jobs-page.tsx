import { useState } from 'react'
import { Button, Card, Empty, Flex, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { FileTextOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons'
import { api, call } from '../../../app/api'
import { showError, toastSuccess } from '../../../app/feedback'
import { useT, type Translate } from '../../../app/i18n'
import { formatDateTime } from '../../../shared/format'
import { PageHeader } from '../../../shared/page-header'
import { useRequest } from '../../../shared/use-request'
import { JobCounts, JobProgress, JobStatus, TagChips } from './job-parts'
import { TagJobReportDrawer } from './tag-job-report-drawer'
import { isActive, type TagJob } from './types'

const POLL_SECONDS = 2

function columns(t: Translate, actions: { onReport: (job: TagJob) => void; onCancel: (job: TagJob) => Promise<void> }): TableColumnsType<TagJob> {
  return [
    {
      title: t('tagJobs.target'),
      key: 'target',
      render: (_, job) => (
        <div>
          <Typography.Link strong onClick={() => actions.onReport(job)}>{job.segmentName}</Typography.Link>
          <div><Tag color={job.kind === 'rule' ? 'purple' : 'blue'} style={{ marginTop: 4 }}>{t(`tagJobs.kind.${job.kind}`)}</Tag></div>
        </div>
      ),
    },
    { title: t('tagJobs.tags'), key: 'tags', width: 160, render: (_, job) => <TagChips add={job.addTags} remove={job.removeTags} /> },
    { title: t('tagJobs.status'), key: 'status', width: 110, render: (_, job) => <JobStatus job={job} t={t} /> },
    { title: t('tagJobs.progress'), key: 'progress', width: 170, render: (_, job) => <JobProgress job={job} /> },
    { title: t('tagJobs.result'), key: 'counts', width: 200, render: (_, job) => <JobCounts job={job} t={t} /> },
    { title: t('tagJobs.createdAt'), dataIndex: 'createdAt', width: 150, render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, job) => (
        <Flex gap={0} wrap>
          <Button type="link" size="small" icon={<FileTextOutlined />} onClick={() => actions.onReport(job)} data-testid="tag-job-report-open">
            {t('tagJobs.report')}
          </Button>
          {isActive(job) && (
            <Popconfirm title={t('tagJobs.cancelConfirm')} description={t('tagJobs.cancelHint')} okButtonProps={{ danger: true }} onConfirm={() => actions.onCancel(job)}>
              <Button type="link" size="small" danger icon={<StopOutlined />} data-testid="tag-job-cancel">{t('tagJobs.cancel')}</Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ]
}

/** 打标签任务: bulk and rule runs with live progress; polls while any is queued or running. */
export function TagJobsPage() {
  const t = useT()
  const [reportId, setReportId] = useState<string>()
  const [polling, setPolling] = useState(false)
  const list = useRequest(async () => {
    const page = await call(api.GET('/api/tag-jobs', { params: { query: { limit: 50 } } }))
    setPolling(page.items.some(isActive))
    return page
  }, [], { pollMs: polling ? POLL_SECONDS * 1000 : undefined })

  const cancel = async (job: TagJob) => {
    try {
      await call(api.POST('/api/tag-jobs/{id}/cancel', { params: { path: { id: job.id } } }))
      toastSuccess(t('tagJobs.cancelled'))
      void list.refresh()
    } catch (error) {
      showError(error)
    }
  }

  return (
    <>
      <PageHeader title={t('tagJobs.title')} description={t('tagJobs.description')} />
      <Card
        title={t('tagJobs.list')}
        extra={
          <Flex align="center" gap={8}>
            {polling && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('tagJobs.autoRefresh', { seconds: POLL_SECONDS })}</Typography.Text>}
            <Button type="text" icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />
          </Flex>
        }
      >
        <Table<TagJob>
          rowKey="id"
          columns={columns(t, { onReport: (job) => setReportId(job.id), onCancel: cancel })}
          dataSource={list.data?.items}
          loading={list.loading && !list.data}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          scroll={{ x: 1080 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tagJobs.empty')} /> }}
          data-testid="tag-jobs-table"
        />
      </Card>
      <TagJobReportDrawer job={list.data?.items.find((j) => j.id === reportId)} onClose={() => setReportId(undefined)} />
    </>
  )
}
