import { useState } from 'react'
import { Button, Input, Space, type ButtonProps } from 'antd'
import { ScanOutlined } from '@ant-design/icons'
import type { ScanResult } from '../../api/types'
import { api, call } from '../../app/api'
import { showError, toastSuccess } from '../../app/feedback'
import { useT } from '../../app/i18n'

type Props = {
  liveCodeId: string
  /** Ask for the simulated customer's name before scanning (otherwise the sandbox picks one). */
  withName?: boolean
  size?: ButtonProps['size']
  type?: ButtonProps['type']
  block?: boolean
  testId?: string
  onScanned?: (result: ScanResult, customerName: string | undefined) => void
}

/** Sandbox only: a new simulated WeChat user scans the live code and adds an employee. */
export function SimulateScanButton({ liveCodeId, withName, size, type = 'primary', block, testId = 'livecode-simulate-scan', onScanned }: Props) {
  const t = useT()
  const [name, setName] = useState('')
  const [scanning, setScanning] = useState(false)

  const scan = async () => {
    setScanning(true)
    try {
      const customerName = name.trim() || undefined
      const result = await call(
        api.POST('/api/sandbox/live-codes/{id}/scan', { params: { path: { id: liveCodeId } }, body: { customerName } }),
      )
      const shown = customerName ?? ('customerName' in result && typeof result.customerName === 'string' ? result.customerName : result.externalUserId)
      toastSuccess(t('sandbox.scanDone', { name: shown, userid: result.userid }))
      setName('')
      onScanned?.(result, customerName)
    } catch (error) {
      showError(error)
    } finally {
      setScanning(false)
    }
  }

  const button = (
    <Button type={type} size={size} block={block} icon={<ScanOutlined />} loading={scanning} onClick={scan} data-testid={testId}>
      {t('sandbox.simulateScan')}
    </Button>
  )
  if (!withName) return button
  return (
    <Space.Compact block={block} size={size}>
      <Input
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder={t('sandbox.customerNamePlaceholder')}
        maxLength={20}
        onPressEnter={scan}
        data-testid={`${testId}-name`}
      />
      {button}
    </Space.Compact>
  )
}
