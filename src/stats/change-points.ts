/**
 * Change points of a series by E-divisive means (Matteson and James, "A nonparametric approach
 * for multiple change point analysis of multivariate data", JASA 2014), the method Apache Otava
 * (formerly Hunter) and MongoDB's change-point service build on.
 *
 * For a segment Z[s, e) and every split s < τ < κ <= e, the divergence between X = Z[s, τ) and
 * Y = Z[τ, κ) is the energy statistic
 *
 *   q̂ = n m / (n + m) · ( 2/(n m) Σ|X_i − Y_j| − Σ_{i<k}|X_i − X_k| / C(n,2) − Σ_{j<k}|Y_j − Y_k| / C(m,2) )
 *
 * with n = |X|, m = |Y| (a within-term with no pairs is 0). The best split over every current
 * segment is a candidate; a permutation test decides whether it is a change: the values are
 * shuffled within each segment (which keeps the changes already found) and the largest q̂ of
 * the shuffled series is recomputed. The p-value is (1 + #{shuffled q̂ >= observed}) / (R + 1),
 * which is exact for exchangeable values (no assumption of normality). Splitting goes on while
 * candidates are significant. Letting Y end before the segment does (κ < e) keeps a later change
 * from muddying an earlier one.
 *
 * Written here because no npm package implements it; pure functions, seeded permutations.
 */
import { Random } from '../random.js'

/**
 * A flat history of a dozen metrics, each tested at 0.005, shows a change in fewer than one in
 * ten; 999 permutations resolve p-values to 0.001.
 */
export const CHANGE_POINT_DEFAULTS = { alpha: 0.005, permutations: 999 } as const

export interface ChangePointOptions {
  /** A candidate is a change when its permutation p-value is at most this. Default 0.005. */
  alpha?: number
  /** Permutations per candidate (R). Default 999: p-values down to 0.001. */
  permutations?: number
  seed?: number
}

export interface ChangePoint {
  /** The first element after the change (the first of the new segment), from 0. */
  index: number
  pValue: number
  /** q̂ of the split that found it. */
  statistic: number
}

/** A run of the series between changes: [start, end). */
export interface Segment {
  start: number
  end: number
}

export interface BestSplit {
  /** First index of Y (the change point), relative to the series, not the segment. */
  tau: number
  /** End of Y (exclusive). */
  kappa: number
  statistic: number
}

/** Fills `prefix` with the 2-D prefix sums of |x_i − x_j| over values[start, end); returns rect(a1, a2, b1, b2), the sum over i in [a1, a2), j in [b1, b2) (segment-relative). */
function distanceSums(values: ArrayLike<number>, start: number, end: number, prefix: Float64Array): (a1: number, a2: number, b1: number, b2: number) => number {
  const length = end - start
  const width = length + 1
  for (let b = 0; b <= length; b++) prefix[b] = 0
  for (let a = 0; a < length; a++) {
    const row = (a + 1) * width
    const above = a * width
    prefix[row] = 0
    const xa = values[start + a]!
    let rowSum = 0
    for (let b = 0; b < length; b++) {
      rowSum += Math.abs(xa - values[start + b]!)
      prefix[row + b + 1] = prefix[above + b + 1]! + rowSum
    }
  }
  return (a1, a2, b1, b2) => prefix[a2 * width + b2]! - prefix[a1 * width + b2]! - prefix[a2 * width + b1]! + prefix[a1 * width + b1]!
}

/** q̂ of X = [s, s + n) against Y = [s + n, s + n + m), segment-relative, from distanceSums. */
function energyStatistic(rect: (a1: number, a2: number, b1: number, b2: number) => number, n: number, m: number): number {
  const withinX = n > 1 ? rect(0, n, 0, n) / (n * (n - 1)) : 0
  const withinY = m > 1 ? rect(n, n + m, n, n + m) / (m * (m - 1)) : 0
  return ((n * m) / (n + m)) * ((2 * rect(0, n, n, n + m)) / (n * m) - withinX - withinY)
}

/**
 * The split of `values[start, end)` with the largest q̂, or null for fewer than two values.
 * `prefix` is scratch space of at least (end - start + 1)² numbers: the 2-D prefix sums of the
 * distance matrix, so each of the O(L²) splits costs O(1).
 */
export function bestSplit(values: ArrayLike<number>, start: number, end: number, prefix: Float64Array = new Float64Array((end - start + 1) ** 2)): BestSplit | null {
  const length = end - start
  if (length < 2) return null
  const rect = distanceSums(values, start, end, prefix)
  let best: BestSplit | null = null
  for (let tau = 1; tau < length; tau++) {
    for (let kappa = tau + 1; kappa <= length; kappa++) {
      const statistic = energyStatistic(rect, tau, kappa - tau)
      if (best === null || statistic > best.statistic) best = { tau: start + tau, kappa: start + kappa, statistic }
    }
  }
  return best
}

