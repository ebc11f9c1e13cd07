import { Badge, Button, Table, Typography, type TableColumnsType } from 'antd'
import { api, call } from '../../../app/api'
import { useT } from '../../../app/i18n'
import { CursorPager } from '../../../shared/cursor-pager'
import { formatDateTime } from '../../../shared/format'
import { useCursorPager } from '../../../shared/use-cursor-pager'
import { useRequest } from '../../../shared/use-request'
import { errorReportUrl, type CustomerImport } from './import-api'

const STATUS_BADGE = { previewed: 'processing', applied: 'success', discarded: 'default' } as const

/** Every import of the corp, newest first; a previewed one can be continued, a finished one's errors downloaded. */
export function ImportHistory({ onContinue }: { onContinue: (imp: CustomerImport) => void }) {
  const t = useT()
  const pager = useCursorPager()
  const list = useRequest(() => call(api.GET('/api/customer-imports', { params: { query: { limit: pager.pageSize, cursor: pager.cursor } } })), [pager.cursor, pager.pageSize])
  const columns: TableColumnsType<CustomerImport> = [
    { title: '#', dataIndex: 'id', width: 60 },
    { title: t('imports.filename'), dataIndex: 'filename', width: 220, ellipsis: true, render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('imports.status'), dataIndex: 'status', width: 100, render: (s: CustomerImport['status']) => <Badge status={STATUS_BADGE[s]} text={t(`imports.status.${s}`)} /> },
    { title: t('imports.matchBy'), dataIndex: 'matchBy', width: 110, render: (m: CustomerImport['matchBy']) => t(`imports.matchBy.${m}`) },
    { title: t('imports.mode'), dataIndex: 'mode', width: 140, render: (m: CustomerImport['mode']) => (m ? t(`imports.mode.${m}`) : '-') },
    { title: t('imports.stat.rows'), dataIndex: 'rowCount', width: 90 },
    { title: t('imports.stat.errors'), dataIndex: 'errorCount', width: 90, render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
    { title: t('imports.updatedCount'), dataIndex: 'updatedCount', width: 100, render: (n: number | null) => n ?? '-' },
    { title: t('imports.createdBy'), dataIndex: 'createdByName', width: 100 },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
    {
      title: t('common.actions'), key: 'actions', width: 150,
      render: (_, r) => (
        <>
          {r.status === 'previewed' && <Button type="link" size="small" onClick={() => onContinue(r)}>{t('imports.continue')}</Button>}
          {r.errorCount > 0 && <Button type="link" size="small" href={errorReportUrl(r.id)}>{t('imports.errorReport')}</Button>}
        </>
      ),
    },
  ]
  return (
    <>
      <Table<CustomerImport> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items} loading={list.loading} pagination={false}
        locale={{ emptyText: t('imports.historyEmpty') }} scroll={{ x: 1400 }} data-testid="import-history" />
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} />
    </>
  )
}
