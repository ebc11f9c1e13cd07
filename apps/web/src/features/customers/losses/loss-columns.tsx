import { Flex, Tag, Typography, type TableColumnsType } from 'antd'
import { CheckCircleFilled } from '@ant-design/icons'
import type { Loss, LossKind } from '../../../api/types'
import type { Translate } from '../../../app/i18n'
import { formatDateTime } from '../../../shared/format'
import { LOSS_KIND_COLOR } from './loss-labels'
import { CustomerCell } from '../customer-cell'

export function lossColumns(t: Translate): TableColumnsType<Loss> {
  return [
    {
      title: t('customers.customer'),
      dataIndex: 'customerName',
      render: (name: string, row) => <CustomerCell name={name} avatar={row.avatar} externalUserId={row.externalUserId} />,
    },
    { title: t('customers.follower'), dataIndex: 'employeeName', render: (name: string) => name || '-' },
    {
      title: t('losses.kind'),
      dataIndex: 'kind',
      width: 160,
      render: (kind: LossKind) => <Tag color={LOSS_KIND_COLOR[kind]}>{t(`losses.kind.${kind}`)}</Tag>,
    },
    { title: t('losses.lostAt'), dataIndex: 'lostAt', width: 170, render: formatDateTime },
    {
      title: t('losses.notifiedAt'),
      dataIndex: 'notifiedAt',
      width: 190,
      render: (at: string | null) =>
        at ? (
          <Flex gap={6} align="center">
            <CheckCircleFilled style={{ color: '#16a34a' }} />
            {formatDateTime(at)}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('losses.notNotified')}</Typography.Text>
        ),
    },
  ]
}
