import { useState } from 'react'
import { Button, Flex, Form, InputNumber, Space, Tooltip, Typography, theme } from 'antd'
import { DeleteOutlined, UsergroupAddOutlined } from '@ant-design/icons'
import { api, call } from '../../app/api'
import { showError } from '../../app/feedback'
import { useT } from '../../app/i18n'
import { DepartmentTreeSelect, EmployeeSelect } from '../org'
import { LIMITS, type EmployeeRow, type LiveCodeFormValues } from './live-code-form'

/** Adds every active member of a department (first page of 100) to the rotation. */
function DepartmentAdder({ onAdd }: { onAdd: (rows: EmployeeRow[]) => void }) {
  const t = useT()
  const [departmentId, setDepartmentId] = useState<number>()
  const [loading, setLoading] = useState(false)
  const add = async () => {
    if (departmentId === undefined) return
    setLoading(true)
    try {
      const page = await call(api.GET('/api/org/employees', { params: { query: { departmentId, status: 1, limit: 100 } } }))
      onAdd(page.items.map((e) => ({ employeeId: e.id, name: e.name, dailyCap: null })))
      setDepartmentId(undefined)
    } catch (error) {
      showError(error)
    } finally {
      setLoading(false)
    }
  }
  return (
    <Space.Compact style={{ flex: 1, minWidth: 240 }}>
      <DepartmentTreeSelect value={departmentId} onChange={setDepartmentId} placeholder={t('liveCode.addByDepartment')} style={{ width: '100%' }} />
      <Button icon={<UsergroupAddOutlined />} onClick={add} loading={loading} disabled={departmentId === undefined}>
        {t('common.add')}
      </Button>
    </Space.Compact>
  )
}

/** The rotation list: employees a scan may be routed to, each with an optional daily cap. */
export function EmployeesField() {
  const t = useT()
  const { token } = theme.useToken()
  const form = Form.useFormInstance<LiveCodeFormValues>()
  const rows: EmployeeRow[] = Form.useWatch('employees', { form, preserve: true }) ?? []
  const ids = rows.map((row) => row.employeeId)

  const addRows = (incoming: EmployeeRow[]) => {
    const current: EmployeeRow[] = form.getFieldValue('employees') ?? []
    const known = new Set(current.map((row) => row.employeeId))
    const fresh = incoming.filter((row) => !known.has(row.employeeId))
    form.setFieldValue('employees', [...current, ...fresh].slice(0, LIMITS.employeesMax))
    void form.validateFields(['employees'])
  }

  return (
    <Form.List
      name="employees"
      rules={[
        {
          validator: async (_, value: EmployeeRow[] | undefined) => {
            const count = value?.length ?? 0
            if (count < LIMITS.employeesMin) throw new Error(t('liveCode.employeesRequired'))
            if (count > LIMITS.employeesMax) throw new Error(t('liveCode.employeesMax', { max: LIMITS.employeesMax }))
          },
        },
      ]}
    >
      {(fields, { remove }, { errors }) => (
        <Flex vertical gap={8}>
          <Flex gap={8} wrap>
            <EmployeeSelect
              value={null}
              exclude={ids}
              onChange={(id, employee) => id && employee && addRows([{ employeeId: id, name: employee.name, dailyCap: null }])}
              placeholder={t('liveCode.addEmployee')}
              style={{ flex: 1, minWidth: 200 }}
              testId="livecode-employee-picker"
            />
            <DepartmentAdder onAdd={addRows} />
          </Flex>
          {fields.length > 0 && (
            <div style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius }}>
              <Flex style={{ padding: '6px 12px', background: token.colorFillQuaternary }} gap={8}>
                <Typography.Text type="secondary" style={{ flex: 1 }}>{t('liveCode.employee')}</Typography.Text>
                <Typography.Text type="secondary" style={{ width: 150 }}>
                  <Tooltip title={t('liveCode.dailyCapHint')}>{t('liveCode.dailyCap')}</Tooltip>
                </Typography.Text>
                <span style={{ width: 32 }} />
              </Flex>
              {fields.map((field) => (
                <Flex key={field.key} align="center" gap={8} style={{ padding: '6px 12px', borderTop: `1px solid ${token.colorBorderSecondary}` }}>
                  <Typography.Text style={{ flex: 1 }}>{rows[field.name]?.name ?? rows[field.name]?.employeeId}</Typography.Text>
                  <Form.Item name={[field.name, 'dailyCap']} noStyle>
                    <InputNumber min={1} max={LIMITS.dailyCapMax} precision={0} placeholder={t('liveCode.unlimited')} style={{ width: 150 }} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Flex>
              ))}
            </div>
          )}
          <Typography.Text type="secondary">
            {t('liveCode.employeesCount', { count: fields.length, max: LIMITS.employeesMax })}
          </Typography.Text>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  )
}
