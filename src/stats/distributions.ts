/** The continuous distributions the tests need, from @stdlib (checked against scipy's in test/stats). */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import tCdf from '@stdlib/stats-base-dists-t-cdf'
import tQuantile from '@stdlib/stats-base-dists-t-quantile'

/** P(Z <= z) for a standard normal Z. */
export function standardNormalCdf(z: number): number {
  return normalCdf(z, 0, 1)
}

/** P(T <= t) for Student's t with `df` degrees of freedom (df may be fractional, as Welch's is). */
export function studentTCdf(t: number, df: number): number {
  return tCdf(t, df)
}

/** The t with P(T <= t) = probability, for Student's t with `df` degrees of freedom (df may be fractional). */
export function studentTQuantile(probability: number, df: number): number {
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`probability must be in [0, 1], got ${probability}`)
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`)
  return tQuantile(probability, df)
}
