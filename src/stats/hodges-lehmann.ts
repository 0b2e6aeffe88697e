/**
 * Hodges–Lehmann estimate of the shift between two samples, with the distribution-free
 * confidence interval that inverts the Mann–Whitney test (Moses 1965; Bauer 1972).
 *
 * Construction. Let D(1) <= … <= D(mn) be the m·n pairwise differences y_j - x_i. If y is x
 * shifted by Δ, the number of differences below Δ has the null distribution of U, so
 * P(D(k) > Δ) = P(U <= k - 1), and by symmetry P(D(mn + 1 - k) < Δ) is the same. The interval
 * [D(k), D(mn + 1 - k)] with the largest k such that P(U <= k - 1) <= α / 2 therefore covers Δ
 * with probability 1 - 2 P(U <= k - 1) >= 1 - α. P(U <= ·) is the exact untied distribution when
 * the samples are small and untied, otherwise the normal approximation with the tie-corrected
 * variance and a continuity correction: k = floor(mn / 2 + 1/2 - z σ).
 *
 * Order statistics of the differences are found without forming all m·n of them (see
 * `pairwiseDifferenceOrderStatistic`), so request-level samples of 10^5 values take milliseconds.
 */
import { standardNormalCdf, standardNormalQuantile } from './distributions.js'
import { AUTO_EXACT_PAIRS, rankSummaryOfSorted } from './mann-whitney.js'
import { sortedCopy } from './percentile.js'
import { untiedUCdf } from './u-distribution.js'

export interface HodgesLehmannOptions {
  /** Nominal coverage of the interval, in (0, 1); default 0.95. */
  confidence?: number
  /** `auto` (default): exact when untied and m·n <= 2,500. `asymptotic`: always normal. */
  method?: 'auto' | 'asymptotic'
}

export interface HodgesLehmannResult {
  /** Median of the m·n differences y_j - x_i (the mean of the two middle ones when m·n is even). */
  estimate: number
  /** D(k): the interval's lower end; null when the samples are too small to reach `confidence`. */
  low: number | null
  /** D(mn + 1 - k): the interval's upper end; null with `low`. */
  high: number | null
  /** The rank k (1-based) of the lower end; 0 when there is no interval. */
  rank: number
  /**
   * The coverage the interval actually has, 1 - 2 P(U <= k - 1): at least `confidence` when
   * exact, and 1 when there is no interval (rank 0 stands for the whole line).
   */
  coverage: number
  method: 'exact' | 'asymptotic'
}

/** Number of pairs with fl(y_j - x_i) <= t, for ascending x and y, in O(m + n). */
function countDifferencesAtMost(xs: Float64Array, ys: Float64Array, t: number): number {
  const m = xs.length
  let count = 0
  let i = 0 // y_j - x_i falls as i grows and rises with j, so the first i that fits only moves right.
  for (let j = 0; j < ys.length; j++) {
    const yj = ys[j]
    while (i < m && yj - xs[i] > t) i++
    count += m - i
  }
  return count
}

// Doubles mapped to integers in the same order (negatives mirrored), so bisecting the integers
// halves the number of doubles left in a bracket: at most 64 halvings reach adjacent doubles,
// where halving values near 0 could take a thousand.
const bits = new Float64Array(1)
const bitsAsInteger = new BigInt64Array(bits.buffer)
const SIGN = -(2n ** 63n)
function orderedKey(value: number): bigint {
  bits[0] = value
  const raw = bitsAsInteger[0]
  return raw >= 0n ? raw : -(raw - SIGN)
}
function fromOrderedKey(key: bigint): number {
  bitsAsInteger[0] = key >= 0n ? key : -key + SIGN
  return bits[0]
}

/** The differences in (low, high], ascending, for ascending x and y. */
function differencesBetween(xs: Float64Array, ys: Float64Array, low: number, high: number, count: number): Float64Array {
  const found = new Float64Array(count)
  const m = xs.length
  let filled = 0
  let first = 0 // first i with y_j - x_i <= high
  let past = 0 // first i with y_j - x_i <= low
  for (let j = 0; j < ys.length; j++) {
    const yj = ys[j]
    while (first < m && yj - xs[first] > high) first++
    while (past < m && yj - xs[past] > low) past++
    for (let i = first; i < past; i++) found[filled++] = yj - xs[i]
  }
  return found.sort()
}

/**
 * A bracket that very probably holds the differences' quantile `fraction`: the quantile ± 4
 * standard errors among the differences of a 64 × 64 grid of evenly spaced order statistics of
 * x and y. Only a starting point (the caller checks it by counting), but it saves the first dozen
 * probes of a search that would otherwise start from the extreme differences.
 */
function guessBracket(xs: Float64Array, ys: Float64Array, fraction: number): [number, number] {
  const side = 64
  const grid = new Float64Array(side * side)
  for (let a = 0; a < side; a++) {
    const xi = xs[Math.floor(((a + 0.5) * xs.length) / side)]
    for (let b = 0; b < side; b++) grid[a * side + b] = ys[Math.floor(((b + 0.5) * ys.length) / side)] - xi
  }
  grid.sort()
  const margin = 4 * Math.sqrt(grid.length * fraction * (1 - fraction)) + 2
  const at = (position: number): number => grid[Math.min(grid.length - 1, Math.max(0, Math.round(position)))]
  return [at(fraction * grid.length - margin), at(fraction * grid.length + margin)]
}

