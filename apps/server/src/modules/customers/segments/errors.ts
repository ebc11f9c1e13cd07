import { defineErrors } from '../../../http/errors'

export const segmentsError = defineErrors({
  'customers.segment.invalid_expression': { status: 400, message: { zh: '人群条件表达式有误', en: 'The segment expression is invalid' } },
  'customers.segment.too_complex': { status: 422, message: { zh: '人群条件过于复杂（最多 100 个标签、嵌套 10 层）', en: 'The segment expression is too complex (at most 100 tags, nested 10 deep)' } },
  'customers.segment.unknown_tag': { status: 422, message: { zh: '表达式引用了不存在的标签', en: 'The expression refers to a tag that does not exist' } },
  'customers.segment.ambiguous_tag': { status: 422, message: { zh: '有多个同名标签，请在可视化编辑器中选择', en: 'Several tags have this name; pick one in the visual builder' } },
  'customers.segment.not_found': { status: 404, message: { zh: '人群不存在', en: 'No such segment' } },
  'customers.segment.not_materialized': { status: 409, message: { zh: '人群尚未生成客户名单，请先「物化」', en: 'The segment has not been materialised yet' } },
  'customers.segment.unknown_field': { status: 422, message: { zh: '条件引用了不存在或已归档的自定义字段', en: 'A condition refers to a custom field that does not exist or is archived' } },
  'customers.segment.field_op_invalid': { status: 422, message: { zh: '该条件不适用于此字段类型', en: 'This condition does not fit the field type' } },
  'customers.segment.name_taken': { status: 409, message: { zh: '已有同名人群', en: 'A segment with this name exists' } },
})