/** The segments between sorted change point indices. */
export function segmentsOf(length: number, changeIndices: readonly number[]): Segment[] {
  const bounds = [0, ...[...changeIndices].sort((a, b) => a - b), length]
  const segments: Segment[] = []
  for (let i = 0; i + 1 < bounds.length; i++) if (bounds[i + 1]! > bounds[i]!) segments.push({ start: bounds[i]!, end: bounds[i + 1]! })
  return segments
}

function bestOver(values: ArrayLike<number>, segments: readonly Segment[], prefix: Float64Array): BestSplit | null {
  let best: BestSplit | null = null
  for (const segment of segments) {
    const split = bestSplit(values, segment.start, segment.end, prefix)
    if (split !== null && (best === null || split.statistic > best.statistic)) best = split
  }
  return best
}

/**
 * The permutation p-value of `observed`, the largest q̂ over `segments`. It stops as soon as
 * the p-value can no longer come out at or below alpha (Besag and Clifford's sequential rule),
 * so candidates in a flat series cost a few dozen shuffles, not R; the decision is the same.
 */
function permutationPValue(values: Float64Array, segments: readonly Segment[], observed: number, options: Required<ChangePointOptions>, step: number, prefix: Float64Array): number {
  const random = new Random(options.seed, 'e-divisive', step)
  const shuffled = Float64Array.from(values)
  // Sums of the same numbers in another order can differ in the last bits.
  const threshold = observed - 1e-9 * Math.abs(observed)
  let exceed = 0
  let drawn = 0
  for (; drawn < options.permutations; drawn++) {
    for (const { start, end } of segments) {
      for (let i = end - 1; i > start; i--) {
        const j = start + Math.floor(random.uniform() * (i - start + 1))
        const swap = shuffled[i]!
        shuffled[i] = shuffled[j]!
        shuffled[j] = swap
      }
    }
    const split = bestOver(shuffled, segments, prefix)
    if (split !== null && split.statistic >= threshold) exceed++
    if ((1 + exceed) / (options.permutations + 1) > options.alpha) return (1 + exceed) / (drawn + 2)
  }
  return (1 + exceed) / (drawn + 1)
}

/** The τ in (start, end) whose split of values[start, end) into [start, τ) and [τ, end) has the largest q̂. */
function splitAt(values: ArrayLike<number>, start: number, end: number, prefix: Float64Array): number {
  const length = end - start
  const rect = distanceSums(values, start, end, prefix)
  let best = start + 1
  let bestStatistic = -Infinity
  for (let tau = 1; tau < length; tau++) {
    const statistic = energyStatistic(rect, tau, length - tau)
    if (statistic > bestStatistic) {
      bestStatistic = statistic
      best = start + tau
    }
  }
  return best
}

/**
 * Bisection places a change from what lies on either side of it at the time; a value between
 * two later-found levels can end up on the wrong side of one (off by a run). Each change is
 * moved to the best split between its neighbours until none moves (a few passes at most).
 */
function refine(values: Float64Array, found: ChangePoint[], prefix: Float64Array): ChangePoint[] {
  const sorted = [...found].sort((a, b) => a.index - b.index)
  for (let pass = 0; pass < 10; pass++) {
    let moved = false
    sorted.forEach((change, i) => {
      const start = i === 0 ? 0 : sorted[i - 1]!.index
      const end = i === sorted.length - 1 ? values.length : sorted[i + 1]!.index
      const index = splitAt(values, start, end, prefix)
      if (index !== change.index) {
        sorted[i] = { ...change, index }
        moved = true
      }
    })
    if (!moved) break
  }
  return sorted
}

/**
 * Significant change points of `series`, sorted by index. Non-finite values are a caller
 * mistake (filter them first). Deterministic for a given seed.
 */
export function eDivisive(series: readonly number[], options: ChangePointOptions = {}): ChangePoint[] {
  const settings: Required<ChangePointOptions> = { alpha: options.alpha ?? CHANGE_POINT_DEFAULTS.alpha, permutations: options.permutations ?? CHANGE_POINT_DEFAULTS.permutations, seed: options.seed ?? 0 }
  if (!(settings.alpha > 0 && settings.alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${settings.alpha}`)
  if (!Number.isInteger(settings.permutations) || settings.permutations < 1) throw new RangeError(`permutations must be a positive integer, got ${settings.permutations}`)
  if (1 / (settings.permutations + 1) > settings.alpha) throw new RangeError(`${settings.permutations} permutations cannot reach p <= ${settings.alpha}: the smallest p-value is 1 / ${settings.permutations + 1}`)
  series.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new RangeError(`series values must be finite (index ${index} is ${value})`)
  })
  const values = Float64Array.from(series)
  const prefix = new Float64Array((values.length + 1) ** 2)
  const found: ChangePoint[] = []
  for (let step = 0; ; step++) {
    const segments = segmentsOf(values.length, found.map((change) => change.index))
    const candidate = bestOver(values, segments, prefix)
    if (candidate === null || !(candidate.statistic > 0)) break
    const pValue = permutationPValue(values, segments, candidate.statistic, settings, step, prefix)
    if (pValue > settings.alpha) break
    found.push({ index: candidate.tau, pValue, statistic: candidate.statistic })
  }
  return refine(values, found, prefix)
}
