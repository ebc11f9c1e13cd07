import { useState } from 'react'
import { Avatar, Empty, Flex, Segmented, Typography } from 'antd'
import { UserOutlined } from '@ant-design/icons'
import type { SandboxContact, SandboxCustomerMessage } from '../../api/types'
import { useT } from '../../app/i18n'
import { formatTime } from '../../shared/format'
import { AttachmentCard } from './attachment-card'

type Props = { ownerName: string; messages: SandboxCustomerMessage[]; contacts: SandboxContact[] }

function Bubble({ message }: { message: SandboxCustomerMessage }) {
  return (
    <Flex gap={8} align="flex-start">
      <Avatar size={32} style={{ background: '#1d4ed8', flex: 'none' }}>{message.from.name.slice(0, 1)}</Avatar>
      <Flex vertical gap={6} style={{ minWidth: 0 }}>
        <Typography.Text type="secondary" style={{ fontSize: 11 }}>{message.from.name} · {formatTime(message.at)}</Typography.Text>
        {message.text && (
          <div style={{ background: '#fff', borderRadius: 8, padding: '8px 10px', maxWidth: 240, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {message.text}
          </div>
        )}
        {message.attachments.map((attachment, i) => <AttachmentCard key={i} attachment={attachment} />)}
      </Flex>
    </Flex>
  )
}

function Contacts({ contacts }: { contacts: SandboxContact[] }) {
  const t = useT()
  if (contacts.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sandbox.noContacts')} />
  return (
    <Flex vertical>
      {contacts.map((c) => (
        <Flex key={c.userid} align="center" gap={10} style={{ padding: '10px 4px', borderBottom: '1px solid #e5e7eb' }}>
          <Avatar shape="square" style={{ background: '#1d4ed8' }}>{c.name.slice(0, 1)}</Avatar>
          <div>
            <Typography.Text>{c.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{c.position || c.userid}</Typography.Text>
          </div>
          <Typography.Text style={{ marginLeft: 'auto', fontSize: 11, color: '#d97706' }}>@{t('sandbox.wecomSuffix')}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  )
}

/** A phone-shaped frame showing what the simulated customer sees in WeChat. */
export function PhoneFrame({ ownerName, messages, contacts }: Props) {
  const t = useT()
  const [tab, setTab] = useState<'chats' | 'contacts'>('chats')
  return (
    <div style={{ width: 320, margin: '0 auto', border: '10px solid #111827', borderRadius: 36, background: '#111827', boxShadow: '0 10px 30px rgba(0,0,0,.2)' }}>
      <div style={{ borderRadius: 26, overflow: 'hidden', background: '#ededed' }} data-testid="sandbox-phone">
        <Flex justify="center" style={{ padding: '8px 0 4px', background: '#f7f7f7' }}>
          <div style={{ width: 90, height: 18, borderRadius: 9, background: '#111827' }} />
        </Flex>
        <Flex align="center" justify="space-between" style={{ padding: '6px 12px', background: '#f7f7f7', borderBottom: '1px solid #e5e7eb' }}>
          <Flex align="center" gap={6}>
            <Avatar size={22} icon={<UserOutlined />} />
            <Typography.Text strong>{ownerName}</Typography.Text>
          </Flex>
          <Segmented
            size="small"
            value={tab}
            onChange={setTab}
            options={[
              { value: 'chats', label: t('sandbox.chats') },
              { value: 'contacts', label: t('sandbox.contacts') },
            ]}
          />
        </Flex>
        <div style={{ height: 460, overflowY: 'auto', padding: 12 }}>
          {tab === 'contacts' ? (
            <Contacts contacts={contacts} />
          ) : messages.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sandbox.noMessages')} style={{ marginTop: 80 }} />
          ) : (
            <Flex vertical gap={16}>{messages.map((m, i) => <Bubble key={`${m.at}-${i}`} message={m} />)}</Flex>
          )}
        </div>
      </div>
    </div>
  )
}
