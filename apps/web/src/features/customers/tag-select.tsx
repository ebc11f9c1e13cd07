import type { CSSProperties } from 'react'
import { Select } from 'antd'
import { api, call } from '../../app/api'
import { useT } from '../../app/i18n'
import { useRequest } from '../../shared/use-request'

type Props<V> = {
  value?: V
  onChange?: (value: V) => void
  multiple?: boolean
  placeholder?: string
  style?: CSSProperties
  testId?: string
}

/** Corp tags grouped by tag group, as in the WeCom admin. */
export function TagSelect<V extends string | string[]>({ value, onChange, multiple, placeholder, style, testId }: Props<V>) {
  const t = useT()
  const { data, loading } = useRequest(() => call(api.GET('/api/tags')), [])
  const options = (data?.groups ?? []).map((group) => ({
    label: group.name,
    title: group.name,
    options: group.tags.map((tag) => ({ value: tag.id, label: tag.name })),
  }))
  return (
    <Select<V>
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={onChange}
      options={options}
      loading={loading}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? t('customers.tag')}
      maxTagCount="responsive"
      style={style}
      data-testid={testId}
    />
  )
}
