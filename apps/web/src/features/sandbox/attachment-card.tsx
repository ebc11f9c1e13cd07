import { Flex, Typography } from 'antd'
import { AppstoreOutlined, FileOutlined, LinkOutlined, PictureOutlined } from '@ant-design/icons'
import type { SandboxAttachment } from '../../api/types'
import { useT } from '../../app/i18n'

const CARD = { background: '#fff', borderRadius: 8, padding: 10, width: 220, boxShadow: '0 1px 2px rgba(0,0,0,0.06)' }

const field = (body: Record<string, unknown>, key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined)

/**
 * How WeChat renders a welcome attachment on the customer's phone. The sandbox returns what
 * Pond sent to WeCom (externalcontact/send_welcome_msg): `msgtype` plus its body, with
 * `mediaUrl` where an uploaded media_id can be viewed.
 */
export function AttachmentCard({ attachment }: { attachment: SandboxAttachment }) {
  const t = useT()
  const { msgtype, body, mediaUrl } = attachment
  if (msgtype === 'image') {
    return (
      <div style={{ ...CARD, padding: 4, width: 160 }}>
        <img src={mediaUrl ?? field(body, 'pic_url')} alt="" style={{ width: '100%', borderRadius: 6, display: 'block', minHeight: 60, background: '#eef2f7' }} />
        <Typography.Text type="secondary" style={{ fontSize: 11 }}><PictureOutlined /> {t('liveCode.att.image')}</Typography.Text>
      </div>
    )
  }
  if (msgtype === 'link') {
    const picUrl = field(body, 'picurl')
    return (
      <a href={field(body, 'url')} target="_blank" rel="noreferrer" style={{ ...CARD, display: 'block', color: 'inherit' }}>
        <Typography.Text strong ellipsis style={{ display: 'block' }}>{field(body, 'title')}</Typography.Text>
        <Flex gap={8} style={{ marginTop: 6 }}>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} style={{ flex: 1, fontSize: 12, margin: 0 }}>
            {field(body, 'desc') || field(body, 'url')}
          </Typography.Paragraph>
          {picUrl ? (
            <img src={picUrl} alt="" style={{ width: 44, height: 44, objectFit: 'cover', borderRadius: 4 }} />
          ) : (
            <LinkOutlined style={{ fontSize: 28, color: '#94a3b8' }} />
          )}
        </Flex>
      </a>
    )
  }
  if (msgtype === 'miniprogram') {
    return (
      <div style={CARD}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}><AppstoreOutlined /> {field(body, 'appid')}</Typography.Text>
        <Typography.Text strong ellipsis style={{ display: 'block', margin: '4px 0' }}>{field(body, 'title')}</Typography.Text>
        <div style={{ height: 90, borderRadius: 4, background: mediaUrl ? `center / cover url("${mediaUrl}")` : '#eef2f7' }} />
        <Typography.Text type="secondary" style={{ fontSize: 11 }}>{t('liveCode.att.miniprogram')}</Typography.Text>
      </div>
    )
  }
  return (
    <div style={CARD}>
      <FileOutlined /> <Typography.Text>{msgtype}</Typography.Text>
    </div>
  )
}
