/**
 * Welch's t-test on logarithms, for positive per-trial scalars such as throughput (docs/file-formats.md, comparison,
 * `"test": "welch-log"`). Throughput noise is multiplicative, so logs make the spread comparable
 * across levels and turn the difference of means into a ratio of geometric means.
 *
 * x is the baseline and y the candidate. t, df, p and the interval are those of
 * `scipy.stats.ttest_ind(np.log(y), np.log(x), equal_var=False)`, so t > 0 and ratio > 1 mean
 * the candidate is larger.
 */
import { studentTCdf, studentTQuantile } from './distributions.js'
import { mean, sampleVariance } from './percentile.js'

export interface WelchLogOptions {
  /** Coverage of `ratioCi`, in (0, 1); default 0.95. */
  confidence?: number
}

export interface WelchLogTested {
  ok: true
  /** (mean log y - mean log x) / standard error. */
  t: number
  /** Welch–Satterthwaite degrees of freedom (fractional). */
  df: number
  /** Two-sided p-value. */
  p: number
  /** exp(mean log y - mean log x): the ratio of geometric means, candidate over baseline. */
  ratio: number
  /** exp of the t interval of the mean log difference: the ratio's interval at `confidence`. */
  ratioCi: { low: number; high: number; confidence: number }
}

export type WelchLogUntestable =
  | 'too_few_values' // a side has fewer than 2 values: no variance to estimate
  | 'non_positive_values' // a value is 0, negative or not finite: it has no logarithm
  | 'zero_variance' // both sides are constant: t would be 0/0 or ±∞

export interface WelchLogSkipped {
  ok: false
  reason: WelchLogUntestable
  /** Still given when both sides are non-empty and positive (for a constant pair it is exact). */
  ratio: number | null
  t: null
  df: null
  p: null
  ratioCi: null
}

export type WelchLogResult = WelchLogTested | WelchLogSkipped

function logs(values: ArrayLike<number>): Float64Array | null {
  const result = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const value = values[i]
    if (!(value > 0 && value < Infinity)) return null
    result[i] = Math.log(value)
  }
  return result
}

/** Never throws for the data: inputs it cannot test come back as `{ok: false, reason}`. */
export function welchLogTest(x: ArrayLike<number>, y: ArrayLike<number>, options: WelchLogOptions = {}): WelchLogResult {
  const { confidence = 0.95 } = options
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`)
  const skipped = (reason: WelchLogUntestable, ratio: number | null): WelchLogSkipped => ({
    ok: false,
    reason,
    ratio,
    t: null,
    df: null,
    p: null,
    ratioCi: null
  })

  const logX = logs(x)
  const logY = logs(y)
  if (logX === null || logY === null) return skipped('non_positive_values', null)
  const n1 = logX.length
  const n2 = logY.length
  if (n1 === 0 || n2 === 0) return skipped('too_few_values', null)
  const meanX = mean(logX)
  const meanY = mean(logY)
  const difference = meanY - meanX
  const ratio = Math.exp(difference)
  if (n1 < 2 || n2 < 2) return skipped('too_few_values', ratio)

  const shareX = sampleVariance(logX) / n1
  const shareY = sampleVariance(logY) / n2
  const varianceOfDifference = shareX + shareY
  if (!(varianceOfDifference > 0)) return skipped('zero_variance', ratio)
  const standardError = Math.sqrt(varianceOfDifference)
  const df = (varianceOfDifference * varianceOfDifference) / ((shareX * shareX) / (n1 - 1) + (shareY * shareY) / (n2 - 1))
  const t = difference / standardError
  const p = Math.min(1, 2 * studentTCdf(-Math.abs(t), df))
  const halfWidth = studentTQuantile((1 + confidence) / 2, df) * standardError
  return {
    ok: true,
    t,
    df,
    p,
    ratio,
    ratioCi: { low: Math.exp(difference - halfWidth), high: Math.exp(difference + halfWidth), confidence }
  }
}
