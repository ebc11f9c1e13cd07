import type { CSSProperties } from 'react'
import { TreeSelect } from 'antd'
import { useT } from '../../app/i18n'
import { useDepartments } from './use-departments'

type Props = { placeholder?: string; style?: CSSProperties } & (
  | { multiple?: false; value?: number; onChange?: (value: number | undefined) => void }
  | { multiple: true; value?: number[]; onChange?: (value: number[]) => void }
)

/** A department (or several, with `multiple`) picked from the directory tree. */
export function DepartmentTreeSelect({ placeholder, style, ...pick }: Props) {
  const t = useT()
  const { tree, loading } = useDepartments()
  return (
    <TreeSelect<number | number[]>
      multiple={pick.multiple}
      value={pick.value}
      onChange={pick.onChange as (value: number | number[]) => void}
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
