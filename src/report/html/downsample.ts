/**
 * Fewer points to draw, never fewer to count: the report's numbers come from the comparison
 * document; these functions only thin what the browser draws. A 10 × 10,000-request result
 * holds a million ITL gaps, which no page should carry.
 */
import { percentileOfSorted } from '../../stats/percentile.js'

/** At most about this many points a drawn series; uPlot draws tens of thousands in milliseconds, the page's size is what this bounds. */
export const MAX_POINTS_PER_SERIES = 4000

export interface Xy {
  x: number[]
  y: Array<number | null>
}

/** Four significant digits: what a chart can show, and a smaller page than the full double. */
export const round = (value: number): number => (Number.isFinite(value) ? Number(value.toPrecision(4)) : value)

/**
 * Min/max per bucket: the x range is cut into `maxPoints / 2` equal buckets and each keeps its
 * lowest and highest point, in x order. Spikes and dips survive (a latency outlier is what a
 * reader looks for); the density between them thins out. `x` must be ascending. Below the limit
 * every point is kept.
 */
export function minMaxPerBucket(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints = MAX_POINTS_PER_SERIES): Xy {
  const n = Math.min(x.length, y.length)
  const out: Xy = { x: [], y: [] }
  const keep = (index: number): void => {
    out.x.push(round(x[index]!))
    out.y.push(round(y[index]!))
  }
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) keep(i)
    return out
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2))
  const first = x[0]!
  const width = (x[n - 1]! - first) / buckets || 1
  let bucket = -1
  let low = -1
  let high = -1
  const flush = (): void => {
    if (low === -1) return
    keep(Math.min(low, high))
    if (low !== high) keep(Math.max(low, high))
  }
  for (let i = 0; i < n; i++) {
    const b = Math.min(buckets - 1, Math.floor((x[i]! - first) / width))
    if (b !== bucket) {
      flush()
      bucket = b
      low = i
      high = i
    } else {
      if (y[i]! < y[low]!) low = i
      if (y[i]! > y[high]!) high = i
    }
  }
  flush()
  return out
}

/**
 * Values that arrive at times `t` (any order), summarised per equal time bucket over [0, span]:
 * the requested percentiles (0–100) of the values in each bucket, and each bucket's count. A
 * bucket with no value gives null (a gap in the line).
 */
export function bucketPercentiles(t: ArrayLike<number>, values: ArrayLike<number>, span: number, buckets: number, ps: readonly number[]): { centres: number[]; percentiles: Array<Array<number | null>>; counts: number[] } {
  const n = Math.min(t.length, values.length)
  const width = span / buckets || 1
  const index = new Int32Array(n)
  const counts = new Array<number>(buckets).fill(0)
  for (let i = 0; i < n; i++) {
    const b = Math.min(buckets - 1, Math.max(0, Math.floor(t[i]! / width)))
    index[i] = b
    counts[b]!++
  }
  // Counting sort into one array, bucket after bucket, then each bucket's slice sorted on its own.
  const starts = new Int32Array(buckets + 1)
  for (let b = 0; b < buckets; b++) starts[b + 1] = starts[b]! + counts[b]!
  const filled = starts.slice(0, buckets)
  const grouped = new Float64Array(n)
  for (let i = 0; i < n; i++) grouped[filled[index[i]!]!++] = values[i]!
  const percentiles = ps.map(() => new Array<number | null>(buckets).fill(null))
  for (let b = 0; b < buckets; b++) {
    if (counts[b] === 0) continue
    const slice = grouped.subarray(starts[b]!, starts[b + 1]!).sort()
    ps.forEach((p, k) => (percentiles[k]![b] = round(percentileOfSorted(slice, p))))
  }
  return { centres: Array.from({ length: buckets }, (_, b) => round((b + 0.5) * width)), percentiles, counts }
}

/**
 * A sample's quantile function on a grid for a percentile plot (the CDF on its side, as
 * HdrHistogram draws latency): x is 1 / (1 - p), drawn on a log axis, so p50, p90, p99 and
 * p99.9 are equally far apart; the grid stops at 1 - 1/n, the highest percentile n values
 * support. `sorted` must be ascending. About `points` values, whatever the sample's size.
 */
export function percentileCurve(sorted: ArrayLike<number>, points = 300): Xy {
  const n = sorted.length
  if (n === 0) return { x: [], y: [] }
  const top = Math.log10(Math.max(1, n))
  const out: Xy = { x: [], y: [] }
  for (let k = 0; k <= points; k++) {
    const x = 10 ** ((top * k) / points)
    const p = 1 - 1 / x
    out.x.push(round(x))
    out.y.push(round(percentileOfSorted(sorted, Math.min(100, Math.max(0, 100 * p)))))
    if (n === 1) break
  }
  return out
}
