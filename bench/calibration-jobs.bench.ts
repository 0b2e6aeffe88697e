// False alarms and power between separate jobs, with and without a history of comparable past
// jobs (SPEC §14), for the pr and nightly presets side by side on the same jobs.
// LPG_CALIBRATION_JOB_EXPERIMENTS sets the experiments per cell (default 100; the 4% row, the
// target, runs twice as many).
import { loadThresholds, type Thresholds } from '../src/config/thresholds.js'
import { MIN_COMPARABLE_RUNS } from '../src/compare/job-variation.js'
import { DETECT_DEFAULTS } from '../src/history/changes.js'
import { rate, runJobExperiments, SCENARIOS, type JobPreset, type JobTallies } from './calibration-core.js'
import { SERVING_LIKE } from './synthetic-results.js'

const experiments = Number(process.env.LPG_CALIBRATION_JOB_EXPERIMENTS ?? 100)
const JOB_NOISE = [0, 0.02, 0.04, 0.05]
const HISTORY_RUNS = 12
const TARGET_NOISE = 0.04

/** Under `detect` the bootstrap interval decides no verdict: 200 resamples change none and save time. */
const forCalibration = (thresholds: Thresholds): Thresholds => ({ ...thresholds, bootstrap: { ...thresholds.bootstrap, iterations: 200 } })
const presets: JobPreset[] = [
  { name: 'pr', thresholds: forCalibration(loadThresholds('pr')), trials: 5 },
  { name: 'nightly', thresholds: forCalibration(loadThresholds('nightly')), trials: 10 }
]

const pct = (value: number): string => `${(100 * value).toFixed(1)}%`
const pair = (tally: JobTallies, field: 'fail' | 'inconclusive' = 'fail'): string => `${pct(rate(tally.withoutHistory, field))} → **${pct(rate(tally.withHistory, field))}**`

const rows: string[] = []
const started = performance.now()
JOB_NOISE.forEach((noise, index) => {
  const count = noise === TARGET_NOISE ? 2 * experiments : experiments
  const tallies = runJobExperiments(presets, SCENARIOS, { experiments: count, jobNoise: noise, historyRuns: HISTORY_RUNS, seedBase: 1_000_000 * (index + 1) })
  for (const preset of presets) {
    const [aa, tpot, both] = SCENARIOS.map((scenario) => tallies.find((tally) => tally.preset === preset.name && tally.scenario === scenario)!)
    rows.push(`| ${100 * noise}% | \`${preset.name}\`, ${preset.trials} | ${count} | ${pair(aa!)} | ${pair(aa!, 'inconclusive')} | ${pair(tpot!)} | ${pair(both!)} |`)
  }
  process.stderr.write(`job-to-job noise ${100 * noise}%: done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`)
})

console.log(`## Calibration between jobs: job-to-job variation and the history

A baseline from another job (another night, a restarted server) differs from the candidate by
more than the trials show. Each experiment here makes ${HISTORY_RUNS + 1} separate jobs of the serving-like model
of the calibration above (${SERVING_LIKE.requestsPerTrial} requests a trial, AR(1) ${SERVING_LIKE.autocorrelation} requests, ${100 * SERVING_LIKE.trialDrift}% per-trial drift, heavy tail, ms ties),
each job at its own speed: a log-normal factor shared by all its trials, of the log-sd in the
first column. The baseline is the newest of ${HISTORY_RUNS} past jobs; the history holds all ${HISTORY_RUNS}, as the
action's baseline artifact does; the candidate is one more job, slowed as the scenario says.
Each cell gives the verdict's rate **without → with** the history, from the same comparison
(\`history.verdict_without_history\`). Jobs are generated once with 10 trials; the \`pr\` rows use
their first 5. Experiments are seeded: the same command gives the same table.

| job-to-job noise | preset, trials a side | experiments | A/A: fail | A/A: inconclusive | +10% TPOT: fail | +25% TTFT+TPOT: fail |
| ---: | --- | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

Reading it: with no job-to-job noise the history changes little. As jobs vary, the trial-level
tests alone call the difference between two jobs significant (A/A failures), or a difference
beyond the tolerance that they cannot resolve (inconclusive, which the \`nightly\` preset's
\`fail_on_inconclusive\` makes a failure). With ${HISTORY_RUNS} comparable past jobs, a regression must also lie
beyond what they varied (a prediction interval on the log scale around the level since their
last change point, Holm over the gated metrics; docs/method-history.md): A/A false alarms between
jobs fall to the target (at most 5% at 4% job-to-job noise) while a 25% TTFT+TPOT regression is
still caught. A 10% TPOT regression is within 2–3 job-to-job standard deviations at 4–5% noise:
one job cannot tell it from an unlucky night, and the history's change points (\`history
detect\`) are what finds it over a few nights. With fewer than ${MIN_COMPARABLE_RUNS} comparable runs the verdict
is the trial-level one. Change points inside the history use E-divisive means at p ≤ ${DETECT_DEFAULTS.alpha}
(${DETECT_DEFAULTS.permutations} permutations); the verdicts used 200 bootstrap resamples.`)
