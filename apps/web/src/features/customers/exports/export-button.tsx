import { useState } from 'react'
import { Button, Dropdown, Tooltip } from 'antd'
import { DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons'
import { showError, toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { useCan } from '../../../app/permissions'
import { download } from './download'

export type ExportFormat = 'csv' | 'xlsx'

type Props = {
  /** The export's URL for a format (filters or segment already in it). */
  urlOf: (format: ExportFormat) => string
  disabledReason?: string
  size?: 'small' | 'middle'
  type?: 'default' | 'link'
  testId?: string
}

/** 导出 ▾ CSV / XLSX, for holders of customers.export; tells a masked exporter that the file is masked. */
export function ExportButton({ urlOf, disabledReason, size, type = 'default', testId = 'export-button' }: Props) {
  const t = useT()
  const can = useCan()
  const [running, setRunning] = useState(false)
  if (!can('customers.export')) return null

  const run = async (format: ExportFormat) => {
    setRunning(true)
    try {
      const filename = await download(urlOf(format), `customers.${format}`)
      toastSuccess(t('exports.done', { filename }))
    } catch (error) {
      showError(error)
    } finally {
      setRunning(false)
    }
  }

  const button = (
    <Dropdown
      disabled={!!disabledReason || running}
      trigger={['click']}
      menu={{
        items: [
          { key: 'csv', icon: <FileTextOutlined />, label: t('exports.csv') },
          { key: 'xlsx', icon: <FileExcelOutlined />, label: t('exports.xlsx') },
        ],
        onClick: ({ key }) => void run(key as ExportFormat),
      }}
    >
      <Button size={size} type={type} icon={<DownloadOutlined />} loading={running} data-testid={testId}>
        {t('exports.button')}
      </Button>
    </Dropdown>
  )
  const hint = disabledReason ?? (can('customers.export.unmasked') ? undefined : t('exports.maskedHint'))
  return hint ? <Tooltip title={hint}>{button}</Tooltip> : button
}
