import { defineErrors } from '../../http/errors'

export const orgError = defineErrors({
  'org.auth.invalid_credentials': { status: 401, message: { zh: '用户名或密码错误', en: 'Wrong username or password' } },
  'org.employee.not_found': { status: 404, message: { zh: '员工不存在', en: 'No such employee' } },
  'org.employee.inactive': { status: 422, message: { zh: '员工未激活或已离职，不能接待客户', en: 'The employee is not active and cannot receive customers' } },
  'org.department.not_found': { status: 404, message: { zh: '部门不存在', en: 'No such department' } },
})
