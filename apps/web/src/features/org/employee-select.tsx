import { useRef, type CSSProperties } from 'react'
import { Select } from 'antd'
import type { Employee } from '../../api/types'
import { useT } from '../../app/i18n'
import { useEmployeeSearch } from './use-employee-search'

export type EmployeeOption = { value: string; label: string; employee?: Employee }

type CommonProps = {
  /** Which id the value holds: our `id` (default) or WeCom's `wecomUserId` (sandbox inboxes). */
  valueKey?: 'id' | 'wecomUserId'
  /** Labels for values that may not be in the current search page (e.g. when editing). */
  knownOptions?: EmployeeOption[]
  placeholder?: string
  style?: CSSProperties
  allowClear?: boolean
  exclude?: string[]
  /** Only employees in this WeCom status (e.g. 1: active, as a transfer's takeover must be). */
  status?: Employee['status']
  testId?: string
}
type SingleProps = CommonProps & {
  multiple?: false
  value?: string | null
  onChange?: (value: string | undefined, employee?: Employee) => void
}
type MultipleProps = CommonProps & {
  multiple: true
  value?: string[]
  onChange?: (value: string[]) => void
  /** At most this many may be picked. */
  maxCount?: number
}

/** Employee picker with server-side search; `multiple` picks several (e.g. alert recipients). */
export function EmployeeSelect(props: SingleProps | MultipleProps) {
  const { valueKey = 'id', knownOptions = [], placeholder, style, allowClear = true, exclude = [], status, testId } = props
  const t = useT()
  const { employees, loading, setKeyword } = useEmployeeSearch(undefined, status)
  // Labels of employees once picked, so a choice keeps its name after the search moves on.
  const picked = useRef(new Map<string, EmployeeOption>())
  const options: EmployeeOption[] = employees
    .filter((e) => !exclude.includes(e[valueKey]))
    .map((e) => ({ value: e[valueKey], label: e.position ? `${e.name} · ${e.position}` : e.name, employee: e }))
  const selected = props.multiple ? (props.value ?? []) : props.value ? [props.value] : []
  for (const extra of [...knownOptions, ...selected.flatMap((v) => picked.current.get(v) ?? [])]) {
    if (!options.some((o) => o.value === extra.value)) options.push(extra)
  }
  const remember = (option: EmployeeOption | EmployeeOption[] | undefined) =>
    [option ?? []].flat().forEach((o) => picked.current.set(o.value, o))

  return (
    <Select<string | string[], EmployeeOption>
      mode={props.multiple ? 'multiple' : undefined}
      maxCount={props.multiple ? props.maxCount : undefined}
      value={props.multiple ? (props.value ?? []) : (props.value ?? undefined)}
      onChange={(next, option) => {
        remember(option)
        if (props.multiple) props.onChange?.(Array.isArray(next) ? next : [])
        else props.onChange?.(Array.isArray(next) ? undefined : next, Array.isArray(option) ? undefined : option?.employee)
      }}
      options={options}
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      onOpenChange={(open) => open || setKeyword('')}
      allowClear={allowClear}
      placeholder={placeholder ?? t('org.searchEmployee')}
      notFoundContent={loading ? undefined : t('common.noData')}
      maxTagCount="responsive"
      style={style}
      data-testid={testId}
    />
  )
}