const SMALL_PAIRS = 4096

/**
 * The k-th smallest (1-based) of the differences y_j - x_i, for ascending x and y, exactly as the
 * floating-point subtraction gives them. It narrows a bracket (low, high] with count(<= low) < k
 * <= count(<= high), each probe one O(m + n) count: interpolating on the counts (a few probes for
 * smooth data), or bisecting when that stalls (ties). Once at most (m + n) / 4 differences are
 * left in the bracket they are listed and sorted. Listing all m·n differences instead would mean
 * 10^10 of them for two request-level samples.
 */
export function pairwiseDifferenceOrderStatistic(xs: Float64Array, ys: Float64Array, k: number): number {
  const m = xs.length
  const n = ys.length
  if (!(Number.isInteger(k) && k >= 1 && k <= m * n)) throw new RangeError(`rank ${k} outside 1…${m * n}`)
  // Few enough to list: the trial-level case, where searching would cost more than sorting.
  if (m * n <= SMALL_PAIRS) return differencesBetween(xs, ys, -Infinity, Infinity, m * n)[k - 1]
  let [low, high] = guessBracket(xs, ys, k / (m * n))
  let countLow = countDifferencesAtMost(xs, ys, low)
  if (countLow >= k) {
    low = ys[0] - xs[m - 1]
    countLow = countDifferencesAtMost(xs, ys, low)
    if (countLow >= k) return low
  }
  let countHigh = countDifferencesAtMost(xs, ys, high)
  if (countHigh < k) {
    high = ys[n - 1] - xs[0]
    countHigh = m * n
  }
  let bisect = false
  while (countHigh - countLow > Math.max((m + n) / 4, 64)) {
    let probe = bisect ? Number.NaN : low + (high - low) * ((k - countLow) / (countHigh - countLow))
    if (!(probe > low && probe < high)) probe = fromOrderedKey((orderedKey(low) + orderedKey(high)) >> 1n)
    if (!(probe > low && probe < high)) return high // adjacent doubles: every difference left equals high
    const count = countDifferencesAtMost(xs, ys, probe)
    const before = countHigh - countLow
    if (count >= k) {
      high = probe
      countHigh = count
    } else {
      low = probe
      countLow = count
    }
    bisect = countHigh - countLow > before / 2
  }
  return differencesBetween(xs, ys, low, high, countHigh - countLow)[k - countLow - 1]
}

/** Hodges–Lehmann shift of y relative to x (positive when y is larger) with its interval. */
export function hodgesLehmann(x: ArrayLike<number>, y: ArrayLike<number>, options: HodgesLehmannOptions = {}): HodgesLehmannResult {
  const { confidence = 0.95, method = 'auto' } = options
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`)
  if (x.length === 0 || y.length === 0) throw new RangeError('Hodges–Lehmann needs at least one value in each sample')
  const xs = sortedCopy(x)
  const ys = sortedCopy(y)
  const m = xs.length
  const n = ys.length
  const pairs = m * n
  const orderStatistic = (k: number): number => pairwiseDifferenceOrderStatistic(xs, ys, k)
  const estimate =
    pairs % 2 === 1 ? orderStatistic((pairs + 1) / 2) : (orderStatistic(pairs / 2) + orderStatistic(pairs / 2 + 1)) / 2

  const halfAlpha = (1 - confidence) / 2
  const ranks = rankSummaryOfSorted(xs, ys)
  const ties = ranks.groupSizes.length < m + n
  const exact = method === 'auto' && !ties && pairs <= AUTO_EXACT_PAIRS
  let rank: number
  let coverage: number
  if (exact) {
    // Largest k with P(U <= k - 1) <= α/2; the CDF only grows, so walk up from k = 0.
    rank = 0
    while (rank < Math.ceil(pairs / 2) && untiedUCdf(rank, m, n) <= halfAlpha) rank++
    coverage = 1 - 2 * untiedUCdf(rank - 1, m, n)
  } else {
    const total = m + n
    const sigma = Math.sqrt(((m * n) / 12) * (total + 1 - ranks.tieTerm / (total * (total - 1))))
    const z = standardNormalQuantile(1 - halfAlpha)
    rank = Math.max(0, Math.min(Math.ceil(pairs / 2), Math.floor(pairs / 2 + 0.5 - z * sigma)))
    // σ is 0 only when every value is equal: all differences are then equal and any interval is exact.
    coverage = sigma > 0 ? 1 - 2 * standardNormalCdf((rank - 0.5 - pairs / 2) / sigma) : 1
  }
  if (rank === 0) return { estimate, low: null, high: null, rank: 0, coverage, method: exact ? 'exact' : 'asymptotic' }
  return {
    estimate,
    low: orderStatistic(rank),
    high: orderStatistic(pairs + 1 - rank),
    rank,
    coverage,
    method: exact ? 'exact' : 'asymptotic'
  }
}
