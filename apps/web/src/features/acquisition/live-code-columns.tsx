import { Avatar, Button, Popconfirm, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd'
import { BarChartOutlined, DeleteOutlined, EditOutlined, QrcodeOutlined } from '@ant-design/icons'
import type { LiveCode } from '../../api/types'
import type { Translate } from '../../app/i18n'
import { formatDateTime } from '../../shared/format'

export type LiveCodeActions = {
  onQr: (code: LiveCode) => void
  onStats: (code: LiveCode) => void
  /** Absent for roles that may only read live codes. */
  onEdit?: (code: LiveCode) => void
  onDelete?: (code: LiveCode) => Promise<void>
}

const MAX_SHOWN_EMPLOYEES = 3

function EmployeesCell({ code, t }: { code: LiveCode; t: Translate }) {
  const shown = code.employees.slice(0, MAX_SHOWN_EMPLOYEES)
  const rest = code.employees.length - shown.length
  return (
    <Space size={4} wrap>
      {shown.map((e) => (
        <Tag key={e.employeeId}>
          {e.name}
          {e.dailyCap ? <Typography.Text type="secondary"> ≤{e.dailyCap}</Typography.Text> : null}
        </Tag>
      ))}
      {rest > 0 && (
        <Tooltip title={code.employees.slice(MAX_SHOWN_EMPLOYEES).map((e) => e.name).join(', ')}>
          <Tag>+{rest}</Tag>
        </Tooltip>
      )}
      {code.backupEmployee && <Tag color="gold">{t('liveCode.backupShort', { name: code.backupEmployee.name })}</Tag>}
    </Space>
  )
}

export function liveCodeColumns(t: Translate, actions: LiveCodeActions): TableColumnsType<LiveCode> {
  const { onEdit, onDelete } = actions
  return [
    {
      title: t('liveCode.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 240,
      render: (name: string, code) => (
        <Space>
          <Avatar shape="square" icon={<QrcodeOutlined />} style={{ background: '#e0e7ff', color: '#1d4ed8', cursor: 'pointer' }} onClick={() => actions.onQr(code)} />
          <div>
            <Typography.Link onClick={() => actions.onQr(code)}>{name}</Typography.Link>
            {code.remark && <Typography.Text type="secondary" ellipsis style={{ display: 'block', maxWidth: 220, fontSize: 12 }}>{code.remark}</Typography.Text>}
          </div>
        </Space>
      ),
    },
    { title: t('liveCode.channelGroup'), dataIndex: 'channelGroup', render: (g: string) => (g ? <Tag color="blue">{g}</Tag> : '-') },
    { title: t('liveCode.employees'), key: 'employees', render: (_, code) => <EmployeesCell code={code} t={t} /> },
    {
      title: t('liveCode.autoTags'),
      key: 'tags',
      responsive: ['xl'],
      render: (_, code) => (code.tags.length ? code.tags.map((tag) => <Tag key={tag.id} color="geekblue">{tag.name}</Tag>) : '-'),
    },
    { title: t('liveCode.addsToday'), dataIndex: 'addsToday', align: 'right', width: 100 },
    { title: t('liveCode.addsTotal'), dataIndex: 'addsTotal', align: 'right', width: 100 },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 240,
      render: (_, code) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<QrcodeOutlined />} onClick={() => actions.onQr(code)} data-testid="livecode-qr">
            {t('liveCode.qr')}
          </Button>
          <Button type="link" size="small" icon={<BarChartOutlined />} onClick={() => actions.onStats(code)} data-testid="livecode-stats">
            {t('liveCode.stats')}
          </Button>
          {onEdit && onDelete && (
            <>
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(code)} data-testid="livecode-edit">
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('liveCode.deleteConfirm', { name: code.name })}
                description={t('liveCode.deleteHint')}
                okButtonProps={{ danger: true }}
                onConfirm={() => onDelete(code)}
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="livecode-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ]
}
