/**
 * Whether two results are one `ab` run's back-to-back trials, and so can be compared pair by
 * pair: trial i of the baseline ran next to trial i of the candidate, and whatever the runner's
 * speed did in those seconds (its drift) it did to both, so it cancels in their ratio.
 */
import type { ComparableResult } from '../result/columns.js'
import { minimumExactSignedRankP } from '../stats/paired.js'

export type PairingCheck =
  /** Neither result came from `ab`. */
  | { kind: 'none' }
  /** They carry pairing but cannot be paired; `note` says why. */
  | { kind: 'unpaired'; note: string }
  | { kind: 'paired'; run: string; pairs: number }

export function pairingOf(baseline: ComparableResult, current: ComparableResult): PairingCheck {
  const a = baseline.pairing
  const b = current.pairing
  if (a === undefined && b === undefined) return { kind: 'none' }
  if (a === undefined || b === undefined || a.run !== b.run) return { kind: 'unpaired', note: 'the two results are not from one `ab` run: their trials were compared as independent samples' }
  if (a.side !== 'baseline' || b.side !== 'candidate') return { kind: 'unpaired', note: `the results are one \`ab\` run's ${a.side} and ${b.side} given as baseline and candidate: their trials were compared as independent samples` }
  const indices = (result: ComparableResult): string => result.trials.map((trial) => trial.index).join(',')
  if (indices(baseline) !== indices(current)) {
    return { kind: 'unpaired', note: `the \`ab\` run has ${baseline.trials.length} baseline and ${current.trials.length} candidate trials (interrupted?): their trials were compared as independent samples` }
  }
  return { kind: 'paired', run: a.run, pairs: baseline.trials.length }
}

/**
 * Paired tests are used once the exact signed-rank test can reach the strictest Holm level,
 * alpha / m: 2 / 2^n < alpha / m, 8 pairs for alpha 0.05 over 5 metrics. Below that, the
 * independent-sample tests (whose exact floor is far lower) keep the power to fail a run.
 */
export function pairedTestsPossible(pairs: number, alpha: number, tested: number): boolean {
  return minimumExactSignedRankP(pairs) < alpha / Math.max(1, tested)
}

/** Each pair's values of a per-trial statistic, dropping pairs where either side has none. */
export function pairedValues(baseline: readonly (number | null)[], current: readonly (number | null)[]): { baseline: number[]; current: number[] } {
  const kept = { baseline: [] as number[], current: [] as number[] }
  for (let i = 0; i < Math.min(baseline.length, current.length); i++) {
    const x = baseline[i]
    const y = current[i]
    if (x === null || x === undefined || y === null || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue
    kept.baseline.push(x)
    kept.current.push(y)
  }
  return kept
}
