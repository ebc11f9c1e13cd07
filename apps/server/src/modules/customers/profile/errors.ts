import { defineErrors } from '../../../http/errors'

export const profileError = defineErrors({
  'customers.field.not_found': { status: 404, message: { zh: '自定义字段不存在', en: 'No such custom field' } },
  'customers.field.name_taken': { status: 409, message: { zh: '已有同名字段', en: 'A field with this name exists' } },
  'customers.field.name_reserved': { status: 422, message: { zh: '字段名与内置列（手机号、客户号、已实名）重名', en: 'The name is taken by a built-in column (phone, customer number, verified)' } },
  'customers.field.type_locked': { status: 409, message: { zh: '已有客户填写了该字段，不能修改类型或多选设置', en: 'Customers have values for this field; its type cannot change' } },
  'customers.field.option_in_use': { status: 409, message: { zh: '有客户正在使用要删除的选项', en: 'Customers use an option you removed' } },
  'customers.field.options_required': { status: 422, message: { zh: '单选/多选字段至少需要一个选项', en: 'A select field needs at least one option' } },
  'customers.field.has_values': { status: 409, message: { zh: '已有客户填写了该字段，只能归档（隐藏），不能删除', en: 'Customers have values for this field: archive it instead of deleting' } },
  'customers.profile.unknown_field': { status: 422, message: { zh: '字段不存在或已归档', en: 'The field does not exist or is archived' } },
  'customers.profile.invalid_value': { status: 422, message: { zh: '字段值不符合字段类型', en: 'The value does not fit the field type' } },
  'customers.profile.bank_no_taken': { status: 409, message: { zh: '该客户号已被其他客户使用', en: 'Another customer has this customer number' } },
  'customers.import.unsupported_type': { status: 415, message: { zh: '只支持 CSV 或 XLSX 文件', en: 'Only CSV or XLSX files are supported' } },
  'customers.import.file_missing': { status: 400, message: { zh: '请上传一个文件', en: 'Upload one file' } },
  'customers.import.too_large': { status: 413, message: { zh: '文件超过 20 MB', en: 'The file is larger than 20 MB' } },
  'customers.import.too_many_rows': { status: 422, message: { zh: '文件超过 200,000 行，请拆分后导入', en: 'The file has more than 200,000 rows; split it' } },
  'customers.import.empty': { status: 422, message: { zh: '文件没有数据行', en: 'The file has no data rows' } },
  'customers.import.no_header': { status: 422, message: { zh: '文件第一行必须是表头', en: 'The first row must be a header' } },
  'customers.import.unreadable': { status: 422, message: { zh: '文件无法解析，请检查格式', en: 'The file could not be read' } },
  'customers.import.no_key_column': { status: 422, message: { zh: '请为匹配方式指定一列（手机号或客户号）', en: 'Map a column to the match key (phone or customer number)' } },
  'customers.import.bad_mapping': { status: 422, message: { zh: '列映射有误（列数不符或字段不存在）', en: 'The column mapping is invalid' } },
  'customers.import.not_found': { status: 404, message: { zh: '导入记录不存在', en: 'No such import' } },
  'customers.import.already_applied': { status: 409, message: { zh: '该导入已执行，不能重复执行', en: 'This import has been applied already' } },
  'customers.import.discarded': { status: 409, message: { zh: '该导入已放弃', en: 'This import was discarded' } },
  'customers.import.has_errors': { status: 422, message: { zh: '存在错误行，「全部成功才导入」模式不会写入任何数据', en: 'Some rows have errors; all-or-nothing writes nothing' } },
  'customers.import.stale': { status: 409, message: { zh: '预览后客户数据已变化，请重新预览', en: 'Customer data changed since the preview; preview again' } },
})

/** Why one row of an import cannot be applied (per row, with the column): stable codes for the report. */
export const ROW_ERRORS = {
  missing_key: { zh: '匹配列为空', en: 'The match column is empty' },
  invalid_phone: { zh: '手机号格式不正确', en: 'Invalid phone number' },
  invalid_bank_no: { zh: '客户号格式不正确（最多 64 个字符，不含空格）', en: 'Invalid customer number (≤ 64 characters, no spaces)' },
  invalid_verified: { zh: '实名标记只能是 是/否', en: 'Verified must be yes or no' },
  text_too_long: { zh: '文本超过 500 个字符', en: 'Text longer than 500 characters' },
  not_a_number: { zh: '不是数字', en: 'Not a number' },
  bad_date: { zh: '日期格式应为 YYYY-MM-DD', en: 'Dates must be YYYY-MM-DD' },
  unknown_option: { zh: '选项不在字段的可选值中', en: 'Not one of the field\'s options' },
  no_match: { zh: '没有匹配的客户（或不在您的可见范围内）', en: 'No matching customer in your scope' },
  ambiguous_phone: { zh: '手机号匹配到多个客户', en: 'The phone matches several customers' },
  duplicate_key: { zh: '文件中有重复的匹配值', en: 'The match value appears more than once in the file' },
  duplicate_customer: { zh: '文件中多行匹配到同一客户', en: 'Several rows match the same customer' },
  bank_no_taken: { zh: '客户号已被其他客户使用', en: 'Another customer has this customer number' },
} as const
export type RowErrorCode = keyof typeof ROW_ERRORS
