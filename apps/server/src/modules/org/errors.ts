import { defineErrors } from '../../http/errors'

export const orgError = defineErrors({
  'org.auth.invalid_credentials': { status: 401, message: { zh: '用户名或密码错误', en: 'Wrong username or password' } },
  'org.employee.not_found': { status: 404, message: { zh: '员工不存在', en: 'No such employee' } },
  'org.employee.inactive': { status: 422, message: { zh: '员工未激活或已离职，不能接待客户', en: 'The employee is not active and cannot receive customers' } },
  'org.user.not_found': { status: 404, message: { zh: '用户不存在', en: 'No such user' } },
  'org.user.duplicate': { status: 409, message: { zh: '用户名已被使用', en: 'The username is taken' } },
  'org.user.employee_required': { status: 422, message: { zh: '部门负责人和员工角色必须关联一名企业微信员工', en: 'Department managers and employees must be linked to a WeCom employee' } },
  'org.user.last_admin': { status: 422, message: { zh: '不能停用或降级最后一位超级管理员（含自己）', en: 'The last super admin (or yourself) cannot be disabled or demoted' } },
  'org.department.not_found': { status: 404, message: { zh: '部门不存在', en: 'No such department' } },
})
