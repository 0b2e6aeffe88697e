import type { Clock } from '../clock.js'

/**
 * One timestamp per socket read. undici hands a read's bytes to the handler in several
 * synchronous calls (one per HTTP chunk); Node drains microtasks after each socket callback, so
 * a stamp cached until the next microtask is shared by everything that arrived in one read.
 * Events that came together then carry the same time: their gap is measured as 0, never
 * invented, and counted as coalesced.
 */
export function createArrivalStamp(clock: Clock): () => number {
  let stamp = -1
  const expire = (): void => {
    stamp = -1
  }
  return () => {
    if (stamp < 0) {
      stamp = clock()
      queueMicrotask(expire)
    }
    return stamp
  }
}
