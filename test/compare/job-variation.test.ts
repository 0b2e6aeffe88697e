import { describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { compareResults } from '../../src/compare/compare.js'
import { estimateJobSpread, judgeAgainstHistory, MIN_COMPARABLE_RUNS, predictionTest } from '../../src/compare/job-variation.js'
import type { MetricComparison } from '../../src/compare/types.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { historyRecordOf, type HistoryRecord } from '../../src/history/record.js'
import { Random } from '../../src/random.js'
import type { ResultFile } from '../../src/result/types.js'

const sd = (values: number[]): number => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1))
}

describe('the job-to-job spread of past runs', () => {
  const random = new Random(4, 'spread')
  const flat = Array.from({ length: 16 }, () => 0.03 * random.normal())

  test('without a change it is the standard deviation of the runs, and the level their mean', () => {
    const estimate = estimateJobSpread(flat)!
    expect(estimate).toMatchObject({ runs: 16, changes: 0, levelRuns: 16, df: 15 })
    expect(estimate.s).toBeCloseTo(sd(flat), 12)
    expect(estimate.level).toBeCloseTo(flat.reduce((a, b) => a + b, 0) / 16, 12)
  })

  test('a step in the past does not inflate it: the spread is taken around each segment\'s mean, the level is the last segment\'s', () => {
    const stepped = flat.map((value, index) => (index >= 10 ? value + Math.log(1.2) : value))
    expect(sd(stepped)).toBeGreaterThan(2 * sd(flat))
    const estimate = estimateJobSpread(stepped)!
    expect(estimate).toMatchObject({ changes: 1, levelRuns: 6, df: 14 })
    const around = [...flat.slice(0, 10).map((v, _, part) => v - part.reduce((a, b) => a + b, 0) / part.length), ...flat.slice(10).map((v, _, part) => v - part.reduce((a, b) => a + b, 0) / part.length)]
    expect(estimate.s).toBeCloseTo(Math.sqrt(around.reduce((a, b) => a + b * b, 0) / 14), 12)
    expect(estimate.s).toBeLessThan(1.2 * sd(flat))
    expect(estimate.level).toBeCloseTo(stepped.slice(10).reduce((a, b) => a + b, 0) / 6, 12)
  })

  test('too few degrees of freedom give no estimate', () => {
    expect(estimateJobSpread([0.01, 0.02, 0.0, 0.01])).toBeNull()
  })

  test('the prediction test: t = (log current − level) / (s √(1 + 1/n)) against Student\'s t with the pooled df', () => {
    const estimate = { runs: 12, changes: 0, level: Math.log(100), levelRuns: 12, s: 0.04, df: 11 }
    // t(0.975, 11) = 2.200985 (scipy.stats.t.ppf): a run that far out has p = 0.05.
    const at = 100 * Math.exp(2.200985 * 0.04 * Math.sqrt(1 + 1 / 12))
    const { t, p } = predictionTest(estimate, at)
    expect(t).toBeCloseTo(2.200985, 6)
    expect(p).toBeCloseTo(0.05, 6)
    expect(predictionTest(estimate, 100).p).toBeCloseTo(1, 12)
  })
})

function row(overrides: Partial<MetricComparison>): MetricComparison {
  return {
    metric: 'tpot_ms.p50', baseline: 10, current: 11, delta_pct: 10, ci_low_pct: 5, ci_high_pct: 15, p_value: 0.001, p_adjusted: 0.004,
    test: 'mann-whitney', unit: 'trial', tolerance_pct: 5, gate: 'fail', status: 'regressed', direction: 'lower_is_better', mde_pct: 4, trials: { baseline: [], current: [] },
    ...overrides
  }
}

