import { Badge, Col, Modal, Row, Statistic, Table, Typography } from 'antd'
import type { TransferResult } from '../../../api/types'
import { useT } from '../../../app/i18n'
import { REASON_LABEL } from './transfer-labels'

export type NamedResult = TransferResult & { customerName: string }

type Props = { results?: NamedResult[]; onClose: () => void }

/** Per-customer outcome of a transfer request: started, or why not. */
export function TransferResultModal({ results, onClose }: Props) {
  const t = useT()
  const rows = [...(results ?? [])].sort((a, b) => Number(a.started) - Number(b.started))
  const started = rows.filter((r) => r.started).length
  return (
    <Modal
      open={!!results}
      onCancel={onClose}
      onOk={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      title={t('transfers.result.title')}
      width={640}
      destroyOnHidden
    >
      <div data-testid="transfer-result">
        <Row gutter={16} style={{ marginBottom: 12 }}>
          <Col span={12} data-testid="transfer-result-started">
            <Statistic title={t('transfers.result.started')} value={started} styles={{ content: { color: '#16a34a' } }} />
          </Col>
          <Col span={12} data-testid="transfer-result-not-started">
            <Statistic title={t('transfers.result.notStarted')} value={rows.length - started} styles={{ content: { color: rows.length - started ? '#dc2626' : undefined } }} />
          </Col>
        </Row>
        {started > 0 && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('transfers.result.startedHint')}
          </Typography.Paragraph>
        )}
        <Table<NamedResult>
          rowKey="customerId"
          size="small"
          dataSource={rows}
          pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
          columns={[
            { title: t('customers.customer'), dataIndex: 'customerName' },
            {
              title: t('transfers.result.outcome'),
              dataIndex: 'started',
              width: 110,
              render: (ok: boolean) => <Badge status={ok ? 'success' : 'error'} text={t(ok ? 'transfers.result.ok' : 'transfers.result.no')} />,
            },
            {
              title: t('transfers.result.reason'),
              dataIndex: 'reason',
              render: (reason: NamedResult['reason'], row) =>
                reason ? (
                  <>
                    {t(REASON_LABEL[reason])}
                    {row.errcode ? <Typography.Text type="secondary"> · {t('transfers.errcode', { code: row.errcode })}</Typography.Text> : null}
                  </>
                ) : (
                  '-'
                ),
            },
          ]}
          data-testid="transfer-result-table"
        />
      </div>
    </Modal>
  )
}
