import { Flex, Typography } from 'antd'
import { AppstoreOutlined, LinkOutlined, PictureOutlined } from '@ant-design/icons'
import type { Attachment } from '../../api/types'
import { useT } from '../../app/i18n'

const CARD = { background: '#fff', borderRadius: 8, padding: 10, width: 220, boxShadow: '0 1px 2px rgba(0,0,0,0.06)' }

/** How WeChat renders a welcome attachment on the customer's phone. */
export function AttachmentCard({ attachment }: { attachment: Attachment }) {
  const t = useT()
  if (attachment.type === 'image') {
    return (
      <div style={{ ...CARD, padding: 4, width: 160 }}>
        <img src={attachment.imageUrl} alt="" style={{ width: '100%', borderRadius: 6, display: 'block', minHeight: 60, background: '#eef2f7' }} />
        <Typography.Text type="secondary" style={{ fontSize: 11 }}><PictureOutlined /> {t('liveCode.att.image')}</Typography.Text>
      </div>
    )
  }
  if (attachment.type === 'link') {
    return (
      <a href={attachment.url} target="_blank" rel="noreferrer" style={{ ...CARD, display: 'block', color: 'inherit' }}>
        <Typography.Text strong ellipsis style={{ display: 'block' }}>{attachment.title}</Typography.Text>
        <Flex gap={8} style={{ marginTop: 6 }}>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} style={{ flex: 1, fontSize: 12, margin: 0 }}>
            {attachment.desc || attachment.url}
          </Typography.Paragraph>
          {attachment.picUrl ? (
            <img src={attachment.picUrl} alt="" style={{ width: 44, height: 44, objectFit: 'cover', borderRadius: 4 }} />
          ) : (
            <LinkOutlined style={{ fontSize: 28, color: '#94a3b8' }} />
          )}
        </Flex>
      </a>
    )
  }
  return (
    <div style={CARD}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}><AppstoreOutlined /> {attachment.appid}</Typography.Text>
      <Typography.Text strong ellipsis style={{ display: 'block', margin: '4px 0' }}>{attachment.title}</Typography.Text>
      <div style={{ height: 90, borderRadius: 4, background: attachment.picUrl ? `center / cover url("${attachment.picUrl}")` : '#eef2f7' }} />
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>{t('liveCode.att.miniprogram')}</Typography.Text>
    </div>
  )
}
