import type { ReactNode } from 'react'
import { Button, Card, Dropdown, Flex, Form, Input, Typography, type MenuProps } from 'antd'
import { AppstoreOutlined, DeleteOutlined, LinkOutlined, PictureOutlined, PlusOutlined } from '@ant-design/icons'
import type { Attachment } from '../../api/types'
import { useT } from '../../app/i18n'
import { LIMITS, type LiveCodeFormValues } from './live-code-form'

type Kind = Attachment['type']

const ICONS: Record<Kind, ReactNode> = {
  image: <PictureOutlined />,
  link: <LinkOutlined />,
  miniprogram: <AppstoreOutlined />,
}

const BLANK: Record<Kind, Attachment> = {
  image: { type: 'image', imageUrl: '' },
  link: { type: 'link', title: '', url: '', desc: '', picUrl: '' },
  miniprogram: { type: 'miniprogram', title: '', appid: '', page: '', picUrl: '' },
}

const urlRule = { type: 'url' as const, warningOnly: false }

function AttachmentFields({ index, kind }: { index: number; kind: Kind }) {
  const t = useT()
  const required = { required: true, message: t('common.required') }
  const item = (name: string, label: string, rules: object[] = [], placeholder?: string) => (
    <Form.Item name={[index, name]} label={label} rules={rules} style={{ marginBottom: 8 }}>
      <Input placeholder={placeholder} allowClear />
    </Form.Item>
  )
  if (kind === 'image') return item('imageUrl', t('liveCode.att.imageUrl'), [required, { ...urlRule, message: t('common.invalidUrl') }], 'https://')
  if (kind === 'link') {
    return (
      <>
        {item('title', t('liveCode.att.title'), [required, { max: 128 }])}
        {item('url', t('liveCode.att.url'), [required, { ...urlRule, message: t('common.invalidUrl') }], 'https://')}
        {item('desc', t('liveCode.att.desc'), [{ max: 512 }])}
        {item('picUrl', t('liveCode.att.picUrl'), [{ ...urlRule, message: t('common.invalidUrl') }], 'https://')}
      </>
    )
  }
  return (
    <>
      {item('title', t('liveCode.att.title'), [required, { max: 64 }])}
      {item('appid', t('liveCode.att.appid'), [required, { max: 64 }], 'wx…')}
      {item('page', t('liveCode.att.page'), [required, { max: 256 }], 'pages/index/index.html')}
      {item('picUrl', t('liveCode.att.picUrl'), [required, { ...urlRule, message: t('common.invalidUrl') }], 'https://')}
    </>
  )
}

/** Welcome attachments: up to 9 images, link cards or mini-program cards. */
export function AttachmentsField() {
  const t = useT()
  const form = Form.useFormInstance<LiveCodeFormValues>()
  const attachments: Attachment[] = Form.useWatch('attachments', { form, preserve: true }) ?? []
  const kindLabel = (kind: Kind) => t(`liveCode.att.${kind}`)

  return (
    <Form.List name="attachments">
      {(fields, { add, remove }) => {
        const menu: MenuProps = {
          items: (Object.keys(BLANK) as Kind[]).map((kind) => ({ key: kind, icon: ICONS[kind], label: kindLabel(kind) })),
          onClick: ({ key }) => add({ ...BLANK[key as Kind] }),
        }
        return (
          <Flex vertical gap={8}>
            {fields.map((field) => {
              const kind = attachments[field.name]?.type ?? 'image'
              return (
                <Card
                  key={field.key}
                  size="small"
                  title={<span>{ICONS[kind]} {kindLabel(kind)} #{field.name + 1}</span>}
                  extra={<Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />}
                >
                  <Form.Item name={[field.name, 'type']} hidden>
                    <Input />
                  </Form.Item>
                  <AttachmentFields index={field.name} kind={kind} />
                </Card>
              )
            })}
            <Flex align="center" gap={12}>
              <Dropdown menu={menu} disabled={fields.length >= LIMITS.attachmentsMax}>
                <Button icon={<PlusOutlined />} disabled={fields.length >= LIMITS.attachmentsMax} data-testid="livecode-add-attachment">
                  {t('liveCode.att.add')}
                </Button>
              </Dropdown>
              <Typography.Text type="secondary">
                {t('liveCode.att.count', { count: fields.length, max: LIMITS.attachmentsMax })}
              </Typography.Text>
            </Flex>
          </Flex>
        )
      }}
    </Form.List>
  )
}
