import { useEffect } from 'react'
import { Alert, Form, Modal, Skeleton, Statistic } from 'antd'
import { useNavigate } from 'react-router-dom'
import type { Segment } from '../../../api/types'
import { api, call } from '../../../app/api'
import { toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { ROUTES } from '../../../app/routes'
import { useFormSubmit } from '../../../shared/use-form-submit'
import { useRequest } from '../../../shared/use-request'
import { TagSelect } from '../tag-select'

type Values = { addTagIds: string[]; removeTagIds: string[] }

/** 批量打标签 on a saved segment: the audience the actor may see, the tags, confirm; the job runs in the background. */
export function BulkTagModal({ segment, onClose }: { segment?: Segment; onClose: () => void }) {
  const t = useT()
  const navigate = useNavigate()
  const [form] = Form.useForm<Values>()
  const audience = useRequest(
    () => call(api.POST('/api/segments/count', { body: { expression: segment!.definition.expression ?? undefined, filters: segment!.definition.filters } })),
    [segment?.id],
    { enabled: !!segment },
  )

  useEffect(() => {
    if (segment) form.resetFields()
  }, [segment, form])

  const { submit, saving } = useFormSubmit(form, async (values) => {
    await call(api.POST('/api/tag-jobs', { body: { segmentId: segment!.id, addTagIds: values.addTagIds ?? [], removeTagIds: values.removeTagIds ?? [] } }))
    toastSuccess(t('tagJobs.started'))
    onClose()
    navigate(ROUTES.tagJobs)
  })

  const atLeastOne = async () => {
    const { addTagIds = [], removeTagIds = [] } = form.getFieldsValue()
    if (addTagIds.length + removeTagIds.length === 0) throw new Error(t('tagJobs.tagsRequired'))
    if (addTagIds.some((id) => removeTagIds.includes(id))) throw new Error(t('tagJobs.overlap'))
  }

  return (
    <Modal
      open={!!segment}
      title={segment ? t('tagJobs.bulkTitle', { name: segment.name }) : ''}
      onCancel={onClose}
      onOk={submit}
      okText={t('tagJobs.start')}
      confirmLoading={saving}
      okButtonProps={{ disabled: audience.data?.count === 0, 'data-testid': 'bulk-tag-submit' }}
      destroyOnHidden
      width={560}
    >
      {audience.loading ? <Skeleton.Input active size="large" /> : (
        <Statistic title={t('tagJobs.audience')} value={audience.data?.count ?? 0} suffix={t('tagJobs.audienceCount', { count: '' }).trim()} data-testid="bulk-tag-audience" />
      )}
      <Alert type="info" showIcon title={t('tagJobs.audienceHint')} style={{ margin: '12px 0 20px' }} />
      <Form<Values> form={form} layout="vertical" initialValues={{ addTagIds: [], removeTagIds: [] }}>
        <Form.Item name="addTagIds" label={t('tagJobs.addTags')} rules={[{ validator: atLeastOne }]} dependencies={['removeTagIds']}>
          <TagSelect<string[]> multiple testId="bulk-tag-add" />
        </Form.Item>
        <Form.Item name="removeTagIds" label={t('tagJobs.removeTags')}>
          <TagSelect<string[]> multiple testId="bulk-tag-remove" />
        </Form.Item>
      </Form>
      <Alert type="warning" showIcon title={t('tagJobs.wecomHint')} />
    </Modal>
  )
}
