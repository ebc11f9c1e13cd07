import { useEffect, useState } from 'react'
import { Button, Card, Flex, Radio, Select, Space, Statistic, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons'
import { api, call } from '../../../app/api'
import { showError } from '../../../app/feedback'
import { useT, type Translate } from '../../../app/i18n'
import { CursorPager } from '../../../shared/cursor-pager'
import { useCursorPager } from '../../../shared/use-cursor-pager'
import { useRequest } from '../../../shared/use-request'
import type { CustomerImport, ImportRow, MatchBy } from './import-api'
import type { CustomField } from './use-custom-fields'

const BUILT_IN = ['phone', 'bankCustomerNo', 'verified'] as const
const BUILT_IN_LABEL = { phone: 'profile.phone', bankCustomerNo: 'profile.bankCustomerNo', verified: 'profile.verified' } as const

/** The row's changes as "label: value" chips, custom fields by their names. */
function changeChips(t: Translate, changes: ImportRow['changes'], fields: Map<string, CustomField>) {
  const chips: string[] = []
  for (const key of BUILT_IN) {
    const v = changes[key]
    if (v !== undefined) chips.push(`${t(BUILT_IN_LABEL[key])}: ${typeof v === 'boolean' ? t(v ? 'profile.verified' : 'profile.notVerified') : String(v)}`)
  }
  for (const [id, v] of Object.entries((changes.attributes ?? {}) as Record<string, unknown>)) chips.push(`${fields.get(id)?.name ?? id}: ${Array.isArray(v) ? v.join('、') : String(v)}`)
  return chips
}

type Props = { imp: CustomerImport; fields: CustomField[]; onRemapped: (imp: CustomerImport) => void }

/** Step 2: where each column goes, how rows match, and every row's outcome (paged, errors only on demand). */
export function ImportPreview({ imp, fields, onRemapped }: Props) {
  const t = useT()
  const [mapping, setMapping] = useState(imp.mapping)
  const [matchBy, setMatchBy] = useState<MatchBy>(imp.matchBy)
  const [errorsOnly, setErrorsOnly] = useState(false)
  const [remapping, setRemapping] = useState(false)
  const pager = useCursorPager(20)
  const byId = new Map(fields.map((f) => [f.id, f]))
  const rows = useRequest(() => call(api.GET('/api/customer-imports/{id}/rows', {
    params: { path: { id: imp.id }, query: { errorsOnly: String(errorsOnly) as 'true', limit: pager.pageSize, after: pager.cursor ? Number(pager.cursor) : undefined } },
  })), [imp.id, imp.errorCount, imp.matchBy, JSON.stringify(imp.mapping), errorsOnly, pager.cursor, pager.pageSize])

  useEffect(() => { setMapping(imp.mapping); setMatchBy(imp.matchBy) }, [imp])
  const { reset } = pager
  useEffect(() => reset(), [errorsOnly, imp, reset])

  const remap = async () => {
    setRemapping(true)
    try {
      onRemapped(await call(api.PUT('/api/customer-imports/{id}/mapping', { params: { path: { id: imp.id } }, body: { matchBy, mapping } })))
    } catch (error) {
      showError(error)
    } finally {
      setRemapping(false)
    }
  }

  const targets = [
    { value: '', label: t('imports.ignore') },
    ...BUILT_IN.map((b) => ({ value: b, label: t(BUILT_IN_LABEL[b]) })),
    ...fields.map((f) => ({ value: `field:${f.id}`, label: f.name })),
  ]
  const dirty = matchBy !== imp.matchBy || JSON.stringify(mapping) !== JSON.stringify(imp.mapping)
  const columns: TableColumnsType<ImportRow> = [
    { title: t('imports.rowNo'), dataIndex: 'rowNo', width: 70 },
    {
      title: t('imports.outcome'), key: 'outcome', width: 130,
      render: (_, r) => r.errors.length
        ? <Space size={4}><CloseCircleTwoTone twoToneColor="#ef4444" />{t('imports.error')}</Space>
        : <Space size={4}><CheckCircleTwoTone twoToneColor="#22c55e" />{t('imports.willUpdate')}</Space>,
    },
    { title: imp.headers[mapping.indexOf(matchBy === 'phone' ? 'phone' : 'bankCustomerNo')] ?? t('imports.column'), key: 'key', width: 150,
      render: (_, r) => r.cells[imp.mapping.indexOf(imp.matchBy === 'phone' ? 'phone' : 'bankCustomerNo')] || '-' },
    { title: t('imports.customer'), dataIndex: 'customerName', width: 130, render: (name: string | null) => name ?? '-' },
    {
      title: t('imports.changes'), key: 'changes',
      render: (_, r) => r.errors.length
        ? <Space orientation="vertical" size={0}>{r.errors.map((e, i) => <Typography.Text key={i} type="danger">{e.column ? `${e.column}：` : ''}{e.message} <Typography.Text type="secondary" code>{e.code}</Typography.Text></Typography.Text>)}</Space>
        : <Space size={[4, 4]} wrap>{changeChips(t, r.changes, byId).map((c) => <Tag key={c}>{c}</Tag>)}</Space>,
    },
  ]

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('imports.mapping')} extra={<Button type={dirty ? 'primary' : 'default'} loading={remapping} onClick={remap} data-testid="import-remap">{t('imports.remap')}</Button>}>
        <Flex gap={16} align="center" style={{ marginBottom: 12 }} wrap>
          <Typography.Text>{t('imports.matchBy')}</Typography.Text>
          <Radio.Group value={matchBy} onChange={(e) => setMatchBy(e.target.value)} optionType="button"
            options={(['phone', 'bank_customer_no'] as const).map((m) => ({ value: m, label: t(`imports.matchBy.${m}`) }))} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('imports.matchByHint')}</Typography.Text>
        </Flex>
        <Flex gap={12} wrap>
          {imp.headers.map((h, i) => (
            <Flex key={i} vertical gap={4} style={{ width: 170 }}>
              <Typography.Text strong ellipsis>{h || `#${i + 1}`}</Typography.Text>
              <Select size="small" value={mapping[i] ?? ''} options={targets} onChange={(v) => setMapping(mapping.map((m, j) => (j === i ? v || null : m)))} data-testid={`import-map-${i}`} />
            </Flex>
          ))}
        </Flex>
      </Card>
      <Card size="small">
        <Flex gap={40} style={{ marginBottom: 12 }} align="center">
          <Statistic title={t('imports.stat.rows')} value={imp.rowCount} />
          <Statistic title={t('imports.stat.ok')} value={imp.rowCount - imp.errorCount} styles={{ content: { color: '#16a34a' } }} />
          <Statistic title={t('imports.stat.errors')} value={imp.errorCount} styles={{ content: { color: imp.errorCount ? '#dc2626' : undefined } }} />
          <Space style={{ marginLeft: 'auto' }}>
            <Switch checked={errorsOnly} onChange={setErrorsOnly} data-testid="import-errors-only" />
            <Typography.Text>{t('imports.errorsOnly')}</Typography.Text>
          </Space>
        </Flex>
        <Table<ImportRow> rowKey="rowNo" size="small" columns={columns} dataSource={rows.data?.items} loading={rows.loading} pagination={false} data-testid="import-rows" />
        <CursorPager pager={pager} nextCursor={rows.data?.nextAfter != null ? String(rows.data.nextAfter) : null} />
      </Card>
    </Space>
  )
}
