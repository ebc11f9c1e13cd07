import { Select } from 'antd'
import { useT } from '../../../app/i18n'

/** The department level results roll up to (1 = the top-level departments), for the department board and the export. */
export function DepartmentLevelSelect({ value, onChange }: { value: number; onChange(level: number): void }) {
  const t = useT()
  return (
    <Select
      aria-label={t('fissionRanks.level')}
      value={value}
      onChange={onChange}
      style={{ width: 120 }}
      options={[1, 2, 3].map((n) => ({ value: n, label: t('fissionRanks.levelN', { n }) }))}
    />
  )
}
