import { useEffect, useState } from 'react'
import { Alert, Button, Card, Flex, Form, Input, Radio, Select, Tag, Typography } from 'antd'
import { QrcodeOutlined, ScanOutlined } from '@ant-design/icons'
import type { ResponseOf, ScanResult } from '../../api/types'
import { api, call } from '../../app/api'
import { showError, toastSuccess } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { useRequest } from '../../shared/use-request'

type Way = ResponseOf<'/api/sandbox/contact-ways'>['items'][number]
type Props = { onScanned: (result: ScanResult, customerName: string | undefined) => void }
type Scanned = { result: ScanResult; way: Way }

const SEARCH_DEBOUNCE_MS = 300
const KIND_COLOR: Record<Way['kind'], string> = { live_code: 'blue', fission: 'magenta', other: 'default' }

/**
 * Any QR code the sandbox knows — live codes and fission initiators' personal codes — scanned by a new stranger
 * or an existing simulated customer, exactly as a phone would: WeCom calls Pond back with the code's State.
 */
export function ScanList({ onScanned }: Props) {
  const t = useT()
  const [keyword, setKeyword] = useState('')
  const [query, setQuery] = useState('')
  const [way, setWay] = useState<Way>()
  const [who, setWho] = useState<'new' | 'existing'>('new')
  const [name, setName] = useState('')
  const [existing, setExisting] = useState<string>()
  const [scanning, setScanning] = useState(false)
  const [scanned, setScanned] = useState<Scanned>()
  useEffect(() => {
    const timer = setTimeout(() => setQuery(keyword.trim()), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [keyword])
  const ways = useRequest(() => call(api.GET('/api/sandbox/contact-ways', { params: { query: { q: query || undefined, limit: 200 } } })), [query], { pollMs: 10_000 })
  const customers = useRequest(() => call(api.GET('/api/sandbox/customers', { params: { query: { limit: 200, offset: 0 } } })), [scanned], {
    enabled: who === 'existing',
  })

  const labelOf = (w: Way) =>
    w.kind === 'fission' ? t('sandboxScan.label.fission', { activity: w.name, initiator: w.initiator?.name ?? '' })
      : t(`sandboxScan.label.${w.kind}`, { name: w.name || w.state || w.configId })
  const options = [...(ways.data?.items ?? []), ...(way && !ways.data?.items.some((w) => w.configId === way.configId) ? [way] : [])]
    .map((w) => ({ value: w.configId, label: labelOf(w), way: w }))

  const scan = async () => {
    if (!way) return
    setScanning(true)
    try {
      const customer = who === 'existing' ? { externalUserId: existing } : { customerName: name.trim() || undefined }
      const result = await call(api.POST('/api/sandbox/contact-ways/{configId}/scan', { params: { path: { configId: way.configId } }, body: customer }))
      toastSuccess(t('sandboxScan.done', { name: result.customerName, userid: result.userid }))
      setScanned({ result, way })
      setName('')
      onScanned(result, result.customerName)
    } catch (error) {
      showError(error)
    } finally {
      setScanning(false)
    }
  }

  const openInitiatorPage = async (w: Way) => {
    try {
      const link = await call(api.POST('/api/fission/activities/{id}/links', { params: { path: { id: w.activityId! } }, body: { customerId: w.initiator!.customerId } }))
      window.open(link.url, '_blank', 'noopener')
    } catch (error) {
      showError(error)
    }
  }

  return (
    <Card
      title={<span><QrcodeOutlined /> {t('sandboxScan.title')}</span>}
      extra={<Typography.Text type="secondary">{t('sandboxScan.ways', { total: ways.data?.total ?? 0 })}</Typography.Text>}
      style={{ height: '100%' }}
      data-testid="sandbox-scan-card"
    >
      <Form layout="vertical" onFinish={scan}>
        <Form.Item label={t('sandboxScan.way')} required>
          <Select<string, (typeof options)[number]>
            value={way?.configId}
            onChange={(_, option) => setWay(Array.isArray(option) ? undefined : option?.way)}
            options={options}
            loading={ways.loading}
            showSearch={{ filterOption: false, onSearch: setKeyword }}
            onOpenChange={(open) => open || setKeyword('')}
            placeholder={t('sandboxScan.wayPlaceholder')}
            notFoundContent={ways.loading ? undefined : t('sandboxScan.noWays')}
            optionRender={({ data }) => (
              <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                <Tag color={KIND_COLOR[data.way.kind]} style={{ marginInlineEnd: 0 }}>{t(`sandboxScan.kind.${data.way.kind}`)}</Tag>
                <Typography.Text ellipsis style={{ flex: 1 }}>{data.label}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{t('sandboxScan.members', { n: data.way.members })}</Typography.Text>
              </Flex>
            )}
            data-testid="sandbox-way-select"
          />
        </Form.Item>
        <Form.Item label={t('sandboxScan.customer')} extra={who === 'new' ? t('sandboxScan.newHint') : undefined}>
          <Flex vertical gap={8}>
            <Radio.Group
              optionType="button"
              value={who}
              onChange={(e) => setWho(e.target.value as 'new' | 'existing')}
              options={[{ value: 'new', label: t('sandboxScan.newCustomer') }, { value: 'existing', label: t('sandboxScan.existingCustomer') }]}
              data-testid="sandbox-scan-who"
            />
            {who === 'new' ? (
              <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('sandbox.customerNamePlaceholder')} maxLength={20} data-testid="sandbox-scan-name" />
            ) : (
              <Select
                value={existing}
                onChange={setExisting}
                options={(customers.data?.items ?? []).map((c) => ({ value: c.externalUserId, label: `${c.name} · ${c.externalUserId}` }))}
                loading={customers.loading}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('sandboxScan.pickCustomer')}
                data-testid="sandbox-scan-existing"
              />
            )}
          </Flex>
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<ScanOutlined />} loading={scanning} disabled={!way || (who === 'existing' && !existing)} block data-testid="sandbox-scan">
          {t('sandboxScan.scan')}
        </Button>
      </Form>
      {scanned && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          title={t('sandboxScan.done', { name: scanned.result.customerName, userid: scanned.result.userid })}
          description={scanned.way.kind === 'fission' && (
            <Flex vertical gap={8} align="start">
              {t('sandboxScan.fissionDone', { state: scanned.result.state, initiator: scanned.way.initiator?.name ?? '' })}
              <Button size="small" onClick={() => openInitiatorPage(scanned.way)} data-testid="sandbox-open-h5">{t('sandboxScan.openH5')}</Button>
            </Flex>
          )}
          closable={{ onClose: () => setScanned(undefined) }}
          data-testid="sandbox-scan-result"
        />
      )}
    </Card>
  )
}
