import type { ReactNode } from 'react'
import { Button, Card, Form, Space, type FormInstance } from 'antd'
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons'
import { useT } from '../app/i18n'

type Props<V> = {
  form: FormInstance<V>
  onSearch: (values: V) => void
  children: ReactNode
  initialValues?: Partial<V>
}

/** ProTable-style query bar: inline fields, then Query / Reset. */
export function FilterBar<V>({ form, onSearch, children, initialValues }: Props<V>) {
  const t = useT()
  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
      <Form<V>
        form={form}
        layout="inline"
        onFinish={onSearch}
        initialValues={initialValues}
        style={{ rowGap: 16 }}
      >
        {children}
        <Form.Item style={{ marginInlineEnd: 0, marginBottom: 16 }}>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                form.resetFields()
                onSearch(form.getFieldsValue(true) as V)
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  )
}
