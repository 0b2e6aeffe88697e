/**
 * The project's one percentile (SPEC §5): numpy's default `linear` method (Hyndman & Fan type 7),
 * reproduced operation for operation so that results match `numpy.percentile` to the last bit
 * and agree with what `vllm bench serve` reports.
 *
 * Percentiles are on the 0–100 scale, as `numpy.percentile` takes them.
 */
import type { Distribution } from '../result/types.js'

/** Throws for an empty input or a percentile outside [0, 100]: both are caller mistakes. */
function checkPercentile(p: number): void {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`)
}

/**
 * A sorted Float64Array copy of `values`. Sort once and pass the copy to `percentileOfSorted`
 * for every percentile you need; typed-array sort is numeric and several times faster than
 * sorting a plain array with a comparator.
 */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const copy = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const value = values[i]
    if (Number.isNaN(value)) throw new RangeError(`values must not contain NaN (index ${i})`)
    copy[i] = value
  }
  return copy.sort()
}

/**
 * numpy's lerp: below the midpoint it steps up from the lower neighbour, above it steps down
 * from the upper one. The two formulas round differently, and matching numpy needs the same one.
 */
export function numpyLerp(lower: number, upper: number, fraction: number): number {
  const difference = upper - lower
  return fraction >= 0.5 ? upper - difference * (1 - fraction) : lower + difference * fraction
}

/**
 * The p-th percentile (0–100) of values already sorted ascending, by numpy's linear method:
 * the virtual index (n - 1) * p / 100, interpolated between its two neighbouring order
 * statistics. Does not check the order.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  checkPercentile(p)
  const n = sorted.length
  if (n === 0) throw new RangeError('percentile of an empty sample')
  return interpolateAt(p, n, (index) => sorted[index])
}

/**
 * numpy's linear interpolation at percentile p of a sample of size n, reading order statistic
 * `i` (0-based) through `orderStatistic`. Shared with the bootstrap, whose resamples are never
 * materialised as sorted arrays.
 */
export function interpolateAt(p: number, n: number, orderStatistic: (index: number) => number): number {
  const virtualIndex = (n - 1) * (p / 100)
  if (virtualIndex >= n - 1) return orderStatistic(n - 1)
  const lowerIndex = Math.floor(virtualIndex)
  const lower = orderStatistic(lowerIndex)
  const upper = orderStatistic(lowerIndex + 1)
  return numpyLerp(lower, upper, virtualIndex - lowerIndex)
}

/** The p-th percentile (0–100) of `values` in any order; see `percentileOfSorted`. */
export function percentile(values: ArrayLike<number>, p: number): number {
  checkPercentile(p)
  return percentileOfSorted(sortedCopy(values), p)
}

/** Several percentiles (0–100) from one sort, in the order asked. */
export function percentiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  for (const p of ps) checkPercentile(p)
  const sorted = sortedCopy(values)
  return ps.map((p) => percentileOfSorted(sorted, p))
}

/** Arithmetic mean; NaN for an empty input. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i]
  return sum / values.length
}

/**
 * Sample variance (ddof = 1) by the two-pass formula, which is what numpy's `var(ddof=1)` does and
 * avoids the cancellation of the one-pass sum-of-squares form on latencies with a large offset.
 */
export function sampleVariance(values: ArrayLike<number>, knownMean = mean(values)): number {
  let squares = 0
  for (let i = 0; i < values.length; i++) {
    const deviation = values[i] - knownMean
    squares += deviation * deviation
  }
  return squares / (values.length - 1)
}

/**
 * The SPEC §6 summary of one sample: count, mean, sample standard deviation (ddof = 1), min,
 * p50/p90/p95/p99 (numpy linear) and max. Every field but count is null for an empty sample,
 * and stddev is null below two values. One sort serves every percentile.
 */
export function describe(values: ArrayLike<number>): Distribution {
  return describeSorted(sortedCopy(values))
}

/** describe() of values already sorted ascending (and free of NaN), for a caller that sorted its own copy in place. */
export function describeSorted(sorted: ArrayLike<number>): Distribution {
  const count = sorted.length
  if (count === 0) {
    return { count: 0, mean: null, stddev: null, min: null, p50: null, p90: null, p95: null, p99: null, max: null }
  }
  const average = mean(sorted)
  return {
    count,
    mean: average,
    stddev: count >= 2 ? Math.sqrt(sampleVariance(sorted, average)) : null,
    min: sorted[0],
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    max: sorted[count - 1]
  }
}
