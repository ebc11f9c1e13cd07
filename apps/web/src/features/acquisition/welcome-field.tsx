import { Form, Input } from 'antd'
import { useT } from '../../app/i18n'
import { utf8Bytes } from '../../shared/format'
import { AttachmentsField } from './attachments-field'
import { LIMITS } from './live-code-form'

/** Welcome text (counted in UTF-8 bytes, as WeCom does) plus its attachments. */
export function WelcomeField() {
  const t = useT()
  return (
    <>
      <Form.Item
        name="welcomeText"
        label={t('liveCode.welcomeText')}
        extra={t('liveCode.welcomeHint')}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              if (value && utf8Bytes(value) > LIMITS.welcomeBytesMax) {
                throw new Error(t('liveCode.welcomeTooLong', { max: LIMITS.welcomeBytesMax }))
              }
            },
          },
        ]}
      >
        <Input.TextArea
          rows={5}
          placeholder={t('liveCode.welcomePlaceholder')}
          count={{ show: true, max: LIMITS.welcomeBytesMax, strategy: utf8Bytes }}
          data-testid="livecode-welcome-text"
        />
      </Form.Item>
      <Form.Item label={t('liveCode.attachments')}>
        <AttachmentsField />
      </Form.Item>
    </>
  )
}
