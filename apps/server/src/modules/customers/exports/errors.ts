import { defineErrors } from '../../../http/errors'

export const exportsError = defineErrors({
  'customers.export.too_many_rows': { status: 422, message: { zh: '超过 Excel 单表 1,048,576 行的上限，请缩小范围或导出 CSV', en: 'More rows than an Excel sheet holds (1,048,576); narrow the filter or export CSV' } },
})
