import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureDatabase } from '../../apps/server/src/db/database'
import { startEmbeddedPostgres } from '../../apps/server/src/db/embedded'

/** A fresh database for a benchmark: on BENCH_DATABASE_URL's server, or an embedded one removed afterwards. */
export async function benchDatabase(name: string): Promise<{ url: string; cleanup(): Promise<void> }> {
  let adminUrl = process.env.BENCH_DATABASE_URL
  let cleanup = async () => {}
  if (!adminUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'pond-bench-pg-'))
    await chmod(dir, 0o755)
    const embedded = await startEmbeddedPostgres({ dir: join(dir, 'data'), persistent: false })
    adminUrl = embedded.url
    cleanup = async () => { await embedded.stop(); await rm(dir, { recursive: true, force: true }) }
  }
  return { url: await ensureDatabase(adminUrl, `${name}_${Date.now()}`), cleanup }
}
