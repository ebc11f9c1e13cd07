import dayjs, { type Dayjs } from 'dayjs'
import type { FormInstance } from 'antd'
import { ApiError } from '../../app/api'
import { parseIssues } from '../acquisition/live-code-form'
import { DEFAULT_POSTER } from './poster-editor'
import type { Activity, ActivityInput, PosterLayout, RefusalReason } from './types'

/** `unitPrice` in yuan (2 decimals) on screen; the API takes fen. */
type TierRow = { threshold?: number; prizeName?: string; stock?: number; unitPrice?: number; completionTagId?: string | null }

/** The form's shape: the API input, with a RangePicker period and switches for the optional parts. */
export type ActivityFormValues = {
  name: string
  period: [Dayjs, Dayjs]
  rules: string
  posterEnabled: boolean
  poster: PosterLayout
  scripts: { customer: string; employee: string }
  tiers: TierRow[]
  helperEmployeeIds: string[]
  welcome: { counted: string; refused: { default: string; variants: { reason?: RefusalReason; text?: string }[] } }
  helpRules: { newCustomersOnly: boolean; churnHours: number }
  velocityEnabled: boolean
  velocity: { maxHelps: number; withinSeconds: number }
  participants: { departmentIds: number[]; employeeIds: string[] }
  recommendedSegmentId?: string | null
}

export const emptyForm = (): Partial<ActivityFormValues> => ({
  rules: '',
  posterEnabled: true,
  poster: DEFAULT_POSTER,
  scripts: { customer: '', employee: '' },
  tiers: [{ threshold: 3, prizeName: '', stock: 100, unitPrice: 0, completionTagId: null }],
  helperEmployeeIds: [],
  welcome: { counted: '', refused: { default: '', variants: [] } },
  helpRules: { newCustomersOnly: true, churnHours: 48 },
  velocityEnabled: false,
  velocity: { maxHelps: 20, withinSeconds: 60 },
  participants: { departmentIds: [], employeeIds: [] },
  recommendedSegmentId: null,
})

export function toFormValues(a: Activity): ActivityFormValues {
  return {
    name: a.name,
    period: [dayjs(a.startsAt), dayjs(a.endsAt)],
    rules: a.rules,
    posterEnabled: !!a.poster,
    poster: a.poster ?? DEFAULT_POSTER,
    scripts: a.scripts,
    tiers: a.tiers.map((tier) => ({ threshold: tier.threshold, prizeName: tier.prizeName, stock: tier.stockTotal, unitPrice: tier.unitPriceFen / 100, completionTagId: tier.completionTagId })),
    helperEmployeeIds: a.helperEmployeeIds,
    welcome: a.welcome,
    helpRules: a.helpRules,
    velocityEnabled: !!a.velocity,
    velocity: a.velocity ?? { maxHelps: 20, withinSeconds: 60 },
    participants: a.participants,
    recommendedSegmentId: a.recommendedSegmentId,
  }
}

export function toInput(v: ActivityFormValues): ActivityInput {
  return {
    name: v.name,
    startsAt: v.period[0].toISOString(),
    endsAt: v.period[1].toISOString(),
    rules: v.rules ?? '',
    scripts: v.scripts,
    tiers: v.tiers.map((tier, i) => ({
      level: i + 1, threshold: tier.threshold ?? 0, prizeName: tier.prizeName ?? '', stock: tier.stock ?? 0,
      unitPriceFen: Math.round((tier.unitPrice ?? 0) * 100), completionTagId: tier.completionTagId ?? null,
    })),
    helperEmployeeIds: v.helperEmployeeIds,
    welcome: {
      counted: v.welcome.counted,
      refused: { default: v.welcome.refused.default, variants: v.welcome.refused.variants.filter((x) => x.reason && x.text).map((x) => ({ reason: x.reason!, text: x.text! })) },
    },
    helpRules: v.helpRules,
    velocity: v.velocityEnabled ? v.velocity : null,
    participants: v.participants,
    recommendedSegmentId: v.recommendedSegmentId ?? null,
    poster: v.posterEnabled ? v.poster : null,
  }
}

/** Which step holds the field a server error names, so the form can jump there. */
export const STEP_OF_FIELD: Record<string, number> = {
  name: 0, period: 0, rules: 0, poster: 1, posterEnabled: 1, scripts: 2, tiers: 2, helperEmployeeIds: 2, welcome: 2, helpRules: 2, velocity: 2, participants: 3, recommendedSegmentId: 3,
}

/** Server codes (modules/fission/errors.ts) that name one field of the form. */
const CODE_FIELD: Record<string, (string | number)[]> = {
  'fission.config.ends_before_starts': ['period'],
  'fission.config.ends_in_past': ['period'],
  'fission.config.tiers_not_increasing': ['tiers'],
  'fission.config.tier_levels': ['tiers'],
  'fission.config.qr_outside_poster': ['poster'],
  'fission.config.poster_invalid': ['poster'],
  'fission.config.employee_inactive': ['helperEmployeeIds'],
  'fission.config.tag_not_found': ['tiers'],
  'fission.config.segment_not_found': ['recommendedSegmentId'],
}

/**
 * Puts a failed save's error on its field: a coded config error on the field it names, or the request's zod
 * issues (400 `request.invalid`) on theirs. Returns the step of the first such field, or undefined.
 */
export function applyServerError(form: FormInstance<ActivityFormValues>, error: unknown): number | undefined {
  if (!(error instanceof ApiError)) return undefined
  const field = CODE_FIELD[error.code]
  if (field) {
    form.setFields([{ name: field as never, errors: [error.message] }])
    return STEP_OF_FIELD[String(field[0])]
  }
  const paths = parseIssues(error.details).map((issue) => {
    const path = issue.path[0] === 'body' ? issue.path.slice(1) : issue.path
    // The form holds dates as one period and prices in yuan under their own names.
    const name = path[0] === 'startsAt' || path[0] === 'endsAt' ? ['period'] : path.map((p) => p === 'unitPriceFen' ? 'unitPrice' : p)
    return { name, message: issue.message }
  }).filter((issue) => issue.name.length > 0)
  if (paths.length === 0) return undefined
  form.setFields(paths.map((issue) => ({ name: issue.name as never, errors: [issue.message] })))
  return STEP_OF_FIELD[String(paths[0]!.name[0])]
}
