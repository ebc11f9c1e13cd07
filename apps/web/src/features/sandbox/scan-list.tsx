import { Card, Table, Tag, type TableColumnsType } from 'antd'
import { QrcodeOutlined } from '@ant-design/icons'
import type { LiveCode, ScanResult } from '../../api/types'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useRequest } from '../../shared/use-request'
import { SimulateScanButton } from './simulate-scan'

type Props = { onScanned: (result: ScanResult, customerName: string | undefined) => void }

/** Every live code with a one-click "a new customer scans this". */
export function ScanList({ onScanned }: Props) {
  const t = useT()
  const { data, loading, refresh } = useRequest(() => call(api.GET('/api/live-codes', { params: { query: { limit: 50 } } })), [], {
    pollMs: 10_000,
  })
  const columns: TableColumnsType<LiveCode> = [
    { title: t('liveCode.name'), dataIndex: 'name', ellipsis: true },
    { title: t('liveCode.channelGroup'), dataIndex: 'channelGroup', render: (g: string) => (g ? <Tag color="blue">{g}</Tag> : '-') },
    { title: t('liveCode.addsToday'), dataIndex: 'addsToday', align: 'right', width: 90 },
    {
      title: t('common.actions'),
      key: 'scan',
      width: 150,
      render: (_, code) => (
        <SimulateScanButton
          liveCodeId={code.id}
          size="small"
          testId="sandbox-simulate-scan"
          onScanned={(result, name) => {
            void refresh()
            onScanned(result, name)
          }}
        />
      ),
    },
  ]
  return (
    <Card title={<span><QrcodeOutlined /> {t('sandbox.liveCodes')}</span>} style={{ height: '100%' }}>
      <Table<LiveCode>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items}
        loading={loading && !data}
        pagination={false}
        scroll={{ y: 320 }}
        locale={{ emptyText: t('sandbox.noLiveCodes') }}
        data-testid="sandbox-livecodes"
      />
    </Card>
  )
}
