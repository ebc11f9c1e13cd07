import { z } from 'zod'

/** Why a help did not count; also the key of the helper's welcome variant. */
export const REFUSAL_REASONS = ['activity_not_running', 'initiator_finished', 'self_help', 'already_helped', 'not_new_customer', 'blacklisted', 'velocity_hold'] as const
export type RefusalReason = (typeof REFUSAL_REASONS)[number]

const Text = (max: number) => z.string().trim().min(1).max(max)
const WelcomeText = z.string().trim().min(1).refine((t) => Buffer.byteLength(t) <= 4000, 'text must be at most 4000 bytes')   // CONTRACT §3.5

export const Tier = z.object({
  level: z.number().int().min(1).max(5),
  threshold: z.number().int().min(1).max(10_000),
  prizeName: Text(60),
  stock: z.number().int().min(0).max(10_000_000),
  completionTagId: z.uuid().nullable().default(null),
  /** What one prize costs the bank, in fen (integer cents): the funnel's prize cost and cost per net new customer. */
  unitPriceFen: z.number().int().min(0).max(10_000_000).default(0),
})

/** Where uploaded poster backgrounds are served (backgrounds.ts); a layout may name one by this Pond-relative URL. */
export const LOCAL_BACKGROUND_PATH = '/h5/fission-assets/backgrounds/'
export const LOCAL_BACKGROUND_URL = /^\/h5\/fission-assets\/backgrounds\/[0-9a-f]{64}\.(png|jpg)$/

/** Shapes only: where things sit is checked by the poster module's `checkPosterLayout` (coded errors in the service). */
const Box = z.object({ x: z.number().int(), y: z.number().int(), size: z.number().int() })
export const PosterLayout = z.object({
  backgroundUrl: z.union([z.url({ protocol: /^https?$/ }), z.string().regex(LOCAL_BACKGROUND_URL)]),
  width: z.number().int(),
  height: z.number().int(),
  qr: Box,
  avatar: Box.optional(),
  name: z.object({
    x: z.number().int(), y: z.number().int(), fontSize: z.number().int(), color: z.string().max(7).optional(),
    align: z.enum(['left', 'center', 'right']).optional(), maxWidth: z.number().int().min(1).optional(),
  }).optional(),
})

export const ActivityInput = z.object({
  name: Text(60),
  startsAt: z.coerce.date(),
  endsAt: z.coerce.date(),
  rules: z.string().max(5000).default(''),
  scripts: z.object({ employee: z.string().max(2000).default(''), customer: z.string().max(2000).default('') }).prefault({}),
  tiers: z.array(Tier).min(1).max(5),
  helperEmployeeIds: z.array(z.uuid()).min(1).max(100),            // ≤ 100 members per contact way (CONTRACT §3.3)
  welcome: z.object({
    counted: WelcomeText,
    /**
     * Refusal variants by reason; `default` for any reason without its own. A list, not a map keyed by reason:
     * the database's CamelCasePlugin would rename snake_case keys inside the stored JSON.
     */
    refused: z.object({
      default: WelcomeText,
      variants: z.array(z.object({ reason: z.enum(REFUSAL_REASONS), text: WelcomeText })).max(REFUSAL_REASONS.length).default([])
        .refine((v) => new Set(v.map((x) => x.reason)).size === v.length, 'one variant per reason'),
    }),
  }),
  helpRules: z.object({
    newCustomersOnly: z.boolean().default(true),
    /** A helper who deletes the employee within this many hours loses the help; 0 = never revoked. */
    churnHours: z.number().int().min(0).max(24 * 90).default(48),
  }).prefault({}),
  velocity: z.object({ maxHelps: z.number().int().min(1).max(100_000), withinSeconds: z.number().int().min(1).max(86_400) }).nullable().default(null),
  participants: z.object({ departmentIds: z.array(z.number().int()).max(500).default([]), employeeIds: z.array(z.uuid()).max(5000).default([]) }).prefault({}),
  recommendedSegmentId: z.uuid().nullable().default(null),
  poster: PosterLayout.nullable().default(null),
})
export type ActivityInput = z.infer<typeof ActivityInput>
/** What the config column holds: everything but the columns of their own. */
export type ActivityConfig = Omit<ActivityInput, 'name' | 'startsAt' | 'endsAt' | 'tiers' | 'helperEmployeeIds'>

