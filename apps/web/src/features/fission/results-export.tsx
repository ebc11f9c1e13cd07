import { useState } from 'react'
import { Button, Select, Space } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { useT } from '../../app/i18n'

/**
 * The activity's results as XLSX (funnel with costs, per employee, per department at the chosen level, per day),
 * in the signed-in user's scope: a plain link, so the browser downloads it with the session cookie.
 */
export function ResultsExport({ activityId }: { activityId: string }) {
  const t = useT()
  const [level, setLevel] = useState(1)
  return (
    <Space.Compact>
      <Select
        aria-label={t('fissionRanks.level')}
        value={level}
        onChange={setLevel}
        style={{ width: 120 }}
        options={[1, 2, 3].map((n) => ({ value: n, label: t('fissionRanks.levelN', { n }) }))}
      />
      <Button icon={<DownloadOutlined />} href={`/api/fission/activities/${activityId}/results.xlsx?level=${level}`} download data-testid="fission-results-export">
        {t('fission.results.export')}
      </Button>
    </Space.Compact>
  )
}
