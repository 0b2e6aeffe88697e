/**
 * The project's one percentile (docs/metrics.md): numpy's default `linear` method (Hyndman & Fan type 7),
 * reproduced operation for operation so that results match `numpy.percentile` to the last bit
 * and agree with what `vllm bench serve` reports. Written here because simple-statistics' quantile
 * interpolates differently (it takes the next rank or the midpoint, not numpy's linear step).
 *
 * Percentiles are on the 0–100 scale, as `numpy.percentile` takes them.
 */
import { mean as ssMean, quickselect, sampleVariance as ssSampleVariance } from 'simple-statistics'

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

/**
 * Percentiles (0–100) by selection rather than a sort: `scratch` is reordered in place (pass a
 * copy). simple-statistics' Floyd–Rivest quickselect places each order statistic in O(n) where a
 * sort of the millions of ITL values of a large result costs O(n log n); taken in ascending order,
 * each selection only searches above the one before. Same values as `percentiles`, in the order asked.
 */
export function percentilesBySelection(scratch: Float64Array, ps: readonly number[]): number[] {
  for (const p of ps) checkPercentile(p)
  const n = scratch.length
  if (n === 0) throw new RangeError('percentile of an empty sample')
  // simple-statistics types it for arrays; it only indexes and swaps, as a typed array allows.
  const select = quickselect as unknown as (values: Float64Array, k: number, left: number, right: number) => void
  const results = new Array<number>(ps.length)
  let selected = -1
  for (const index of ps.map((_, i) => i).sort((a, b) => ps[a]! - ps[b]!)) {
    const virtualIndex = (n - 1) * (ps[index]! / 100)
    const lowerIndex = Math.min(Math.floor(virtualIndex), n - 1)
    if (lowerIndex > selected) select(scratch, lowerIndex, selected + 1, n - 1)
    const lower = scratch[lowerIndex]!
    selected = lowerIndex
    if (virtualIndex >= n - 1) {
      results[index] = lower
      continue
    }
    // Every value after the selected one is at least as large: the next order statistic is their minimum.
    let upper = Infinity
    for (let i = lowerIndex + 1; i < n; i++) if (scratch[i]! < upper) upper = scratch[i]!
    results[index] = numpyLerp(lower, upper, virtualIndex - lowerIndex)
  }
  return results
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

/** Arithmetic mean (simple-statistics, with compensated summation); NaN for an empty input. */
export function mean(values: ArrayLike<number>): number {
  // simple-statistics types its inputs as arrays; it only reads length and indices, as typed arrays allow.
  return values.length === 0 ? Number.NaN : ssMean(values as number[])
}

/** Sample variance (ddof = 1, simple-statistics' two-pass sum of squared deviations, as numpy's `var(ddof=1)`). */
export function sampleVariance(values: ArrayLike<number>): number {
  return ssSampleVariance(values as number[])
}