/** `count` past runs of a result's workload, TPOT p50 spread by `spread` (log-sd) around `level`. */
function pastRuns(current: ResultFile, count: number, level: number, spread: number, seed = 1): HistoryRecord[] {
  const base = historyRecordOf(current)
  const random = new Random(seed, 'past')
  return Array.from({ length: count }, (_, index) => {
    const factor = Math.exp(spread * random.normal())
    const metrics = Object.fromEntries(Object.entries(base.metrics).map(([name, metric]) => [name, { ...metric, run: name.startsWith('tpot_ms.p50') ? level * factor : metric.run }]))
    return { ...base, id: `sha256:past-${index}`, created_at: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(), metrics }
  })
}

describe('statuses against past jobs', () => {
  const current = { ...syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 3, slowdown: { ttft: 1, tpot: 1 } }), created_at: '2026-06-01T00:00:00.000Z' }
  const options = { alpha: 0.05, decision: 'detect' as const }

  test('with too few comparable runs nothing changes and the summary says how many are missing', () => {
    const history = { records: pastRuns(current, MIN_COMPARABLE_RUNS - 3, 11, 0.02), source: 'h.jsonl' }
    const judged = judgeAgainstHistory([row({ current: 13 })], history, current, options)
    expect(judged.summary).toEqual({ source: 'h.jsonl', runs: 5, comparable: 5, needed: MIN_COMPARABLE_RUNS, used: false })
    expect(judged.metrics[0]).toEqual(row({ current: 13 }))
  })

  test('only runs of the same workload hash, hardware and metric definitions, made before the current one and not the current one itself, count', () => {
    const past = pastRuns(current, 12, 11, 0.02)
    const records = [
      ...past.slice(0, 6),
      ...past.slice(6, 8).map((record) => ({ ...record, workload: { ...record.workload, workload_hash: 'sha256:other' } })),
      ...past.slice(8, 9).map((record) => ({ ...record, hardware: '8× NVIDIA H100' })),
      ...past.slice(9, 10).map((record) => ({ ...record, definitions: 2 })),
      { ...past[10]!, created_at: '2027-01-01T00:00:00.000Z' },
      historyRecordOf(current)
    ]
    expect(judgeAgainstHistory([row({})], { records, source: 'h' }, current, options).summary).toMatchObject({ runs: 12, comparable: 6, used: false })
  })

  test('a regression within what past jobs varied passes, and says so', () => {
    const history = { records: pastRuns(current, 12, 10.5, 0.05), source: 'h' }
    const [judged] = judgeAgainstHistory([row({ current: 11 })], history, current, options).metrics
    expect(judged!.status).toBe('pass')
    expect(judged!.reason).toMatch(/^within what 12 comparable past jobs varied: \+10% against the baseline, \+\d\.\d% from their level, job-to-job spread ±\d\.\d% \(p = /)
    expect(judged!.job_variation).toMatchObject({ runs: 12, changes: 0, level_runs: 12, df: 11, status_without_history: 'regressed' })
    expect(judged!.job_variation!.spread_pct).toBeGreaterThan(2)
  })

  test('a regression beyond what past jobs varied stays a regression', () => {
    const history = { records: pastRuns(current, 12, 10, 0.01), source: 'h' }
    const [judged] = judgeAgainstHistory([row({ current: 11 })], history, current, options).metrics
    expect(judged!.status).toBe('regressed')
    expect(judged!.reason).toBeUndefined()
    expect(judged!.job_variation!.p_value).toBeLessThan(0.001)
    expect(judged!.job_variation!.status_without_history).toBeUndefined()
  })

  test('beyond the tolerance but not significant: within past variation it passes, unless the statistic rests on too few samples', () => {
    const history = { records: pastRuns(current, 12, 10.5, 0.05), source: 'h' }
    const inconclusive = row({ current: 11, status: 'inconclusive', reason: 'beyond the tolerance but not distinguishable from run-to-run noise at this sample size' })
    expect(judgeAgainstHistory([inconclusive], history, current, options).metrics[0]!.status).toBe('pass')
    expect(judgeAgainstHistory([inconclusive], history, current, { ...options, unreliable: new Set(['tpot_ms.p50']) }).metrics[0]!.status).toBe('inconclusive')
  })

  test('an improvement within past variation is a pass; under non-inferiority a regression within it is inconclusive', () => {
    const history = { records: pastRuns(current, 12, 10.5, 0.05), source: 'h' }
    expect(judgeAgainstHistory([row({ current: 10, delta_pct: -10, status: 'improved' })], history, current, options).metrics[0]!.status).toBe('pass')
    const [judged] = judgeAgainstHistory([row({ current: 11 })], history, current, { alpha: 0.05, decision: 'non-inferiority' }).metrics
    expect(judged!.status).toBe('inconclusive')
    expect(judged!.reason).toContain('not shown non-inferior')
  })

  test('the job-level p-values are Holm-adjusted over the gated metrics; a metric that is off is judged on its unadjusted p, as its trial-level status is', () => {
    const history = { records: pastRuns(current, 12, 10, 0.02), source: 'h' }
    // Two gated rows of the same values: Holm doubles the smaller p. Off rows do not count.
    const rows = [row({ current: 10.5 }), row({ current: 10.5 }), row({ current: 10.5, gate: 'off' })]
    const judged = judgeAgainstHistory(rows, history, current, options).metrics
    const p = judged[2]!.job_variation!.p_value
    expect(p).toBeGreaterThan(0.025)
    expect(p).toBeLessThan(0.05)
    expect(judged[0]!.job_variation!.p_adjusted).toBeCloseTo(2 * p, 12)
    expect(judged[2]!.job_variation!.p_adjusted).toBeNull()
    expect(judged.map((m) => m.status)).toEqual(['pass', 'pass', 'regressed'])
  })
})

