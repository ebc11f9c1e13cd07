import { useState } from 'react'
import { Button, Space } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { useT } from '../../app/i18n'
import { DepartmentLevelSelect } from './leaderboard/department-level-select'

/**
 * The activity's results as XLSX (funnel with costs, per employee, per department at the chosen level, per day),
 * in the signed-in user's scope: a plain link, so the browser downloads it with the session cookie.
 */
export function ResultsExport({ activityId }: { activityId: string }) {
  const t = useT()
  const [level, setLevel] = useState(1)
  return (
    <Space.Compact>
      <DepartmentLevelSelect value={level} onChange={setLevel} />
      <Button icon={<DownloadOutlined />} href={`/api/fission/activities/${activityId}/results.xlsx?level=${level}`} download data-testid="fission-results-export">
        {t('fission.results.export')}
      </Button>
    </Space.Compact>
  )
}
