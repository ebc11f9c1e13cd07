/**
 * Group commit for a hot write path: concurrent callers' items are written together by `flush`, each
 * caller resolving when the batch holding its item has committed. Under light load a batch is one item
 * and nothing waits; under heavy load round trips and commits are shared.
 */
export function createBatcher<T, R>(flush: (items: T[]) => Promise<R[]>, opts: { maxBatch: number; maxInFlight: number }) {
  const waiting: { item: T; resolve(r: R): void; reject(e: unknown): void }[] = []
  let inFlight = 0

  function pump() {
    while (waiting.length > 0 && inFlight < opts.maxInFlight) {
      const batch = waiting.splice(0, opts.maxBatch)
      inFlight++
      flush(batch.map((b) => b.item))
        .then((results) => batch.forEach((b, i) => b.resolve(results[i]!)), (err) => batch.forEach((b) => b.reject(err)))
        .finally(() => { inFlight--; pump() })
    }
  }

  return (item: T): Promise<R> => new Promise<R>((resolve, reject) => {
    waiting.push({ item, resolve, reject })
    pump()
  })
}
