import type { CSSProperties } from 'react'
import { Select } from 'antd'
import type { Employee } from '../../api/types'
import { useT } from '../../app/i18n'
import { useEmployeeSearch } from './use-employee-search'

export type EmployeeOption = { value: string; label: string; employee?: Employee }

type Props = {
  value?: string | null
  onChange?: (value: string | undefined, employee?: Employee) => void
  /** Which id the value holds: our `id` (default) or WeCom's `wecomUserId` (sandbox inboxes). */
  valueKey?: 'id' | 'wecomUserId'
  /** Labels for values that may not be in the current search page (e.g. when editing). */
  knownOptions?: EmployeeOption[]
  placeholder?: string
  style?: CSSProperties
  allowClear?: boolean
  exclude?: string[]
  testId?: string
}

/** Single employee picker with server-side search. */
export function EmployeeSelect({ value, onChange, valueKey = 'id', knownOptions = [], placeholder, style, allowClear = true, exclude = [], testId }: Props) {
  const t = useT()
  const { employees, loading, setKeyword } = useEmployeeSearch()
  const options: EmployeeOption[] = employees
    .filter((e) => !exclude.includes(e[valueKey]))
    .map((e) => ({ value: e[valueKey], label: e.position ? `${e.name} · ${e.position}` : e.name, employee: e }))
  for (const known of knownOptions) {
    if (!options.some((o) => o.value === known.value)) options.push(known)
  }
  return (
    <Select<string, EmployeeOption>
      value={value ?? undefined}
      onChange={(next, option) => onChange?.(next, Array.isArray(option) ? undefined : option?.employee)}
      options={options}
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      onOpenChange={(open) => open || setKeyword('')}
      allowClear={allowClear}
      placeholder={placeholder ?? t('org.searchEmployee')}
      notFoundContent={loading ? undefined : t('common.noData')}
      style={style}
      data-testid={testId}
    />
  )
}
