/**
 * "Minimum detectable change at this noise": the smallest relative change of a per-trial statistic
 * that the trial-level test would find significant with the given power.
 *
 * Approximation. With per-trial values of relative spread cv (pooled within-side standard
 * deviation over the baseline mean) and n1, n2 trials, a two-sample t-test detects a relative
 * shift δ with power 1 - β about when δ >= (t(1 - α/2) + t(1 - β)) · cv · √(1/n1 + 1/n2), with t
 * quantiles on n1 + n2 - 2 degrees of freedom. This replaces the noncentral t by a shifted central
 * one; it is within 1.2% of the exact noncentral-t answer at 3 vs 3 trials and within 0.2% from
 * 5 vs 5 (α = 0.05, power 0.8). Mann–Whitney needs 1/ARE times the sample size of the t-test, with
 * asymptotic relative efficiency 3/π under normal noise, so its δ is larger by √(π/3). Its exact
 * test also has a floor: no outcome of n1 vs n2 untied trials gives a two-sided p below
 * 2 / C(n1 + n2, n1) (0.1 at 3 vs 3), so with fewer trials than that allows nothing is detectable.
 */
import { studentTQuantile } from './distributions.js'
import { minimumExactSignedRankP } from './paired.js'
import { mean, sampleVariance } from './percentile.js'

export interface DetectableChangeOptions {
  /** Two-sided significance level; default 0.05. Pass alpha / m to allow for m Holm-adjusted metrics. */
  alpha?: number
  /** Probability of detecting a change of the returned size; default 0.8. */
  power?: number
  /** The trial-level test the comparison uses; default `mann-whitney`. */
  test?: 'mann-whitney' | 'welch-log'
}

export type DetectableChangeResult =
  | {
      ok: true
      /** Smallest relative change, in percent of the baseline, detectable as specified. */
      changePct: number
      /** The relative spread it was computed from. */
      cv: number
    }
  | {
      ok: false
      reason:
        | 'too_few_trials' // fewer than 2 trials on a side: no spread to estimate
        | 'never_significant' // the exact test's smallest possible p is not below alpha
        | 'baseline_zero' // the baseline mean is 0: relative change is undefined
      /** For `never_significant`: the smallest two-sided p the exact rank test can give. */
      minimumP?: number
    }

/** 2 / C(n1 + n2, n1): the two-sided p of complete separation, the exact test's smallest. */
export function minimumExactMannWhitneyP(n1: number, n2: number): number {
  let combinations = 1
  for (let k = 1; k <= n1; k++) combinations = (combinations * (n2 + k)) / k
  return Math.min(1, 2 / combinations)
}

/** The detectable change for a known relative spread cv and trial counts; see the module comment. */
export function minimumDetectableChangeFromSpread(cv: number, n1: number, n2: number, options: DetectableChangeOptions = {}): DetectableChangeResult {
  const { alpha = 0.05, power = 0.8, test = 'mann-whitney' } = options
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`)
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be in (0, 1), got ${power}`)
  if (!(cv >= 0)) throw new RangeError(`cv must be non-negative, got ${cv}`)
  if (n1 < 2 || n2 < 2) return { ok: false, reason: 'too_few_trials' }
  if (test === 'mann-whitney') {
    const minimumP = minimumExactMannWhitneyP(n1, n2)
    if (minimumP >= alpha) return { ok: false, reason: 'never_significant', minimumP }
  }
  const df = n1 + n2 - 2
  const standardizedShift = (studentTQuantile(1 - alpha / 2, df) + studentTQuantile(power, df)) * Math.sqrt(1 / n1 + 1 / n2)
  const efficiency = test === 'mann-whitney' ? 3 / Math.PI : 1
  return { ok: true, changePct: (100 * standardizedShift * cv) / Math.sqrt(efficiency), cv }
}

/**
 * The detectable change given each side's per-trial values of the statistic (e.g. each trial's
 * TTFT p50). The spread is pooled over both sides, since under "no change" they share it.
 */
export function minimumDetectableChange(
  baselineTrials: readonly number[],
  currentTrials: readonly number[],
  options: DetectableChangeOptions = {}
): DetectableChangeResult {
  const n1 = baselineTrials.length
  const n2 = currentTrials.length
  if (n1 < 2 || n2 < 2) return { ok: false, reason: 'too_few_trials' }
  const baselineMean = mean(baselineTrials)
  const currentMean = mean(currentTrials)
  if (!(baselineMean !== 0 && Number.isFinite(baselineMean))) return { ok: false, reason: 'baseline_zero' }
  let squares = 0
  for (const value of baselineTrials) squares += (value - baselineMean) ** 2
  for (const value of currentTrials) squares += (value - currentMean) ** 2
  const pooledStandardDeviation = Math.sqrt(squares / (n1 + n2 - 2))
  return minimumDetectableChangeFromSpread(pooledStandardDeviation / Math.abs(baselineMean), n1, n2, options)
}

/**
 * The detectable change for paired trials, from the per-pair log ratios d (paired.ts): the same
 * approximation as above with one sample of n differences, δ ≈ (t(1 - α/2) + t(1 - β)) · sd(d) / √n
 * on n - 1 degrees of freedom, larger by √(π/3) for the signed-rank test, whose exact form cannot
 * go below p = 2 / 2^n. Reported as 100 (e^δ - 1), a change of the ratio.
 */
export function minimumDetectablePairedChange(d: readonly number[], options: Omit<DetectableChangeOptions, 'test'> & { test?: 'signed-rank' | 'paired-t-log' } = {}): DetectableChangeResult {
  const { alpha = 0.05, power = 0.8, test = 'signed-rank' } = options
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`)
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be in (0, 1), got ${power}`)
  const n = d.length
  if (n < 2) return { ok: false, reason: 'too_few_trials' }
  if (test === 'signed-rank') {
    const minimumP = minimumExactSignedRankP(n)
    if (minimumP >= alpha) return { ok: false, reason: 'never_significant', minimumP }
  }
  const spread = Math.sqrt(sampleVariance(d))
  const shift = ((studentTQuantile(1 - alpha / 2, n - 1) + studentTQuantile(power, n - 1)) * spread) / Math.sqrt(n)
  const efficiency = test === 'signed-rank' ? 3 / Math.PI : 1
  return { ok: true, changePct: 100 * (Math.exp(shift / Math.sqrt(efficiency)) - 1), cv: spread }
}
