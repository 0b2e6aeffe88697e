/** Milliseconds from a monotonic clock (docs/metrics.md). Passed in wherever time is read, so tests can script it. */
export type Clock = () => number

export const monotonicClock: Clock = () => performance.now()
