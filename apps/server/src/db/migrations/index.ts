import type { Migration } from 'kysely'
import * as foundation from './20261124000000_foundation'
import * as lossesUsers from './20261124110000_losses_users'

/** Every migration, in order. Forward-only: never edit one that has shipped; add a new file. */
export const migrations: Record<string, Migration> = {
  '20261124000000_foundation': foundation,
  '20261124110000_losses_users': lossesUsers,
}
