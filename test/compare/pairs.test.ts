import { describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult, type SyntheticSpec } from '../../bench/synthetic-results.js'
import { compareResults } from '../../src/compare/compare.js'
import { pairedTestsPossible, pairingOf } from '../../src/compare/pairs.js'
import { toComparable } from '../../src/result/columns.js'
import { describe as describeSample } from '../../src/result/summary.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import type { ResultFile } from '../../src/result/types.js'
import { logRatios, pairedLogTTest, wilcoxonSignedRank } from '../../src/stats/paired.js'

const pr = loadThresholds('pr')
/** One `ab` run's two sides: the runner's drift (10%) is shared trial by trial, each side adds 1% of its own. */
function abRun(trials: number, tpot = 1, run: string | null = 'run-1', seed = 11): { baseline: ResultFile; candidate: ResultFile } {
  const spec: SyntheticSpec = { ...SERVING_LIKE, trials, trialDrift: 0.01, sharedDrift: { seed, sd: 0.1 }, seed, slowdown: { ttft: 1, tpot: 1 } }
  const pairing = (side: 'baseline' | 'candidate') => (run === null ? {} : { pairing: { run, side } })
  return {
    baseline: syntheticResult({ ...spec, ...pairing('baseline') }),
    candidate: syntheticResult({ ...spec, ...pairing('candidate'), seed: seed + 1, slowdown: { ttft: 1, tpot } })
  }
}
const metric = (comparison: ReturnType<typeof compareResults>, name: string) => comparison.metrics.find((m) => m.metric === name)!
const width = (m: { ci_low_pct: number | null; ci_high_pct: number | null }): number => m.ci_high_pct! - m.ci_low_pct!

describe('pairingOf', () => {
  const { baseline, candidate } = abRun(4)
  const comparable = (result: ResultFile) => toComparable(result)

  test('pairs the two sides of one ab run with the same trials', () => {
    expect(pairingOf(comparable(baseline), comparable(candidate))).toEqual({ kind: 'paired', run: 'run-1', pairs: 4 })
  })

  test('says why it does not pair results from two runs, sides given the wrong way round, or an interrupted run', () => {
    const other = abRun(4, 1, 'run-2').candidate
    expect(pairingOf(comparable(baseline), comparable(other))).toMatchObject({ kind: 'unpaired', note: expect.stringContaining('not from one `ab` run') })
    expect(pairingOf(comparable(candidate), comparable(baseline))).toMatchObject({ kind: 'unpaired', note: expect.stringContaining("run's candidate and baseline") })
    const short = { ...candidate, trials: candidate.trials.slice(0, 3) }
    expect(pairingOf(comparable(baseline), comparable(short))).toMatchObject({ kind: 'unpaired', note: expect.stringContaining('4 baseline and 3 candidate trials') })
    const plain = abRun(4, 1, null)
    expect(pairingOf(comparable(plain.baseline), comparable(plain.candidate))).toEqual({ kind: 'none' })
  })

  test('uses paired tests once the signed-rank test can reach the strictest Holm level', () => {
    // pr tests 5 metrics: 2 / 2^n < 0.05 / 5 from n = 8.
    expect(pairedTestsPossible(7, 0.05, 5)).toBe(false)
    expect(pairedTestsPossible(8, 0.05, 5)).toBe(true)
  })
})

