/**
 * A/A and A/B experiments on serving-like synthetic results: how often each decision rule
 * fails a comparison where nothing changed (false alarms) and where something did (power).
 * Shared by the calibration benchmark and the test that holds the `pr` preset to its promise.
 */
import { compareResults } from '../src/compare/compare.js'
import type { Thresholds } from '../src/config/thresholds.js'
import { historyRecordOf } from '../src/history/record.js'
import { Random } from '../src/random.js'
import { summarizeRun } from '../src/result/summary.js'
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

/**
 * Comparisons between separate jobs (SPEC §14): every job (a night, a restarted server) runs at
 * its own speed, a log-normal factor of log-sd `jobNoise` shared by its trials, on top of the
 * trial drift and the autocorrelated requests inside them. The baseline is the newest of
 * `historyRuns` past jobs, and the history holds them all, as the action's baseline artifact
 * does. Each verdict is taken with the history and, from the same comparison, without it
 * (`history.verdict_without_history`).
 */
export interface JobExperimentOptions {
  experiments: number
  /** Log-sd of each job's speed factor: 0.04 is about 4% job-to-job noise. */
  jobNoise: number
  /** Comparable past jobs in the history, the baseline among them. */
  historyRuns: number
  seedBase?: number
}

/** A preset as the experiments use it: its thresholds and the trials a side it is designed for. */
export interface JobPreset {
  name: string
  thresholds: Thresholds
  trials: number
}

export interface JobTallies {
  preset: string
  scenario: Scenario
  withHistory: Tally
  withoutHistory: Tally
}

const newTally = (): Tally => ({ experiments: 0, fail: 0, inconclusive: 0 })

function count(tally: Tally, verdict: string): void {
  tally.experiments++
  if (verdict === 'fail') tally.fail++
  if (verdict === 'inconclusive') tally.inconclusive++
}

/** The result of a job's first `trials` trials: a smaller job from the same draws. */
function firstTrials(result: ResultFile, trials: number): ResultFile {
  if (result.trials.length === trials) return result
  const kept = result.trials.slice(0, trials)
  return { ...result, trials: kept, summary: summarizeRun(kept, {}) }
}

/**
 * Runs the experiments for every preset and scenario on the same jobs: a job is generated once
 * with the most trials any preset uses, and a preset designed for fewer uses its first trials;
 * the scenarios differ only in the current job's slowdown. So every row of a table compares
 * like with like.
 */
export function runJobExperiments(presets: readonly JobPreset[], scenarios: readonly Scenario[], options: JobExperimentOptions): JobTallies[] {
  const tallies: JobTallies[] = presets.flatMap((preset) => scenarios.map((scenario) => ({ preset: preset.name, scenario, withHistory: newTally(), withoutHistory: newTally() })))
  const seedBase = options.seedBase ?? 0
  const mostTrials = Math.max(...presets.map((preset) => preset.trials))
  for (let experiment = 0; experiment < options.experiments; experiment++) {
    const seed = seedBase + experiment * 1000
    const offsets = new Random(seed, 'job-offsets')
    const factors = Array.from({ length: options.historyRuns + 1 }, () => Math.exp(options.jobNoise * offsets.normal()))
    const job = (index: number, slowdown: { ttft: number; tpot: number }): ResultFile => ({
      ...syntheticResult({ ...SERVING_LIKE, trials: mostTrials, seed: seed + index, slowdown: { ttft: slowdown.ttft * factors[index]!, tpot: slowdown.tpot * factors[index]! } }),
      // One job a day, so the history is in time order and the current job comes last.
      created_at: new Date(Date.UTC(2026, 0, 1) + index * 86_400_000).toISOString()
    })
    const past = Array.from({ length: options.historyRuns }, (_, index) => job(index, { ttft: 1, tpot: 1 }))
    const currents = scenarios.map((scenario) => job(options.historyRuns, scenario.slowdown))
    presets.forEach((preset, p) => {
      const pastJobs = past.map((result) => firstTrials(result, preset.trials))
      const history = { records: pastJobs.map((result) => historyRecordOf(result)), source: 'synthetic' }
      scenarios.forEach((_, index) => {
        const comparison = compareResults(pastJobs.at(-1)!, firstTrials(currents[index]!, preset.trials), preset.thresholds, { history })
        const tally = tallies[p * scenarios.length + index]!
        count(tally.withHistory, comparison.verdict)
        count(tally.withoutHistory, comparison.history?.verdict_without_history ?? comparison.verdict)
      })
    })
  }
  return tallies
}
