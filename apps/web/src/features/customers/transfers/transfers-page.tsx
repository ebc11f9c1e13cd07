import { Tabs } from 'antd'
import { useSearchParams } from 'react-router-dom'
import { useT } from '../../../app/i18n'
import { PageHeader } from '../../../shared/page-header'
import { OnJobTransfer } from './on-job-transfer'
import { ResignedTransfer } from './resigned-transfer'
import { TransferRecords } from './transfer-records'

const TABS = ['on-job', 'resigned', 'records'] as const
type Tab = (typeof TABS)[number]

/** 客户继承: 在职继承, 离职继承 and the record of every transfer; the tab is kept in the URL. */
export function TransfersPage() {
  const t = useT()
  const [params, setParams] = useSearchParams()
  const tab: Tab = TABS.find((k) => k === params.get('tab')) ?? 'on-job'
  return (
    <>
      <PageHeader title={t('transfers.title')} description={t('transfers.description')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'on-job' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'on-job', label: t('transfers.tab.onJob'), children: <OnJobTransfer /> },
          { key: 'resigned', label: t('transfers.tab.resigned'), children: <ResignedTransfer /> },
          { key: 'records', label: t('transfers.tab.records'), children: <TransferRecords /> },
        ]}
        data-testid="transfer-tabs"
      />
    </>
  )
}