describe('comparing the two sides of one ab run', () => {
  const { baseline, candidate } = abRun(12, 1.1)
  const paired = compareResults(baseline, candidate, pr)
  const unpaired = compareResults({ ...baseline, pairing: undefined }, { ...candidate, pairing: undefined }, pr)

  test('tests each latency statistic pair by pair with the signed-rank test on the log ratios', () => {
    const m = metric(paired, 'tpot_ms.p50')
    expect(m).toMatchObject({ test: 'wilcoxon-signed-rank', unit: 'pair' })
    expect(m.trials.baseline).toEqual(baseline.trials.map((t) => t.summary.tpot_ms.p50))
    const ratios = logRatios(m.trials.baseline, m.trials.current)
    if (!ratios.ok) throw new Error(ratios.reason)
    const signedRank = wilcoxonSignedRank(ratios.d)
    expect(signedRank.ok && m.p_value === signedRank.p).toBe(true)
    expect(paired.pairing).toEqual({ run: 'run-1', pairs: 12, tests: 'paired' })
    expect(paired.notes.join('\n')).toContain("one `ab` run's 12 pairs of back-to-back trials: each statistic was tested pair by pair")
  })

  test('tests throughput with the paired t-test on logarithms, whose interval is the row interval', () => {
    const m = metric(paired, 'output_throughput')
    const t = pairedLogTTest(m.trials.baseline, m.trials.current, { confidence: pr.confidence })
    if (!t.ok) throw new Error(t.reason)
    expect(m).toMatchObject({ test: 'paired-t-log', unit: 'pair', p_value: t.p })
    expect(m.ci_low_pct).toBeCloseTo(100 * (t.ratioCi.low - 1), 10)
  })

  // How often the independent tests miss it on such data: calibration.test.ts.
  test('finds a 10% TPOT regression under 10% drift of the runner', () => {
    expect(metric(paired, 'tpot_ms.p50').status).toBe('regressed')
    expect(paired.verdict).toBe('fail')
    expect(metric(unpaired, 'tpot_ms.p50').test).toBe('mann-whitney')
  })

  test('resamples pairs, so the drift drops out of the intervals and the detectable change', () => {
    for (const name of ['ttft_ms.p50', 'tpot_ms.p50', 'output_throughput']) {
      expect(width(metric(paired, name))).toBeLessThan(0.5 * width(metric(unpaired, name)))
      expect(metric(paired, name).mde_pct!).toBeLessThan(0.5 * metric(unpaired, name).mde_pct!)
    }
    const tpot = metric(paired, 'tpot_ms.p50')
    expect(tpot.ci_low_pct! < 10 && 10 < tpot.ci_high_pct!).toBe(true)
  })

  test('the same inputs give the same comparison', () => {
    expect(JSON.stringify(compareResults(baseline, candidate, pr))).toBe(JSON.stringify(paired))
  })

  test('passes an A/A run', () => {
    const aa = abRun(12, 1, 'run-aa', 31)
    expect(compareResults(aa.baseline, aa.candidate, pr).verdict).toBe('pass')
  })

  test('drops a pair where either trial has no value, and says when the pairs left cannot reach significance', () => {
    const run = abRun(8, 1.1)
    const candidate = structuredClone(run.candidate)
    // Three trials whose requests had one output token each: they have no TPOT.
    for (const trial of candidate.trials.slice(0, 3)) {
      for (const record of trial.requests) record.tpot_ms = null
      trial.summary.tpot_ms = describeSample([])
    }
    const m = metric(compareResults(run.baseline, candidate, pr), 'tpot_ms.p50')
    expect(m).toMatchObject({ test: 'wilcoxon-signed-rank', unit: 'pair', mde_pct: null, reason: 'with 5 pairs the smallest attainable p is 0.0625, not below alpha: add trials' })
    expect(m.trials.current).toHaveLength(5)
  })

  test('with too few pairs, tests the trials as independent and says how many pairs paired tests need', () => {
    const few = abRun(5, 1.1)
    const comparison = compareResults(few.baseline, few.candidate, pr)
    expect(comparison.pairing).toEqual({ run: 'run-1', pairs: 5, tests: 'independent' })
    expect(metric(comparison, 'tpot_ms.p50')).toMatchObject({ test: 'mann-whitney', unit: 'trial' })
    expect(comparison.notes.join('\n')).toContain('the signed-rank test needs 8 pairs to reach p < 0.05/5')
  })
})
