/**
 * A/A and A/B experiments on serving-like synthetic results: how often each decision rule
 * fails a comparison where nothing changed (false alarms) and where something did (power).
 * Shared by the calibration benchmark and the test that holds the `pr` preset to its promise.
 */
import { compareResults } from '../src/compare/compare.js'
import type { Thresholds } from '../src/config/thresholds.js'
import type { ResultFile } from '../src/result/types.js'
import { mannWhitneyU } from '../src/stats/mann-whitney.js'
import { SERVING_LIKE, syntheticResult, type SyntheticSpec } from './synthetic-results.js'

export interface Scenario {
  name: string
  slowdown: { ttft: number; tpot: number }
}

export const SCENARIOS: Scenario[] = [
  { name: 'A/A', slowdown: { ttft: 1, tpot: 1 } },
  { name: '+10% TPOT', slowdown: { ttft: 1, tpot: 1.1 } },
  { name: '+25% TTFT+TPOT', slowdown: { ttft: 1.25, tpot: 1.25 } }
]

export interface Tally {
  experiments: number
  fail: number
  inconclusive: number
}

/** A rule the field uses today: fail when the candidate's pooled mean TTFT or TPOT is above the baseline's by the ratio (github-action-benchmark's alert). */
export function ratioOnMeans(baseline: ResultFile, current: ResultFile, ratio: number): boolean {
  return (['ttft_ms', 'tpot_ms'] as const).some((metric) => current.summary[metric].mean! > baseline.summary[metric].mean! * ratio)
}

/** The other: request-level Mann–Whitney on pooled requests, trials ignored, Bonferroni over TTFT and TPOT. */
export function requestLevelMannWhitney(baseline: ResultFile, current: ResultFile, alpha: number): boolean {
  return (['ttft_ms', 'tpot_ms'] as const).some((metric) => {
    const values = (result: ResultFile): number[] => result.trials.flatMap((trial) => trial.requests.map((request) => request[metric]!))
    const a = values(baseline)
    const b = values(current)
    const test = mannWhitneyU(a, b, { method: 'asymptotic' })
    const worse = current.summary[metric].p50! > baseline.summary[metric].p50!
    return worse && test.p < alpha / 2
  })
}

export interface ExperimentOptions {
  trials: number
  scenario: Scenario
  experiments: number
  /** Offsets every seed, so separate runs use separate data. */
  seedBase?: number
  noise?: Partial<SyntheticSpec>
  /**
   * Both sides share a drift of this log-sd, trial by trial, as one `ab` run's sides do; with
   * `paired` they are also marked as one run, so compare tests them pair by pair.
   */
  sharedDrift?: number
  paired?: boolean
}

export interface ExperimentTallies {
  gate: Tally
  ratio: Tally
  requestLevel: Tally
}

/**
 * Runs `experiments` seeded pairs (baseline seed 2k, candidate seed 2k + 1) and tallies the
 * verdicts of the gate under `thresholds` next to the two field rules on the same pairs.
 */
export function runExperiments(thresholds: Thresholds, options: ExperimentOptions): ExperimentTallies {
  const tallies: ExperimentTallies = {
    gate: { experiments: 0, fail: 0, inconclusive: 0 },
    ratio: { experiments: 0, fail: 0, inconclusive: 0 },
    requestLevel: { experiments: 0, fail: 0, inconclusive: 0 }
  }
  const spec = { ...SERVING_LIKE, ...options.noise, trials: options.trials }
  for (let k = 0; k < options.experiments; k++) {
    const seed = (options.seedBase ?? 0) + 2 * k
    const shared = options.sharedDrift === undefined ? {} : { sharedDrift: { seed, sd: options.sharedDrift } }
    const pairing = (side: 'baseline' | 'candidate') => (options.paired === true ? { pairing: { run: `experiment-${seed}`, side } } : {})
    const baseline = syntheticResult({ ...spec, ...shared, ...pairing('baseline'), seed, slowdown: { ttft: 1, tpot: 1 } })
    const current = syntheticResult({ ...spec, ...shared, ...pairing('candidate'), seed: seed + 1, slowdown: options.scenario.slowdown })
    const verdict = compareResults(baseline, current, thresholds).verdict
    tallies.gate.experiments++
    if (verdict === 'fail') tallies.gate.fail++
    if (verdict === 'inconclusive') tallies.gate.inconclusive++
    tallies.ratio.experiments++
    if (ratioOnMeans(baseline, current, 1.1)) tallies.ratio.fail++
    tallies.requestLevel.experiments++
    if (requestLevelMannWhitney(baseline, current, thresholds.alpha)) tallies.requestLevel.fail++
  }
  return tallies
}

export const rate = (tally: Tally, field: 'fail' | 'inconclusive' = 'fail'): number => (tally.experiments === 0 ? 0 : tally[field] / tally.experiments)
