import { useState } from 'react'
import { Alert, Button, Card, Flex, Popconfirm, Radio, Result, Space, Steps, Typography, Upload } from 'antd'
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import { api, ApiError, call } from '../../../app/api'
import { showError } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { errorReportUrl, uploadImport, type CustomerImport, type ImportMode } from './import-api'
import { ImportPreview } from './import-preview'
import { useCustomFields } from './use-custom-fields'

const MAX_BYTES = 20 * 1024 * 1024
const MODES: ImportMode[] = ['valid_rows', 'all_or_nothing']

type Props = { imp?: CustomerImport; onChange: (imp: CustomerImport | undefined) => void }

/** 导入客户资料: upload → mapping and preview → mode and apply → result with the error report. */
export function ImportWizard({ imp, onChange }: Props) {
  const t = useT()
  const fields = useCustomFields()
  const [uploading, setUploading] = useState(false)
  const [applying, setApplying] = useState(false)
  const [mode, setMode] = useState<ImportMode>('valid_rows')
  const step = !imp ? 0 : imp.status === 'applied' ? 3 : 1

  const upload = async (file: File) => {
    setUploading(true)
    try {
      onChange(await uploadImport(file))
    } catch (error) {
      showError(error)
    } finally {
      setUploading(false)
    }
    return false
  }
  const apply = async () => {
    if (!imp) return
    setApplying(true)
    try {
      onChange(await call(api.POST('/api/customer-imports/{id}/apply', { params: { path: { id: imp.id } }, body: { mode } })))
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'customers.import.has_errors')) showError(error)
    } finally {
      setApplying(false)
    }
  }
  const discard = async () => {
    if (!imp) return
    try {
      await call(api.POST('/api/customer-imports/{id}/discard', { params: { path: { id: imp.id } } }))
      onChange(undefined)
    } catch (error) {
      showError(error)
    }
  }

  const blocked = !!imp && mode === 'all_or_nothing' && imp.errorCount > 0
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Steps current={step === 1 ? 1 : step} items={(['upload', 'preview', 'apply', 'result'] as const).map((s) => ({ title: t(`imports.step.${s}`) }))} />
      {step === 0 && (
        <Upload.Dragger accept=".csv,.xlsx" multiple={false} showUploadList={false} disabled={uploading} beforeUpload={(file) => {
          if (file.size > MAX_BYTES) { showError(new ApiError(413, 'customers.import.too_large', t('imports.draggerHint'))); return Upload.LIST_IGNORE }
          return upload(file)
        }} data-testid="import-dragger">
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('imports.dragger')}</p>
          <p className="ant-upload-hint">{t('imports.draggerHint')}</p>
        </Upload.Dragger>
      )}
      {step === 1 && imp && (
        <>
          <ImportPreview imp={imp} fields={fields.data?.items ?? []} onRemapped={onChange} />
          <Card size="small" title={t('imports.mode')}>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ width: '100%' }}>
              <Flex gap={16}>
                {MODES.map((m) => (
                  <Radio key={m} value={m} style={{ flex: 1 }} data-testid={`import-mode-${m}`}>
                    <Typography.Text strong>{t(`imports.mode.${m}`)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t(`imports.mode.${m}Hint`)}</Typography.Text>
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
            {blocked && <Alert type="warning" showIcon title={t('imports.blockedByErrors')} style={{ marginTop: 12 }} />}
            <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
              {imp.errorCount > 0 && <Button icon={<DownloadOutlined />} href={errorReportUrl(imp.id)}>{t('imports.errorReport')}</Button>}
              <Popconfirm title={t('imports.discard')} onConfirm={discard}><Button>{t('imports.discard')}</Button></Popconfirm>
              <Popconfirm title={t('imports.applyConfirm')} onConfirm={apply} disabled={blocked}>
                <Button type="primary" loading={applying} disabled={blocked || imp.rowCount === imp.errorCount} data-testid="import-apply">{t('imports.apply')}</Button>
              </Popconfirm>
            </Flex>
          </Card>
        </>
      )}
      {step === 3 && imp && (
        <Result
          status={imp.errorCount ? 'warning' : 'success'}
          title={t('imports.done')}
          subTitle={t('imports.doneHint', { updated: imp.updatedCount ?? 0, errors: imp.errorCount })}
          extra={[
            imp.errorCount > 0 && <Button key="report" icon={<DownloadOutlined />} href={errorReportUrl(imp.id)} data-testid="import-error-report">{t('imports.errorReport')}</Button>,
            <Button key="again" type="primary" onClick={() => onChange(undefined)}>{t('imports.restart')}</Button>,
          ]}
        />
      )}
    </Space>
  )
}
