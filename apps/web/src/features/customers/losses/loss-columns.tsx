import { Avatar, Flex, Tag, Typography, type TableColumnsType } from 'antd'
import { CheckCircleFilled, UserOutlined } from '@ant-design/icons'
import type { Loss, LossKind } from '../../../api/types'
import type { Translate } from '../../../app/i18n'
import { formatDateTime } from '../../../shared/format'
import { LOSS_KIND_COLOR } from './loss-labels'

export function lossColumns(t: Translate): TableColumnsType<Loss> {
  return [
    {
      title: t('customers.customer'),
      dataIndex: 'customerName',
      render: (name: string, row) => (
        <Flex align="center" gap={10}>
          <Avatar src={row.avatar || undefined} icon={<UserOutlined />} />
          <div>
            <Typography.Text strong>{name}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {row.externalUserId}
            </Typography.Text>
          </div>
        </Flex>
      ),
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
