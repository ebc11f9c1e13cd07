import { useState } from 'react'
import { Button, Card, Empty, Flex, Popconfirm, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { DeleteOutlined, EditOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { useNavigate } from 'react-router-dom'
import { api, call } from '../../../app/api'
import { showError, toastSuccess } from '../../../app/feedback'
import { useT, type Translate } from '../../../app/i18n'
import { ROUTES } from '../../../app/routes'
import { formatDateTime } from '../../../shared/format'
import { PageHeader } from '../../../shared/page-header'
import { useRequest } from '../../../shared/use-request'
import { JobCounts, JobStatus, TagChips } from './job-parts'
import { TagRuleDrawer } from './tag-rule-drawer'
import { isActive, type TagRule } from './types'

type Actions = { onEdit(rule: TagRule): void; onToggle(rule: TagRule, enabled: boolean): Promise<void>; onRun(rule: TagRule): Promise<void>; onDelete(rule: TagRule): Promise<void> }

function columns(t: Translate, a: Actions): TableColumnsType<TagRule> {
  return [
    {
      title: t('tagRules.name'),
      key: 'name',
      render: (_, rule) => (
        <div>
          <Typography.Link strong onClick={() => a.onEdit(rule)}>{rule.name}</Typography.Link>
          <Typography.Text type={rule.segmentName ? 'secondary' : 'danger'} style={{ display: 'block', fontSize: 12 }}>
            {rule.segmentName ?? t('tagRules.segmentDeleted')}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('tagRules.tags'), key: 'tags', width: 140, render: (_, rule) => <TagChips add={rule.addTags} remove={[]} /> },
    { title: t('tagRules.options'), key: 'options', width: 110, render: (_, rule) => (rule.removeUnmatched ? <Tag>{t('tagRules.removeOption')}</Tag> : '-') },
    { title: t('tagRules.enabled'), key: 'enabled', width: 70, render: (_, rule) => <Switch size="small" checked={rule.enabled} onChange={(on) => a.onToggle(rule, on)} data-testid="tag-rule-enabled" /> },
    {
      title: t('tagRules.lastRun'),
      key: 'lastRun',
      width: 240,
      render: (_, rule) => rule.lastJob ? (
        <div>
          <JobStatus job={rule.lastJob} t={t} />
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>{formatDateTime(rule.lastJob.createdAt)}</Typography.Text>
          <div style={{ marginTop: 4 }}><JobCounts job={rule.lastJob} t={t} /></div>
        </div>
      ) : <Typography.Text type="secondary">{t('tagRules.never')}</Typography.Text>,
    },
    { title: t('tagRules.nextRun'), key: 'nextRun', width: 140, render: (_, rule) => rule.nextRunAt ? formatDateTime(rule.nextRunAt) : <Typography.Text type="secondary">{t('tagRules.paused')}</Typography.Text> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 240,
      render: (_, rule) => (
        <Flex gap={0} wrap>
          <Button type="link" size="small" icon={<PlayCircleOutlined />} disabled={!rule.segmentId || (!!rule.lastJob && isActive(rule.lastJob))} onClick={() => a.onRun(rule)} data-testid="tag-rule-run">
            {t('tagRules.runNow')}
          </Button>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => a.onEdit(rule)}>{t('common.edit')}</Button>
          <Popconfirm title={t('tagRules.deleteConfirm', { name: rule.name })} description={t('tagRules.deleteHint')} okButtonProps={{ danger: true }} onConfirm={() => a.onDelete(rule)}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />}>{t('common.delete')}</Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ]
}

/** 自动打标签: rules with their last run (polled while one runs), next nightly run, run now and an on/off switch. */
export function TagRulesPage() {
  const t = useT()
  const navigate = useNavigate()
  const [editing, setEditing] = useState<{ rule?: TagRule }>()
  const [polling, setPolling] = useState(false)
  const list = useRequest(async () => {
    const rules = await call(api.GET('/api/tag-rules'))
    setPolling(rules.items.some((r) => r.lastJob && isActive(r.lastJob)))
    return rules
  }, [], { pollMs: polling ? 2000 : undefined })

  const attempt = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work()
      toastSuccess(done)
      void list.refresh()
    } catch (error) {
      showError(error)
    }
  }
  const bodyOf = (rule: TagRule, enabled: boolean) => ({ name: rule.name, segmentId: rule.segmentId!, addTagIds: rule.addTags.map((tag) => tag.id), removeUnmatched: rule.removeUnmatched, enabled })
  const actions: Actions = {
    onEdit: (rule) => setEditing({ rule }),
    onToggle: (rule, enabled) => attempt(() => call(api.PUT('/api/tag-rules/{id}', { params: { path: { id: rule.id } }, body: bodyOf(rule, enabled) })), t('tagRules.saved')),
    onRun: (rule) => attempt(() => call(api.POST('/api/tag-rules/{id}/run', { params: { path: { id: rule.id } } })), t('tagRules.runStarted', { name: rule.name })),
    onDelete: (rule) => attempt(() => call(api.DELETE('/api/tag-rules/{id}', { params: { path: { id: rule.id } } })), t('tagRules.deleted')),
  }

  return (
    <>
      <PageHeader
        title={t('tagRules.title')}
        description={t('tagRules.description')}
        extra={
          <>
            <Button onClick={() => navigate(ROUTES.tagJobs)}>{t('tagJobs.viewJobs')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="tag-rule-create">{t('tagRules.create')}</Button>
          </>
        }
      />
      <Card title={t('tagRules.list')}>
        <Table<TagRule>
          rowKey="id"
          columns={columns(t, actions)}
          dataSource={list.data?.items}
          loading={list.loading && !list.data}
          pagination={false}
          scroll={{ x: 1080 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tagRules.empty')} /> }}
          data-testid="tag-rules-table"
        />
      </Card>
      <TagRuleDrawer
        open={!!editing}
        rule={editing?.rule}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined)
          void list.refresh()
        }}
      />
    </>
  )
}
