import { defineErrors } from '../../http/errors'

export const sandboxError = defineErrors({
  'sandbox.live_code.not_in_wecom': { status: 409, message: { zh: '该活码尚未在企业微信中创建', en: 'The live code has no WeCom contact way' } },
})
