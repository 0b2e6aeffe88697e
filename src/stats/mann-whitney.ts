/**
 * Two-sided Mann–Whitney U test (docs/file-formats.md, comparison): exact null distribution for small untied samples,
 * normal approximation with tie and continuity corrections otherwise. Numbers match
 * `scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method=…)`.
 */
import { standardNormalCdf } from './distributions.js'
import { sortedCopy } from './percentile.js'
import { MAX_EXACT_PAIRS, MAX_EXACT_TIED_PAIRS, tiedTwoSidedP, untiedTwoSidedP } from './u-distribution.js'

export type MannWhitneyMethod = 'auto' | 'exact' | 'asymptotic'

export interface MannWhitneyOptions {
  /**
   * `auto` (default): exact when there are no ties and n1 * n2 <= 2,500 (up to 50 vs 50),
   * asymptotic otherwise. `exact`: the exact distribution whenever the sizes allow (n1 * n2 <=
   * 10,000 untied, 2,500 tied), conditional on the ties when there are any; larger samples fall
   * back to asymptotic, and the result's `method` says so. `asymptotic`: always the normal
   * approximation.
   */
  method?: MannWhitneyMethod
  /** Continuity correction of the normal approximation (scipy's `use_continuity`); default true. */
  continuity?: boolean
}

export interface MannWhitneyResult {
  /** U for the first sample: the number of pairs (x_i, y_j) with x_i > y_j, ties counting 1/2 (scipy's `statistic`). */
  u: number
  /** Two-sided p-value in [0, 1]. */
  p: number
  /** How p was computed. */
  method: 'exact' | 'asymptotic'
  /** Whether any value occurs more than once in the pooled sample. */
  ties: boolean
}

/** The largest n1 * n2 that `auto` computes exactly: below it the normal approximation is visibly off. */
export const AUTO_EXACT_PAIRS = 2_500

export interface RankSummary {
  n1: number
  n2: number
  /** Sum of the first sample's mid-ranks in the pooled sample. */
  rankSum1: number
  /** U for the first sample. */
  u1: number
  /** Sizes of the groups of equal pooled values, in increasing order of value. */
  groupSizes: number[]
  /** Σ (t^3 - t) over the groups: the tie term of the variance. */
  tieTerm: number
}

/**
 * Mid-rank sum and tie groups of the pooled sample, by sorting each sample once and merging:
 * O(N log N) with native typed-array sorts, which matters for request-level tests on 10^5 values.
 */
export function rankSummary(x: ArrayLike<number>, y: ArrayLike<number>): RankSummary {
  return rankSummaryOfSorted(sortedCopy(x), sortedCopy(y))
}

/** `rankSummary` for samples already sorted ascending. */
export function rankSummaryOfSorted(xs: Float64Array, ys: Float64Array): RankSummary {
  const n1 = xs.length
  const n2 = ys.length
  let i = 0
  let j = 0
  let ranked = 0
  let rankSum1 = 0
  let tieTerm = 0
  const groupSizes: number[] = []
  while (i < n1 || j < n2) {
    const value = Math.min(i < n1 ? xs[i] : Infinity, j < n2 ? ys[j] : Infinity)
    let fromX = 0
    let fromY = 0
    while (i < n1 && xs[i] === value) {
      i++
      fromX++
    }
    while (j < n2 && ys[j] === value) {
      j++
      fromY++
    }
    const size = fromX + fromY
    // Plain ranks ranked+1 … ranked+size share their mean.
    rankSum1 += fromX * (ranked + (size + 1) / 2)
    if (size > 1) tieTerm += size * size * size - size
    groupSizes.push(size)
    ranked += size
  }
  return { n1, n2, rankSum1, u1: rankSum1 - (n1 * (n1 + 1)) / 2, groupSizes, tieTerm }
}

/**
 * The normal approximation, as scipy computes it: z = (U - n1 n2 / 2 - 1/2) / σ with U the larger
 * of U1 and U2 (so the continuity correction always shrinks |z|), σ² = n1 n2 / 12 · ((n + 1) -
 * Σ(t³ - t) / (n (n - 1))), and p = 2 P(Z >= z). When every value is equal σ is 0 and p is 1.
 */
export function asymptoticTwoSidedP(ranks: RankSummary, continuity: boolean): number {
  const { n1, n2, u1, tieTerm } = ranks
  const n = n1 + n2
  const u = Math.max(u1, n1 * n2 - u1)
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))))
  const numerator = u - (n1 * n2) / 2 - (continuity ? 0.5 : 0)
  if (!(sigma > 0)) return 1
  return Math.min(1, 2 * standardNormalCdf(-numerator / sigma))
}

/**
 * Two-sided Mann–Whitney U test of x against y. Throws for an empty sample or a NaN: a caller
 * must check sample sizes before asking for a test.
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, options: MannWhitneyOptions = {}): MannWhitneyResult {
  const { method = 'auto', continuity = true } = options
  if (x.length === 0 || y.length === 0) throw new RangeError('Mann–Whitney U needs at least one value in each sample')
  const ranks = rankSummary(x, y)
  const pairs = ranks.n1 * ranks.n2
  const ties = ranks.groupSizes.length < ranks.n1 + ranks.n2
  const exactAllowed = ties ? pairs <= MAX_EXACT_TIED_PAIRS : pairs <= MAX_EXACT_PAIRS
  const useExact = method === 'exact' ? exactAllowed : method === 'auto' ? !ties && pairs <= AUTO_EXACT_PAIRS : false
  if (!useExact) return { u: ranks.u1, p: asymptoticTwoSidedP(ranks, continuity), method: 'asymptotic', ties }
  const p = ties
    ? tiedTwoSidedP(ranks.groupSizes, ranks.n1, 2 * ranks.rankSum1)
    : untiedTwoSidedP(ranks.u1, ranks.n1, ranks.n2)
  return { u: ranks.u1, p, method: 'exact', ties }
}
