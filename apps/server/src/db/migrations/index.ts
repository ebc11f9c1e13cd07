import type { Migration } from 'kysely'
import * as foundation from './20261124000000_foundation'
import * as segments from './20261124100000_segments'
import * as lossesUsers from './20261124110000_losses_users'
import * as transfers from './20261124120000_transfers'
import * as profiles from './20261124130000_profiles'
import * as customFields from './20261124140000_custom_fields'
import * as tagJobs from './20261124150000_tag_jobs'
import * as notesExports from './20261124160000_notes_exports'
import * as customerIdentity from './20261124170000_customer_identity'
import * as segmentScope from './20261124180000_segment_scope'
import * as customerTagPush from './20261124190000_customer_tag_push'
import * as fission from './20261124200000_fission'
import * as fissionFulfilment from './20261124210000_fission_fulfilment'
import * as fissionPrizePrice from './20261124220000_fission_prize_price'
import * as customerProfilePending from './20261124230000_customer_profile_pending'
import * as fissionNotices from './20261125000000_fission_notices'
import * as hotPathForeignKeys from './20261125010000_hot_path_foreign_keys'
import * as profileFillUsage from './20261125020000_profile_fill_usage'

/** Every migration, in order. Forward-only: never edit one that has shipped; add a new file. */
export const migrations: Record<string, Migration> = {
  '20261124000000_foundation': foundation,
  '20261124100000_segments': segments,
  '20261124110000_losses_users': lossesUsers,
  '20261124120000_transfers': transfers,
  '20261124130000_profiles': profiles,
  '20261124140000_custom_fields': customFields,
  '20261124150000_tag_jobs': tagJobs,
  '20261124160000_notes_exports': notesExports,
  '20261124170000_customer_identity': customerIdentity,
  '20261124180000_segment_scope': segmentScope,
  '20261124190000_customer_tag_push': customerTagPush,
  '20261124200000_fission': fission,
  '20261124210000_fission_fulfilment': fissionFulfilment,
  '20261124220000_fission_prize_price': fissionPrizePrice,
  '20261124230000_customer_profile_pending': customerProfilePending,
  '20261125000000_fission_notices': fissionNotices,
  '20261125010000_hot_path_foreign_keys': hotPathForeignKeys,
  '20261125020000_profile_fill_usage': profileFillUsage,
}
