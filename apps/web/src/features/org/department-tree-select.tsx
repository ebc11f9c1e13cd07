import type { CSSProperties } from 'react'
import { TreeSelect } from 'antd'
import { useT } from '../../app/i18n'
import { useDepartments } from './use-departments'

type Props = {
  value?: number
  onChange?: (value: number | undefined) => void
  placeholder?: string
  style?: CSSProperties
}

export function DepartmentTreeSelect({ value, onChange, placeholder, style }: Props) {
  const t = useT()
  const { tree, loading } = useDepartments()
  return (
    <TreeSelect<number>
      value={value}
      onChange={onChange}
      treeData={tree}
      loading={loading}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      placeholder={placeholder ?? t('org.department')}
      style={style}
    />
  )
}
