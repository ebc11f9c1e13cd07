import type { BodyOf, ResponseOf } from '../../api/types'

type Item<T> = T extends { items: (infer I)[] } ? I : never

export type ActivityRow = Item<ResponseOf<'/api/fission/activities'>>
export type Activity = ResponseOf<'/api/fission/activities/{id}'>
export type ActivityInput = BodyOf<'/api/fission/activities', 'post'>
export type ActivityStatus = Activity['status']
export type PosterLayout = NonNullable<ActivityInput['poster']>
export type Funnel = ResponseOf<'/api/fission/activities/{id}/funnel'>
export type Participant = Item<ResponseOf<'/api/fission/activities/{id}/participants'>>
export type Help = Item<ResponseOf<'/api/fission/activities/{id}/helps'>>
export type HelpStatus = Help['status']
export type Claim = Item<ResponseOf<'/api/fission/activities/{id}/redemptions'>>
export type BlacklistEntry = Item<ResponseOf<'/api/fission/blacklist'>>

/** Why a help did not count (the server's codes, D13), in the order the rules run. */
export const REFUSAL_REASONS = ['activity_not_running', 'initiator_finished', 'self_help', 'already_helped', 'not_new_customer', 'blacklisted', 'velocity_hold'] as const
export type RefusalReason = (typeof REFUSAL_REASONS)[number]
