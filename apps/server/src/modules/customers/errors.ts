import { defineErrors } from '../../http/errors'

export const customersError = defineErrors({
  'customers.customer.not_found': { status: 404, message: { zh: '客户不存在或不在您的可见范围内', en: 'No such customer in your scope' } },
  'customers.tag.not_found': { status: 422, message: { zh: '标签不存在', en: 'No such tag' } },
  'customers.tag.not_in_wecom': { status: 422, message: { zh: '标签尚未同步到企业微信', en: 'The tag does not exist in WeCom yet' } },
})
