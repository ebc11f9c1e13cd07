import { defineErrors } from '../../../http/errors'

export const tagError = defineErrors({
  'customers.tag.not_found': { status: 404, message: { zh: '标签不存在', en: 'No such tag' } },
  'customers.tag_group.not_found': { status: 404, message: { zh: '标签组不存在', en: 'No such tag group' } },
  'customers.tag.duplicate': { status: 409, message: { zh: '同名标签或标签组已存在', en: 'A tag or group with this name already exists' } },
  'customers.tag.limit_reached': { status: 422, message: { zh: '企业标签数量已达企业微信上限（3000 个）', en: 'The corp has reached WeCom\'s limit of 3,000 tags' } },
})
