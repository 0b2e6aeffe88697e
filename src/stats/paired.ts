/**
 * Tests for paired trials: an `ab` run measures baseline and candidate in time-adjacent pairs, so
 * the drift of the runner (CPU speed, other tenants) is shared by the two trials of a pair and
 * cancels in their ratio. Both tests work on d = log(candidate) - log(baseline), one per pair.
 *
 * - Wilcoxon's signed-rank test, for per-trial statistics of a distribution (TTFT p50, ...), as
 *   Mann–Whitney is for unpaired trials: `scipy.stats.wilcoxon(d, zero_method='wilcox',
 *   correction=False)`, exact without zeros or ties among |d| up to 50 pairs, else the normal
 *   approximation with the tie correction.
 * - The paired t-test on logarithms, for per-trial scalars (throughput), as Welch's is for
 *   unpaired ones: `scipy.stats.ttest_rel(log(y), log(x))`; its interval, exponentiated, is the
 *   interval of the ratio of geometric means.
 */
import { standardNormalCdf, studentTCdf, studentTQuantile } from './distributions.js'
import { mean, sampleVariance } from './percentile.js'
import type { WelchLogTested } from './welch.js'

/** Up to this many pairs the exact null distribution is used (scipy's limit). */
export const EXACT_SIGNED_RANK_LIMIT = 50

export type PairedUntestable =
  | 'too_few_pairs' // fewer than 2 pairs (t) or no non-zero difference (signed-rank)
  | 'non_positive_values' // a value is 0, negative or not finite: it has no logarithm
  | 'zero_variance' // every pair changed by the same ratio: t would be ±∞ or 0/0

/** The per-pair log ratios, or why there are none. */
export function logRatios(baseline: readonly number[], current: readonly number[]): { ok: true; d: number[] } | { ok: false; reason: PairedUntestable } {
  if (baseline.length !== current.length) throw new RangeError(`paired samples must have equal lengths, got ${baseline.length} and ${current.length}`)
  const d: number[] = []
  for (let i = 0; i < baseline.length; i++) {
    const x = baseline[i]!
    const y = current[i]!
    if (!(x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y))) return { ok: false, reason: 'non_positive_values' }
    d.push(Math.log(y) - Math.log(x))
  }
  return { ok: true, d }
}

/** Midranks of |d| (1-based), and the sizes of groups of equal |d|. */
function absoluteRanks(d: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = d.map((_, i) => i).sort((a, b) => Math.abs(d[a]!) - Math.abs(d[b]!))
  const ranks = new Array<number>(d.length)
  const ties: number[] = []
  for (let start = 0; start < order.length; ) {
    let end = start + 1
    while (end < order.length && Math.abs(d[order[end]!]!) === Math.abs(d[order[start]!]!)) end++
    const midrank = (start + 1 + end) / 2
    for (let k = start; k < end; k++) ranks[order[k]!] = midrank
    if (end - start > 1) ties.push(end - start)
    start = end
  }
  return { ranks, ties }
}

/**
 * P(W+ <= w) for n untied pairs under the null: the number of subsets of {1..n} with sum at most
 * w over 2^n. Counted by the usual recursion over n; 2^50 is exact in a double.
 */
export function signedRankCdf(w: number, n: number): number {
  const total = (n * (n + 1)) / 2
  if (w < 0) return 0
  if (w >= total) return 1
  const counts = new Float64Array(total + 1)
  counts[0] = 1
  for (let k = 1; k <= n; k++) for (let s = (k * (k + 1)) / 2; s >= k; s--) counts[s] += counts[s - k]!
  let below = 0
  for (let s = 0; s <= Math.floor(w); s++) below += counts[s]!
  return below / 2 ** n
}

/** The exact test's smallest two-sided p with n pairs: every pair moved the same way. */
export const minimumExactSignedRankP = (n: number): number => Math.min(1, 2 / 2 ** n)

export type SignedRankResult =
  | {
      ok: true
      /** Sum of the ranks of |d| over the pairs where the candidate is larger. */
      wPlus: number
      /** Pairs with a non-zero difference (zeros are dropped, as Wilcoxon did). */
      n: number
      p: number
      method: 'exact' | 'asymptotic'
    }
  | { ok: false; reason: PairedUntestable }

/** Two-sided Wilcoxon signed-rank test on the differences d (see the module comment). */
export function wilcoxonSignedRank(differences: readonly number[]): SignedRankResult {
  const d = differences.filter((value) => value !== 0)
  if (d.some((value) => !Number.isFinite(value))) throw new RangeError('differences must be finite')
  const n = d.length
  if (n === 0) return { ok: false, reason: 'too_few_pairs' }
  const { ranks, ties } = absoluteRanks(d)
  let wPlus = 0
  for (let i = 0; i < n; i++) if (d[i]! > 0) wPlus += ranks[i]!
  const zeros = differences.length - n
  if (ties.length === 0 && zeros === 0 && n <= EXACT_SIGNED_RANK_LIMIT) {
    const low = signedRankCdf(wPlus, n)
    const high = 1 - signedRankCdf(wPlus - 1, n)
    return { ok: true, wPlus, n, p: Math.min(1, 2 * Math.min(low, high)), method: 'exact' }
  }
  const expected = (n * (n + 1)) / 4
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - ties.reduce((sum, t) => sum + t ** 3 - t, 0) / 48
  const z = variance > 0 ? (wPlus - expected) / Math.sqrt(variance) : 0
  return { ok: true, wPlus, n, p: Math.min(1, 2 * standardNormalCdf(-Math.abs(z))), method: 'asymptotic' }
}

/** Welch's fields, meaning the same of the pairs' log ratios: t, df (n - 1), p, exp(mean d) and its interval. */
export type PairedLogTResult = WelchLogTested | { ok: false; reason: PairedUntestable }

/** The paired t-test on logarithms, x the baseline and y the candidate, pair by pair. */
export function pairedLogTTest(x: readonly number[], y: readonly number[], options: { confidence?: number } = {}): PairedLogTResult {
  const { confidence = 0.95 } = options
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`)
  const ratios = logRatios(x, y)
  if (!ratios.ok) return ratios
  const n = ratios.d.length
  if (n < 2) return { ok: false, reason: 'too_few_pairs' }
  const meanD = mean(ratios.d)
  const standardError = Math.sqrt(sampleVariance(ratios.d) / n)
  if (!(standardError > 0)) return { ok: false, reason: 'zero_variance' }
  const df = n - 1
  const t = meanD / standardError
  const half = studentTQuantile(0.5 + confidence / 2, df) * standardError
  return {
    ok: true,
    t,
    df,
    p: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)),
    ratio: Math.exp(meanD),
    ratioCi: { low: Math.exp(meanD - half), high: Math.exp(meanD + half), confidence }
  }
}
