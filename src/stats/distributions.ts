/**
 * The continuous distributions the tests need. @stdlib supplies the CDFs and the normal quantile
 * (all within a few ulps of scipy's); only the t quantile is missing from the installed packages.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantileOf from '@stdlib/stats-base-dists-normal-quantile'
import tCdf from '@stdlib/stats-base-dists-t-cdf'

/** P(Z <= z) for a standard normal Z. */
export function standardNormalCdf(z: number): number {
  return normalCdf(z, 0, 1)
}

/** The z with P(Z <= z) = probability, for a standard normal Z. */
export function standardNormalQuantile(probability: number): number {
  return normalQuantileOf(probability, 0, 1)
}

/** P(T <= t) for Student's t with `df` degrees of freedom (df may be fractional, as Welch's is). */
export function studentTCdf(t: number, df: number): number {
  return tCdf(t, df)
}

/**
 * The t with P(T <= t) = probability. No installed package has a t quantile, so this inverts
 * @stdlib's t CDF by bisection: the CDF is monotone and accurate to ~1e-16 relative in the
 * tails, and bisection on the lower tail (where small probabilities keep their precision) needs
 * no density and cannot diverge. It ends when the bracket is two adjacent doubles.
 */
export function studentTQuantile(probability: number, df: number): number {
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`probability must be in [0, 1], got ${probability}`)
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`)
  if (probability === 0) return -Infinity
  if (probability === 1) return Infinity
  if (probability === 0.5) return 0
  // 1 - probability is exact for probability >= 0.5, so the upper half mirrors the lower without loss.
  if (probability > 0.5) return -studentTQuantile(1 - probability, df)

  // Bracket the root on the negative axis; t quantiles are always at least as far out as the normal's.
  let high = Math.min(standardNormalQuantile(probability), -1e-300)
  let low = 2 * high - 1
  while (tCdf(low, df) > probability) {
    high = low
    low *= 2
    if (!Number.isFinite(low)) return -Infinity
  }
  for (let step = 0; step < 2200; step++) {
    const middle = low / 2 + high / 2
    if (middle <= low || middle >= high) break
    if (tCdf(middle, df) > probability) high = middle
    else low = middle
  }
  // Both ends are within one ulp of the root; take the one whose CDF is closer.
  return Math.abs(tCdf(low, df) - probability) <= Math.abs(tCdf(high, df) - probability) ? low : high
}
