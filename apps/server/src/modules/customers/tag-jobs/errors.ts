import { defineErrors } from '../../../http/errors'

export const tagJobError = defineErrors({
  'customers.tag_job.not_found': { status: 404, message: { zh: '打标签任务不存在', en: 'No such tagging job' } },
  'customers.tag_job.unknown_tag': { status: 422, message: { zh: '所选标签不存在', en: 'A chosen tag does not exist' } },
  'customers.tag_job.overlap': { status: 422, message: { zh: '同一个标签不能既添加又移除', en: 'A tag cannot be both added and removed' } },
  'customers.tag_job.segment_gone': { status: 422, message: { zh: '人群已被删除', en: 'The segment was deleted' } },
  'customers.tag_job.finished': { status: 409, message: { zh: '任务已结束，无法取消', en: 'The job has finished and cannot be cancelled' } },
  'customers.tag_rule.not_found': { status: 404, message: { zh: '自动打标签规则不存在', en: 'No such auto-tag rule' } },
  'customers.tag_rule.name_taken': { status: 409, message: { zh: '已有同名规则', en: 'A rule with this name exists' } },
  'customers.tag_rule.no_segment': { status: 422, message: { zh: '规则的人群已被删除，请重新选择', en: 'The rule\'s segment was deleted; choose another' } },
  'customers.tag_rule.running': { status: 409, message: { zh: '该规则正在运行', en: 'This rule is already running' } },
})