const Status = z.enum(['draft', 'scheduled', 'running', 'ended', 'archived'])
export const TierView = Tier.omit({ stock: true }).extend({ stockTotal: z.number(), stockLeft: z.number() })
export const ActivityView = ActivityInput.omit({ tiers: true }).extend({
  id: z.string(), status: Status, tiers: z.array(TierView), createdAt: z.date(), updatedAt: z.date(),
})
export const ActivityList = z.object({ items: z.array(ActivityView.pick({ id: true, name: true, status: true, startsAt: true, endsAt: true, createdAt: true })), nextCursor: z.string().nullable() })

export const IdParams = z.object({ id: z.uuid() })
export const TierParams = IdParams.extend({ level: z.coerce.number().int().min(1).max(5) })
export const HelpParams = IdParams.extend({ helpId: z.string().regex(/^\d{1,19}$/) })
export const PageQuery = z.object({ cursor: z.string().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
export const JoinBody = z.object({ customerId: z.string().regex(/^\d{1,19}$/) })
export const ExtendBody = z.object({ endsAt: z.coerce.date() })
export const TopUpBody = z.object({ add: z.number().int().min(1).max(10_000_000), note: z.string().max(200).default('') })
export const RedeemBody = z.object({ code: z.string().trim().min(1).max(32), address: z.object({ name: Text(40), phone: Text(20), address: Text(200) }).optional() })
export const BlacklistBody = z.object({ customerId: z.string().regex(/^\d{1,19}$/), reason: Text(200), appealNote: z.string().max(500).default('') })
export const AppealBody = z.object({ appealNote: z.string().max(500) })
export const CustomerParams = z.object({ customerId: z.string().regex(/^\d{1,19}$/) })

export const CompletionStatus = z.enum(['reserved', 'out_of_stock', 'redeemed', 'fulfilled'])
export const ParticipantView = z.object({
  id: z.string(), customerId: z.string(), externalUserId: z.string(), employeeId: z.string().nullable(), state: z.string(),
  /** Null when the customer is outside the viewer's data scope. */
  customerName: z.string().nullable(), customerAvatar: z.string().nullable(),
  configId: z.string().nullable(), qrCodeUrl: z.string().nullable(), helpCount: z.number(), invitedByParticipantId: z.string().nullable(), joinedAt: z.date(),
  completions: z.array(z.object({ id: z.string(), level: z.number(), status: CompletionStatus, redemptionCode: z.string().nullable(), completedAt: z.date() })),
})
export const ParticipantList = z.object({ items: z.array(ParticipantView), nextCursor: z.string().nullable() })
export const HelpView = z.object({
  id: z.string(), participantId: z.string(), helperCustomerId: z.string(), helperExternalUserId: z.string(), employeeId: z.string(),
  /** Null when the helper is outside the viewer's data scope. */
  helperName: z.string().nullable(), helperAvatar: z.string().nullable(),
  status: z.enum(['counted', 'refused', 'held', 'revoked', 'voided']), reason: z.string().nullable(), addedAt: z.date(), revokedAt: z.date().nullable(),
})
export const HelpList = z.object({ items: z.array(HelpView), nextCursor: z.string().nullable() })
export const Funnel = z.object({
  participatingEmployees: z.number(), participants: z.number(), completed: z.number(), newCustomers: z.number(), netNewCustomers: z.number(),
  counted: z.number(), held: z.number(), revoked: z.number(), voided: z.number(), refused: z.record(z.string(), z.number()),
  prizesReserved: z.number(), prizesRedeemed: z.number(), prizesFulfilled: z.number(), outOfStock: z.number(), chainInitiators: z.number(),
  /** Fen: each prize given (any completion but out of stock) at its tier's unit price. */
  prizeCost: z.number(),
  /** Fen, rounded to the fen: prize cost over net new customers; null without any. */
  costPerNetNewCustomer: z.number().nullable(),
  tiers: z.array(z.object({ level: z.number(), prizes: z.number(), cost: z.number() })),
})
export const CompletionView = z.object({ id: z.string(), participantId: z.string(), level: z.number(), status: CompletionStatus, redeemedAt: z.date().nullable() })
export const BlacklistView = z.object({ customerId: z.string(), reason: z.string(), appealNote: z.string(), createdAt: z.date() })
