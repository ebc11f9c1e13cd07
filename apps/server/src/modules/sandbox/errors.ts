import { defineErrors } from '../../http/errors'

export const sandboxError = defineErrors({
  'sandbox.live_code.not_in_wecom': { status: 409, message: { zh: '该活码尚未在企业微信中创建', en: 'The live code has no WeCom contact way' } },
  'sandbox.contact_way.not_found': { status: 404, message: { zh: '沙箱中没有这个联系我二维码', en: 'The sandbox has no such contact way' } },
  'sandbox.customer.not_found': { status: 404, message: { zh: '沙箱中没有这位模拟客户', en: 'The sandbox has no such customer' } },
  'sandbox.scan.refused': { status: 409, message: { zh: '企业微信拒绝了这次扫码（例如该客户已添加过二维码上的全部员工）', en: 'WeCom refused the scan (e.g. the customer already added every member of the code)' } },
})
