import { defineErrors } from '../../http/errors'

export const acquisitionError = defineErrors({
  'acquisition.live_code.not_found': { status: 404, message: { zh: '渠道活码不存在', en: 'No such live code' } },
  'acquisition.live_code.employee_inactive': { status: 422, message: { zh: '所选员工未激活或已离职', en: 'A chosen employee is not active' } },
  'acquisition.live_code.employee_duplicate': { status: 422, message: { zh: '员工不能重复选择', en: 'An employee is chosen twice' } },
  'acquisition.live_code.tag_not_found': { status: 422, message: { zh: '所选标签不存在', en: 'A chosen tag does not exist' } },
  'acquisition.live_code.welcome_too_long': { status: 422, message: { zh: '欢迎语不能超过 4000 字节', en: 'The welcome text exceeds 4000 bytes' } },
  'acquisition.live_code.wecom_rejected': { status: 502, message: { zh: '企业微信拒绝了该活码配置', en: 'WeCom rejected the contact way' } },
})
