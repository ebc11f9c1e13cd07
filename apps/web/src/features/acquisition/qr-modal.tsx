import { Alert, Button, Descriptions, Divider, Flex, Image, Modal, Tag, Typography } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import type { LiveCode } from '../../api/types'
import { liveCodeQrUrl } from '../../app/api'
import { useT } from '../../app/i18n'
import { useCan } from '../../app/permissions'
import { useMe } from '../../app/session'
import { SimulateScanButton } from '../sandbox'

type Props = { code: LiveCode | undefined; onClose: () => void; onScanned: () => void }

export function QrModal({ code, onClose, onScanned }: Props) {
  const t = useT()
  const me = useMe()
  const can = useCan()
  return (
    <Modal open={!!code} onCancel={onClose} footer={null} title={t('liveCode.qrTitle', { name: code?.name ?? '' })} width={480} destroyOnHidden>
      {code && (
        <Flex vertical align="center" gap={16} data-testid="livecode-qr-modal">
          <Image
            src={liveCodeQrUrl(code.id)}
            alt={code.name}
            width={220}
            height={220}
            style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 8, background: '#fff' }}
          />
          <Button type="default" icon={<DownloadOutlined />} href={liveCodeQrUrl(code.id)} download={`${code.name}.png`} data-testid="livecode-qr-download">
            {t('liveCode.downloadQr')}
          </Button>
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ width: '100%' }}
            items={[
              { key: 'channel', label: t('liveCode.channelGroup'), children: code.channelGroup ? <Tag color="blue">{code.channelGroup}</Tag> : '-' },
              { key: 'state', label: t('liveCode.state'), children: <Typography.Text copyable code data-testid="livecode-state">{code.state}</Typography.Text> },
              {
                key: 'url',
                label: t('liveCode.qrCodeUrl'),
                children: <Typography.Text copyable ellipsis style={{ maxWidth: 260 }}>{code.qrCodeUrl}</Typography.Text>,
              },
            ]}
          />
          {me.corp.sandbox && can('sandbox.use') && (
            <>
              <Divider plain style={{ margin: 0 }}>{t('sandbox.badge')}</Divider>
              <Alert type="info" showIcon title={t('liveCode.simulateHint')} style={{ width: '100%' }} />
              <SimulateScanButton liveCodeId={code.id} withName size="large" block onScanned={onScanned} />
            </>
          )}
        </Flex>
      )}
    </Modal>
  )
}
