import { useMemo, useState, type ReactNode } from 'react'
import { Card, Empty, Input, Spin, Tree, Typography } from 'antd'
import { ApartmentOutlined } from '@ant-design/icons'
import { useT } from '../../app/i18n'
import type { DepartmentNode } from './use-departments'

type Props = {
  tree: DepartmentNode[]
  loading: boolean
  selected: number | undefined
  onSelect: (departmentId: number | undefined) => void
}

type Shown = { key: number; title: ReactNode; children: Shown[] }

/** Keeps a node when it or a descendant matches, so the path to a hit stays visible. */
function filterTree(nodes: DepartmentNode[], keyword: string): Shown[] {
  const shown: Shown[] = []
  for (const node of nodes) {
    const children = filterTree(node.children, keyword)
    if (!keyword || node.title.includes(keyword) || children.length > 0) {
      const count = <Typography.Text type="secondary"> ({node.department.employeeCount})</Typography.Text>
      shown.push({ key: node.key, title: <span>{node.title}{count}</span>, children })
    }
  }
  return shown
}

export function DepartmentPanel({ tree, loading, selected, onSelect }: Props) {
  const t = useT()
  const [keyword, setKeyword] = useState('')
  const shown = useMemo(() => filterTree(tree, keyword.trim()), [tree, keyword])
  return (
    <Card
      title={<span><ApartmentOutlined /> {t('org.departments')}</span>}
      styles={{ body: { padding: 12, maxHeight: 'calc(100vh - 240px)', overflow: 'auto' } }}
      data-testid="department-tree"
    >
      <Input.Search placeholder={t('org.searchDepartment')} allowClear onChange={(e) => setKeyword(e.target.value)} style={{ marginBottom: 8 }} />
      {loading ? (
        <Spin style={{ display: 'block', margin: 24 }} />
      ) : shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Tree<Shown>
          treeData={shown}
          blockNode
          defaultExpandAll
          key={keyword}
          selectedKeys={selected === undefined ? [] : [selected]}
          onSelect={(keys) => onSelect(keys.length ? Number(keys[0]) : undefined)}
        />
      )}
    </Card>
  )
}
