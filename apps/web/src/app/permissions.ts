import { useMemo } from 'react'
import { useMe } from './session'

/**
 * The permission names of apps/server/src/http/actor.ts. Only the names live here, so call sites are checked
 * at compile time; who holds which comes from the server (`GET /api/auth/me` → `permissions`).
 * Only used to hide what a user cannot use; the server enforces every permission again.
 */
export type Permission =
  | 'org.read' | 'org.sync' | 'org.user.read' | 'org.user.write'
  | 'acquisition.live_code.read' | 'acquisition.live_code.write'
  | 'fission.read' | 'fission.write' | 'fission.fulfil'
  | 'customers.read' | 'customers.tag.read' | 'customers.tag.write' | 'customers.loss.manage'
  | 'customers.transfer' | 'customers.segment.write'
  | 'customers.field.write' | 'customers.import' | 'customers.note.write'
  | 'customers.export' | 'customers.export.unmasked' | 'customers.export.log'
  | 'sandbox.use'

/** `can('customers.tag.write')` for the signed-in user; only valid below <RequireAuth>. */
export function useCan(): (permission: Permission) => boolean {
  const { permissions } = useMe()
  return useMemo(() => {
    const held = new Set(permissions)
    return (permission: Permission) => held.has(permission)
  }, [permissions])
}
