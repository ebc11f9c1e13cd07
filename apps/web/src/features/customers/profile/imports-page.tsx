import { useState } from 'react'
import { Button, Card, Dropdown, Tabs } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { useT } from '../../../app/i18n'
import { PageHeader } from '../../../shared/page-header'
import { templateUrl, type CustomerImport } from './import-api'
import { ImportHistory } from './import-history'
import { ImportWizard } from './import-wizard'

/** 导入客户资料: the wizard and the history of imports. */
export function ImportsPage() {
  const t = useT()
  const [tab, setTab] = useState('new')
  const [imp, setImp] = useState<CustomerImport>()
  return (
    <>
      <PageHeader
        title={t('imports.title')}
        description={t('imports.description')}
        extra={
          <Dropdown menu={{ items: (['xlsx', 'csv'] as const).map((f) => ({ key: f, label: <a href={templateUrl(f)}>{t(f === 'xlsx' ? 'imports.templateXlsx' : 'imports.templateCsv')}</a> })) }}>
            <Button icon={<DownloadOutlined />} data-testid="import-template">{t('imports.template')}</Button>
          </Dropdown>
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'new', label: t('imports.tab.new'), children: <ImportWizard imp={imp} onChange={setImp} /> },
            { key: 'history', label: t('imports.tab.history'), children: <ImportHistory onContinue={(r) => { setImp(r); setTab('new') }} /> },
          ]}
        />
      </Card>
    </>
  )
}
