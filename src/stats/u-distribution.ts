/**
 * Exact null distributions of the Mann–Whitney U statistic, counted by dynamic programming.
 * No installed package has them; scipy's is private. Counts are held as doubles and only ever
 * added, so they keep ~1e-15 relative precision even past 2^53, where integer exactness ends.
 */

/**
 * The largest n1 * n2 for which exact distributions are counted; beyond it callers go asymptotic.
 * Untied counting costs Σ min(i j, n1 n2 / 2) additions over i <= n1, j <= n2 (about 20M at
 * 100 vs 100, a tenth of a second); the tied count costs more per pair, so it stops at 50 vs 50.
 */
export const MAX_EXACT_PAIRS = 10_000
export const MAX_EXACT_TIED_PAIRS = 2_500

interface UntiedDistribution {
  /** cumulative[u] = P(U <= u) for u = 0 … floor(n1 * n2 / 2); the rest follows by symmetry. */
  cumulative: Float64Array
  pairs: number
}

// A handful of (n1, n2) shapes recur within one comparison (every metric has the same trial
// counts), so a small memo saves recounting without holding much memory.
const memo = new Map<string, UntiedDistribution>()
const MEMO_LIMIT = 32

/**
 * Counts arrangements of two untied samples by their U. With the largest of all n1 + n2 values
 * placed last, it is either from the first sample (beating all j of the second: U grows by j) or
 * from the second (U unchanged), so count(i, j, u) = count(i - 1, j, u - j) + count(i, j - 1, u).
 * Only u <= floor(n1 n2 / 2) is kept: U never decreases along the recursion and the upper half is
 * the mirror image.
 */
function countUntied(n1: number, n2: number): UntiedDistribution {
  const pairs = n1 * n2
  const half = Math.floor(pairs / 2)
  const width = half + 1
  // previous[j] holds count(i - 1, j, ·) and current[j] count(i, j, ·); the two sets of rows are
  // swapped each round. Entries above a row's reach are zero or stale from a smaller reach, so
  // every entry read has been written this round or is zero.
  const makeRows = (): Float64Array[] => Array.from({ length: n2 + 1 }, () => new Float64Array(width))
  let previous = makeRows()
  let current = makeRows()
  for (const row of previous) row[0] = 1
  current[0][0] = 1
  for (let i = 1; i <= n1; i++) {
    for (let j = 1; j <= n2; j++) {
      const fromFirst = previous[j]
      const fromSecond = current[j - 1]
      const row = current[j]
      const top = Math.min(i * j, half)
      for (let u = 0; u < j && u <= top; u++) row[u] = fromSecond[u]
      for (let u = j; u <= top; u++) row[u] = fromSecond[u] + fromFirst[u - j]
    }
    ;[previous, current] = [current, previous]
  }
  const counts = previous[n2]
  // The total is C(n1 + n2, n1); summing the mirrored halves gets it from the counts themselves.
  let lowerHalf = 0
  for (let u = 0; u < width; u++) lowerHalf += counts[u]
  const total = pairs % 2 === 0 ? 2 * lowerHalf - counts[half] : 2 * lowerHalf
  const cumulative = new Float64Array(width)
  let running = 0
  for (let u = 0; u < width; u++) {
    running += counts[u]
    cumulative[u] = running / total
  }
  return { cumulative, pairs }
}

function untied(n1: number, n2: number): UntiedDistribution {
  const small = Math.min(n1, n2)
  const large = Math.max(n1, n2)
  const key = `${small},${large}`
  let distribution = memo.get(key)
  if (distribution === undefined) {
    // Rows are kept per value of the second size, so the smaller one goes second.
    distribution = countUntied(large, small)
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string)
    memo.set(key, distribution)
  }
  return distribution
}

/** P(U <= u) under the null for untied samples of sizes n1 and n2 (u an integer). */
export function untiedUCdf(u: number, n1: number, n2: number): number {
  const { cumulative, pairs } = untied(n1, n2)
  if (u < 0) return 0
  if (u >= pairs) return 1
  const half = cumulative.length - 1
  if (u <= half) return cumulative[u]
  // Symmetry about pairs / 2: P(U <= u) = 1 - P(U <= pairs - u - 1).
  return 1 - cumulative[pairs - u - 1]
}

/**
 * Two-sided exact p-value for untied samples, as scipy computes it: twice the probability of a U
 * at least as far from the centre as the one observed, capped at 1.
 */
export function untiedTwoSidedP(u1: number, n1: number, n2: number): number {
  const pairs = n1 * n2
  const nearer = Math.min(u1, pairs - u1)
  return Math.min(1, 2 * untiedUCdf(nearer, n1, n2))
}

/**
 * Two-sided exact p-value conditional on the observed ties: every way of choosing which n1 of the
 * pooled values belong to the first sample is equally likely under the null, and the mid-ranks are
 * fixed. Counted by the first sample's sum of doubled mid-ranks (integers), one tie group at a time.
 * The tied distribution is not symmetric, so p = 2 min(P(S <= s), P(S >= s)), capped at 1: the
 * definition of scipy's `permutation_test`, which enumerates the same distribution.
 *
 * @param groupSizes sizes of the groups of equal values, in increasing order of value
 * @param firstSampleDoubledRankSum twice the first sample's mid-rank sum
 */
export function tiedTwoSidedP(groupSizes: readonly number[], n1: number, firstSampleDoubledRankSum: number): number {
  let n = 0
  for (const size of groupSizes) n += size
  // k doubled mid-ranks out of n lie between those of the k lowest and the k highest plain ranks.
  const width = n1 * (2 * n - n1 + 1) + 1
  // ways[k * width + s]: subsets of the groups seen so far with k members and doubled-rank sum s.
  let ways = new Float64Array((n1 + 1) * width)
  let next = new Float64Array((n1 + 1) * width)
  ways[0] = 1
  let seen = 0
  for (const size of groupSizes) {
    const doubledRank = 2 * seen + size + 1 // plain ranks seen+1 … seen+size share their mean
    const chooseCounts = binomialRow(size)
    next.fill(0)
    for (let k = 0; k <= Math.min(n1, seen); k++) {
      const lowest = k * (k + 1)
      const highest = k * (2 * seen - k + 1)
      for (let s = lowest; s <= highest; s++) {
        const base = ways[k * width + s]
        if (base === 0) continue
        for (let c = 0; c <= size && k + c <= n1; c++) {
          const target = (k + c) * width + s + c * doubledRank
          next[target] = next[target] + base * chooseCounts[c]
        }
      }
    }
    ;[ways, next] = [next, ways]
    seen += size
  }
  let atMost = 0
  let atLeast = 0
  let total = 0
  for (let s = 0; s < width; s++) {
    const count = ways[n1 * width + s]
    total += count
    if (s <= firstSampleDoubledRankSum) atMost += count
    if (s >= firstSampleDoubledRankSum) atLeast += count
  }
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / total)
}

/** C(size, 0 … size) as doubles. */
function binomialRow(size: number): Float64Array {
  const row = new Float64Array(size + 1)
  row[0] = 1
  for (let c = 1; c <= size; c++) row[c] = (row[c - 1] * (size - c + 1)) / c
  return row
}
