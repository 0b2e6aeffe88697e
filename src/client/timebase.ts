/**
 * One timebase for every thread of the client. Each thread's performance.now() counts from its
 * own timeOrigin, the moment the thread started, so a worker's readings are offset from the main
 * thread's by however long after the process the worker started. Both clocks, and
 * process.hrtime, read the same monotonic counter (libuv's uv_hrtime); the offset is measured
 * once, against an anchor the main thread reads, instead of taken from performance.timeOrigin,
 * which is wall-clock time at each thread's start and moves with any wall-clock adjustment made
 * in between. test/client/timebase.test.ts bounds the error.
 */
import type { Clock } from '../clock.js'

/** The main thread's performance.now() and the shared monotonic counter, read together. */
export interface Anchor {
  hr: bigint
  now: number
}

export function anchorNow(): Anchor {
  // The tightest of a few readings: a thread's first readings can be slow (lazy set-up), and half the gap is the error.
  let best: Anchor = { hr: 0n, now: 0 }
  let gap = Number.POSITIVE_INFINITY
  for (let i = 0; i < 5; i++) {
    const before = process.hrtime.bigint()
    const now = performance.now()
    const after = process.hrtime.bigint()
    if (Number(after - before) < gap) {
      gap = Number(after - before)
      best = { hr: (before + after) / 2n, now }
    }
  }
  return best
}

/** A clock on this thread that reads what the anchoring thread's performance.now() reads at the same moment. */
export function clockFrom(anchor: Anchor): Clock {
  const here = anchorNow()
  const offset = anchor.now + Number(here.hr - anchor.hr) / 1e6 - here.now
  return () => performance.now() + offset
}