describe('compare --history', () => {
  const pr = { ...loadThresholds('pr'), bootstrap: { iterations: 200, seed: 0 } }
  const job = (seed: number, speed: number, day: number): ResultFile => ({ ...syntheticResult({ ...SERVING_LIKE, seed, trials: 5, trialDrift: 0.01, slowdown: { ttft: speed, tpot: speed } }), created_at: new Date(Date.UTC(2026, 0, day)).toISOString() })

  /** Twelve past jobs that ran up to 9% faster or slower than the usual. */
  const PAST_SPEEDS = [1.07, 0.93, 1.05, 0.95, 1.08, 0.92, 1.06, 0.94, 1.04, 0.96, 1.09, 0.91]

  test('two jobs 8% apart fail on trial noise alone, and pass against 12 past jobs that varied that much; the JSON says both', () => {
    const past = PAST_SPEEDS.map((speed, index) => job(100 + index, speed, index + 1))
    const baseline = job(1, 1, 13)
    const current = job(2, 1.08, 14)
    const without = compareResults(baseline, current, pr)
    expect(without.verdict).toBe('fail')
    expect(without.history).toBeUndefined()
    const history = { records: [...past, baseline].map((result) => historyRecordOf(result)), source: 'perf-history.jsonl' }
    const comparison = compareResults(baseline, current, pr, { history })
    expect(comparison.history).toEqual({ source: 'perf-history.jsonl', runs: 13, comparable: 13, needed: MIN_COMPARABLE_RUNS, used: true, verdict_without_history: 'fail' })
    expect(comparison.verdict).toBe('pass')
    const tpot = comparison.metrics.find((m) => m.metric === 'tpot_ms.p50')!
    expect(tpot.job_variation).toMatchObject({ runs: 13, status_without_history: 'regressed' })
    expect(tpot.job_variation!.spread_pct).toBeGreaterThan(3)
  })

  test('a 40% slowdown still fails against the same history', () => {
    const past = PAST_SPEEDS.map((speed, index) => job(100 + index, speed, index + 1))
    const baseline = job(1, 1, 13)
    const history = { records: [...past, baseline].map((result) => historyRecordOf(result)), source: 'h' }
    expect(compareResults(baseline, job(3, 1.4, 14), pr, { history }).verdict).toBe('fail')
  })
})
