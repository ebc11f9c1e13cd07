import ExcelJS from 'exceljs'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Actor } from '../../http/actor'
import type { OrgService } from '../org'
import type { DepartmentRow, EmployeeRow, LeaderboardService } from './leaderboard'
import { IdParams } from './schema'
import type { FissionService } from './service'

/**
 * What the prizes given cost, in fen: per tier and in all, and per net new customer (seed 003: a bank judges a
 * campaign by what one customer it keeps cost). `prizes` counts every completion but out of stock.
 */
export function prizeCosts(tiers: { level: number; unitPriceFen: number; prizes: string | number }[], netNewCustomers: number) {
  const rows = tiers.map((t) => ({ level: t.level, prizes: Number(t.prizes), cost: Number(t.prizes) * t.unitPriceFen }))
  const prizeCost = rows.reduce((s, t) => s + t.cost, 0)
  return { prizeCost, costPerNetNewCustomer: netNewCustomers > 0 ? Math.round(prizeCost / netNewCustomers) : null, tiers: rows }
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const YUAN = '0.00'
const yuan = (fen: number | null) => fen === null ? null : fen / 100
const METRIC_HEADERS = ['发起客户', '有效助力', '完成任务', '新增客户', '净增客户']
const metrics = (r: EmployeeRow | DepartmentRow) => [r.participants, r.counted, r.completed, r.newCustomers, r.netNewCustomers]

/**
 * The activity's results in one workbook: the funnel with prize costs, per employee, per department at `level`,
 * per Beijing day. Every number comes from the same service calls as the console's panels, with the actor's
 * scope, so a manager's file holds their subtree only.
 */
export function createResultsExport(deps: { fission: FissionService; ranks: LeaderboardService; org: Pick<OrgService, 'listDepartments'> }) {
  return {
    async xlsx(actor: Actor, id: string, level: number) {
      const activity = await deps.fission.get(actor, id)
      const everyone = Number.MAX_SAFE_INTEGER
      const [funnel, employees, departments, stats, tree] = await Promise.all([
        deps.fission.funnel(actor, id),
        deps.ranks.leaderboard(actor, id, { by: 'employee', level, limit: everyone }),
        deps.ranks.leaderboard(actor, id, { by: 'department', level, limit: everyone }),
        deps.ranks.stats(actor, id),
        deps.org.listDepartments(actor),
      ])
      const departmentName = new Map(tree.map((d) => [d.id, d.name]))
      const book = new ExcelJS.Workbook()

      const summary = book.addWorksheet('汇总')
      summary.columns = [{ width: 22 }, { width: 16 }, { width: 12 }, { width: 12 }, { width: 14 }]
      const refused = Object.values(funnel.refused).reduce((s, n) => s + n, 0)
      const lines: [string, number | string | null, string?][] = [
        ['活动', activity.name], ['参与员工', funnel.participatingEmployees], ['发起客户', funnel.participants], ['完成任务', funnel.completed],
        ['新增客户', funnel.newCustomers], ['净增客户', funnel.netNewCustomers], ['有效助力', funnel.counted], ['待审核助力', funnel.held],
        ['流失撤销', funnel.revoked], ['人工作废', funnel.voided], ['未计入助力', refused], ['已发奖品', funnel.prizesReserved],
        ['已兑换', funnel.prizesRedeemed], ['缺货', funnel.outOfStock], ['链式发起', funnel.chainInitiators],
        ['奖品成本（元）', yuan(funnel.prizeCost), YUAN], ['每位净新增客户成本（元）', yuan(funnel.costPerNetNewCustomer), YUAN],
      ]
      for (const [label, value, numFmt] of lines) {
        const row = summary.addRow([label, value])
        if (numFmt) row.getCell(2).numFmt = numFmt
      }
      summary.addRow([])
      summary.addRow(['阶梯', '奖品', '单价（元）', '发放数量', '成本（元）']).font = { bold: true }
      for (const t of funnel.tiers) {
        const tier = activity.tiers.find((x) => x.level === t.level)
        const row = summary.addRow([t.level, tier?.prizeName ?? '', yuan(tier?.unitPriceFen ?? 0), t.prizes, yuan(t.cost)])
        row.getCell(3).numFmt = YUAN; row.getCell(5).numFmt = YUAN
      }

      table(book, '员工', ['排名', '员工', '所属部门', ...METRIC_HEADERS], (employees.items as EmployeeRow[])
        .map((r) => [r.rank, r.name, r.departmentId === null ? '' : departmentName.get(r.departmentId) ?? '', ...metrics(r)]))
      table(book, '部门', ['排名', '部门', '员工数', ...METRIC_HEADERS], (departments.items as DepartmentRow[]).map((r) => [r.rank, r.name, r.employees, ...metrics(r)]))
      table(book, '按日', ['日期（北京时间）', '有效助力', '未计入', '达成阶梯（次）', '新增客户', '净增客户'],
        stats.items.map((d) => [d.day, d.counted, d.refused, d.completions, d.newCustomers, d.netNewCustomers]))
      return { filename: `${activity.name}-活动结果.xlsx`, body: Buffer.from(await book.xlsx.writeBuffer()) }
    },
  }
}

function table(book: ExcelJS.Workbook, name: string, header: string[], rows: (string | number)[][]) {
  const sheet = book.addWorksheet(name)
  sheet.columns = header.map((h) => ({ header: h, width: Math.max(10, h.length * 2 + 4) }))
  sheet.getRow(1).font = { bold: true }
  sheet.addRows(rows)
}

export type ResultsExport = ReturnType<typeof createResultsExport>

export const ResultsQuery = z.object({
  /** Department depth the per-department sheet rolls up to, as the leaderboard's `level`. */
  level: z.coerce.number().int().min(1).max(10).default(1),
})

export const resultsRoutes = (results: ResultsExport): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/fission/activities/:id/results.xlsx', {
    schema: { tags: ['fission'], params: IdParams, querystring: ResultsQuery, description: 'XLSX: funnel with prize costs, per employee, per department, per day (the caller\'s scope)' },
    config: { permission: 'fission.read' },
  }, async (req, reply) => {
    const file = await results.xlsx(req.actor, req.params.id, req.query.level)
    return reply.header('content-disposition', `attachment; filename="results.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .type(XLSX_TYPE).send(file.body)
  })
}
