import { useEffect } from 'react'
import { Alert, Drawer, Form, Input } from 'antd'
import type { ConsoleUser, Role } from '../../../api/types'
import { api, ApiError, call } from '../../../app/api'
import { toastSuccess } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { EmployeeSelect } from '../employee-select'
import { RoleScope, RoleSelect } from './role-select'
import { needsEmployee, USER_RULES } from './roles'
import { EMPTY_USER, toFormValues, toNewUser, toPatch, type UserFormValues } from './user-form'
import { DrawerFooter } from '../../../shared/drawer-footer'
import { useFormSubmit } from '../../../shared/use-form-submit'

type Props = {
  open: boolean
  /** Edit this user; create a new one when undefined. */
  user?: ConsoleUser
  selfId: string
  onClose: () => void
  onSaved: (user: ConsoleUser) => void
}

/** Server refusals that belong to one field. */
const FIELD_OF: Record<string, keyof UserFormValues> = {
  'org.user.duplicate': 'username',
  'org.user.employee_required': 'employeeId',
  'org.employee.not_found': 'employeeId',
  'org.user.last_admin': 'role',
}

export function UserFormDrawer({ open, user, selfId, onClose, onSaved }: Props) {
  const t = useT()
  const [form] = Form.useForm<UserFormValues>()
  const role: Role | undefined = Form.useWatch('role', form)
  const editing = !!user

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(user ? toFormValues(user) : EMPTY_USER)
  }, [open, user, form])

  const { submit, saving } = useFormSubmit(form, async () => {
    const values: UserFormValues = form.getFieldsValue(true)
    const saved = user
      ? await call(api.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body: toPatch(user, values) }))
      : await call(api.POST('/api/users', { body: toNewUser(values) }))
    toastSuccess(t(user ? 'users.updated' : 'users.created', { name: saved.displayName }))
    onSaved(saved)
  }, (error) => {
    const field = error instanceof ApiError ? FIELD_OF[error.code] : undefined
    if (field) form.setFields([{ name: field, errors: [(error as ApiError).message] }])
    return false
  })

  const password = [
    ...(editing ? [] : [{ required: true, message: t('users.passwordRequired') }]),
    { min: USER_RULES.passwordMin, message: t('users.passwordMin', { min: USER_RULES.passwordMin }) },
    { max: USER_RULES.passwordMax, message: t('users.passwordMax', { max: USER_RULES.passwordMax }) },
  ]

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={user ? t('users.edit', { name: user.username }) : t('users.create')}
      destroyOnHidden
      footer={<DrawerFooter onCancel={onClose} onSave={submit} saving={saving} testId="user-form-submit" />}
    >
      <Form<UserFormValues> form={form} name="user" layout="vertical" initialValues={EMPTY_USER} autoComplete="off">
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={editing ? t('users.usernameFixed') : t('users.usernameHint')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            { pattern: USER_RULES.username, message: t('users.usernameHint') },
          ]}
        >
          <Input disabled={editing} maxLength={32} autoComplete="off" data-testid="user-form-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={USER_RULES.displayNameMax} showCount placeholder={t('users.displayNamePlaceholder')} data-testid="user-form-display-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={editing ? t('users.resetPassword') : t('users.password')}
          extra={editing ? t('users.resetPasswordHint') : t('users.passwordHint', { min: USER_RULES.passwordMin })}
          rules={password}
        >
          <Input.Password
            autoComplete="new-password"
            placeholder={editing ? t('users.resetPasswordPlaceholder') : undefined}
            data-testid="user-form-password"
          />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.role')}
          extra={user?.id === selfId ? t('users.ownRoleFixed') : <RoleScope role={role} />}
          rules={[{ required: true }]}
        >
          <RoleSelect disabled={user?.id === selfId} />
        </Form.Item>
        {needsEmployee(role) && (
          <Form.Item
            name="employeeId"
            label={t('users.employee')}
            extra={t('users.employeeHint')}
            rules={[{ required: true, message: t('users.employeeRequired') }]}
          >
            <EmployeeSelect
              knownOptions={user?.employeeId && user.employeeName ? [{ value: user.employeeId, label: user.employeeName }] : []}
              testId="user-form-employee"
            />
          </Form.Item>
        )}
        {editing && <Alert type="warning" showIcon title={t('users.sessionsEnd')} />}
      </Form>
    </Drawer>
  )
}
