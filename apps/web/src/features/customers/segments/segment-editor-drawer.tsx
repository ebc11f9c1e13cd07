import { useEffect, useMemo, useState } from 'react'
import { App, Button, Col, Divider, Drawer, Flex, Form, Input, Row, Segmented, Space, Typography } from 'antd'
import type { Segment, SegmentQuery } from '../../../api/types'
import { ApiError, api, call } from '../../../app/api'
import { showError, toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { useMe } from '../../../app/session'
import { useRequest } from '../../../shared/use-request'
import { AudiencePanel } from './audience-panel'
import { ExpressionBuilder } from './expression-builder'
import { ExpressionError, unknownTagIds } from './expression-error'
import { fromSegmentFilters, SegmentFilterFields, toSegmentFilters, type SegmentFormValues } from './segment-filter-fields'
import { formatExpression, fromExpression, hasIncomplete, toExpression, type Group } from './segment-tree'
import { useAudience } from './use-audience'

const NAME_MAX = 60
const TEXT_MAX = 4000
type Mode = 'visual' | 'text'

type Props = {
  open: boolean
  /** The saved segment being edited; none for a new one. */
  segment?: Segment
  /** Without customers.segment.write the editor only explores (count and preview). */
  writable: boolean
  onClose: () => void
  onSaved: (segment: Segment) => void
}

/** 圈选人群: the tag expression (visual or text) and the other conditions, with the live count beside them. */
export function SegmentEditorDrawer({ open, segment, writable, onClose, onSaved }: Props) {
  const t = useT()
  const { modal } = App.useApp()
  // Managers and employees count only the customers they may see (the server applies their scope).
  const scoped = ['department_manager', 'employee'].includes(useMe().user.role)
  const [form] = Form.useForm<SegmentFormValues>()
  const [root, setRoot] = useState<Group>(() => fromExpression(null))
  const [values, setValues] = useState<SegmentFormValues>({})
  const [mode, setMode] = useState<Mode>('visual')
  const [text, setText] = useState('')
  const [textAtSwitch, setTextAtSwitch] = useState('')
  const [saving, setSaving] = useState(false)
  const tags = useRequest(() => call(api.GET('/api/tags')), [open], { enabled: open })

  useEffect(() => {
    if (!open) return
    const initial = { name: segment?.name ?? '', ...(segment ? fromSegmentFilters(segment.definition.filters) : {}) }
    form.resetFields()
    form.setFieldsValue(initial)
    setValues(initial)
    setRoot(fromExpression(segment?.definition.expression))
    setMode('visual')
  }, [open, segment, form])

  const tagNames = useMemo(() => new Map((tags.data?.groups ?? []).flatMap((g) => g.tags.map((tag) => [tag.id, tag.name] as const))), [tags.data])
  const expression = toExpression(root)
  const builderText = expression ? formatExpression(expression, (id) => tagNames.get(id) ?? id) : ''
  const query: SegmentQuery = {
    expression: mode === 'text' ? text.trim() || undefined : expression,
    filters: toSegmentFilters(values),
  }
  const audience = useAudience(query, open && (mode === 'text' || !tags.loading))

  const switchMode = (next: Mode) => {
    if (next === 'text') {
      setText(builderText)
      setTextAtSwitch(builderText)
      setMode('text')
    } else if (text === textAtSwitch) setMode('visual')
    else modal.confirm({ title: t('segments.discardText'), content: t('segments.discardTextHint'), onOk: () => setMode('visual') })
  }

  const save = async () => {
    let name: string
    try {
      name = (await form.validateFields(['name'])).name!.trim()
    } catch {
      return
    }
    setSaving(true)
    try {
      const body = { ...query, name }
      const saved = segment
        ? await call(api.PUT('/api/segments/{id}', { params: { path: { id: segment.id } }, body }))
        : await call(api.POST('/api/segments', { body }))
      toastSuccess(t(segment ? 'segments.updated' : 'segments.created', { name }))
      onSaved(saved)
    } catch (error) {
      if (error instanceof ApiError && error.code === 'customers.segment.name_taken') form.setFields([{ name: 'name', errors: [error.message] }])
      else showError(error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={1160}
      title={segment ? t(writable ? 'segments.edit' : 'segments.viewTitle', { name: segment.name }) : t(writable ? 'segments.create' : 'segments.explore')}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{writable ? t('common.cancel') : t('common.close')}</Button>
          {writable && (
            <Button type="primary" loading={saving} onClick={save} data-testid="segment-save">
              {t('common.save')}
            </Button>
          )}
        </Space>
      }
    >
      <Form<SegmentFormValues> form={form} name="segment" layout="vertical" onValuesChange={(_, all) => setValues(all)}>
        <Row gutter={24}>
          <Col span={14}>
            {writable && (
              <Form.Item name="name" label={t('segments.name')} rules={[{ required: true, whitespace: true, message: t('segments.nameRequired') }]}>
                <Input placeholder={t('segments.namePlaceholder')} maxLength={NAME_MAX} showCount data-testid="segment-name" />
              </Form.Item>
            )}
            <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
              <Typography.Text strong>{t('segments.tagConditions')}</Typography.Text>
              <Segmented<Mode>
                size="small"
                value={mode}
                onChange={switchMode}
                options={[
                  { value: 'visual', label: t('segments.mode.visual') },
                  { value: 'text', label: t('segments.mode.text') },
                ]}
                data-testid="segment-mode"
              />
            </Flex>
            {mode === 'visual' ? (
              <ExpressionBuilder
                root={root}
                onChange={setRoot}
                tagGroups={tags.data?.groups ?? []}
                loadingTags={tags.loading}
                invalidTagIds={unknownTagIds(audience.error)}
              />
            ) : (
              <>
                <Input.TextArea
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  autoSize={{ minRows: 3, maxRows: 8 }}
                  maxLength={TEXT_MAX}
                  placeholder={t('segments.textPlaceholder')}
                  style={{ fontFamily: 'monospace' }}
                  data-testid="segment-text"
                />
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
                  {t('segments.textHint')}
                </Typography.Text>
              </>
            )}
            {mode === 'visual' && hasIncomplete(root) && (
              <Typography.Text type="warning" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
                {t('segments.incompleteHint')}
              </Typography.Text>
            )}
            <div style={{ marginTop: 12 }}>
              <ExpressionError error={audience.error} text={mode === 'text' ? text.trim() : undefined} />
            </div>
            <Divider titlePlacement="start" plain style={{ marginTop: 24 }}>
              {t('segments.otherConditions')}
            </Divider>
            <SegmentFilterFields initialFollowerIds={segment?.definition.filters.followerIds} />
          </Col>
          <Col span={10}>
            <div style={{ position: 'sticky', top: 0 }}>
              <AudiencePanel
                count={audience.count}
                items={audience.items}
                loading={audience.loading}
                failed={!!audience.error}
                text={mode === 'text' ? text.trim() : builderText}
                scoped={scoped}
              />
            </div>
          </Col>
        </Row>
      </Form>
    </Drawer>
  )
}
