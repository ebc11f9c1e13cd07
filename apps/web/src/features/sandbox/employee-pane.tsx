import { Card, Empty, Flex, Tag, Typography } from 'antd'
import { NotificationOutlined, TeamOutlined } from '@ant-design/icons'
import type { SandboxEmployeeMessage } from '../../api/types'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { formatTime } from '../../shared/format'
import { useRequest } from '../../shared/use-request'
import { EmployeeSelect } from '../org'

const POLL_MS = 2_000

/** App messages are text, textcard, markdown…; show the readable part, else the raw payload. */
function MessageBody({ message }: { message: SandboxEmployeeMessage }) {
  const content = message.content
  if (typeof content === 'string') return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{content}</Typography.Paragraph>
  const record = (content ?? {}) as Record<string, unknown>
  const text = [record.title, record.content, record.description].filter((v): v is string => typeof v === 'string')
  if (text.length) return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{text.join('\n')}</Typography.Paragraph>
  return <Typography.Text code style={{ wordBreak: 'break-all' }}>{JSON.stringify(content)}</Typography.Text>
}

type Props = { userid: string | undefined; onSelect: (userid: string | undefined) => void }

export function EmployeePane({ userid, onSelect }: Props) {
  const t = useT()
  const inbox = useRequest(
    () => call(api.GET('/api/sandbox/employees/{userid}/inbox', { params: { path: { userid: userid ?? '' } } })),
    [userid],
    { enabled: !!userid, pollMs: POLL_MS },
  )
  const messages = userid ? (inbox.data?.items ?? []) : []
  return (
    <Card title={<span><TeamOutlined /> {t('sandbox.employeeView')}</span>} style={{ height: '100%' }} data-testid="sandbox-employee-pane">
      <EmployeeSelect valueKey="wecomUserId" value={userid} onChange={(value) => onSelect(value)} placeholder={t('sandbox.pickEmployee')} style={{ width: '100%' }} />
      <div style={{ height: 500, overflowY: 'auto', marginTop: 12, background: '#f5f7fb', borderRadius: 8, padding: 12 }}>
        {!userid ? (
          <Empty description={t('sandbox.pickEmployee')} style={{ marginTop: 120 }} />
        ) : messages.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sandbox.noMessages')} style={{ marginTop: 120 }} />
        ) : (
          <Flex vertical gap={12}>
            {messages.map((m, i) => (
              <div key={`${m.at}-${i}`} style={{ background: '#fff', borderRadius: 8, padding: '10px 12px' }}>
                <Flex justify="space-between" style={{ marginBottom: 4 }}>
                  <Typography.Text strong><NotificationOutlined /> {t('sandbox.appMessage')}</Typography.Text>
                  <Flex gap={4} align="center">
                    <Tag>{m.msgtype}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(m.at)}</Typography.Text>
                  </Flex>
                </Flex>
                <MessageBody message={m} />
              </div>
            ))}
          </Flex>
        )}
      </div>
    </Card>
  )
}
