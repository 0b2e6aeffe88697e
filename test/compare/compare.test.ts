import { describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult, type SyntheticSpec } from '../../bench/synthetic-results.js'
import { compareResults, exitCodeFor } from '../../src/compare/compare.js'
import { loadThresholds, type Thresholds } from '../../src/config/thresholds.js'
import type { ResultFile } from '../../src/result/types.js'
import { holm } from '../../src/stats/holm.js'
import { mannWhitneyU } from '../../src/stats/mann-whitney.js'
import { welchLogTest } from '../../src/stats/welch.js'

const side = (overrides: Partial<SyntheticSpec> = {}): ResultFile => syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 5, slowdown: { ttft: 1, tpot: 1 }, ...overrides })
const pr = loadThresholds('pr')
const metric = (comparison: ReturnType<typeof compareResults>, name: string) => comparison.metrics.find((m) => m.metric === name)!

describe('verdicts on serving-like data', () => {
  // With 5% drift an A/A pair is sometimes honestly inconclusive; calibration.test.ts holds the rates.
  test('an A/A comparison on a quiet server passes', () => {
    const comparison = compareResults(side({ seed: 1, trialDrift: 0.01 }), side({ seed: 2, trialDrift: 0.01 }), pr)
    expect(comparison.verdict).toBe('pass')
    expect(exitCodeFor(comparison)).toBe(0)
  })

  test('a 25% TTFT and TPOT regression fails, naming both', () => {
    const comparison = compareResults(side({ seed: 1 }), side({ seed: 2, slowdown: { ttft: 1.25, tpot: 1.25 } }), pr)
    expect(comparison.verdict).toBe('fail')
    expect(exitCodeFor(comparison)).toBe(1)
    expect(metric(comparison, 'ttft_ms.p50').status).toBe('regressed')
    expect(metric(comparison, 'tpot_ms.p50').status).toBe('regressed')
    expect(metric(comparison, 'tpot_ms.p50').delta_pct).toBeGreaterThan(15)
  })

  test('a large improvement is reported as improved, not as a failure', () => {
    const comparison = compareResults(side({ seed: 1 }), side({ seed: 2, slowdown: { ttft: 0.7, tpot: 0.7 } }), pr)
    expect(comparison.verdict).toBe('pass')
    expect(metric(comparison, 'tpot_ms.p50').status).toBe('improved')
  })

  test('the same inputs give the same comparison, intervals included', () => {
    const [a, b] = [side({ seed: 1 }), side({ seed: 2, slowdown: { ttft: 1.1, tpot: 1.1 } })]
    expect(JSON.stringify(compareResults(a, b, pr))).toBe(JSON.stringify(compareResults(a, b, pr)))
  })
})

describe('the verdict rests on the request records', () => {
  test('stored summaries play no part in the latency statistics: forging them changes nothing', () => {
    const [a, b] = [side({ seed: 1 }), side({ seed: 2, slowdown: { ttft: 1.25, tpot: 1.25 } })]
    const forged = structuredClone(b)
    for (const trial of forged.trials) trial.summary.tpot_ms = { ...trial.summary.tpot_ms, mean: 1, p50: 1, p90: 1, p95: 1, p99: 1 }
    forged.summary.tpot_ms.p50 = 1
    forged.summary.ttft_ms.p50 = 1
    expect(JSON.stringify(compareResults(a, forged, pr))).toBe(JSON.stringify(compareResults(a, b, pr)))
    expect(compareResults(a, forged, pr).verdict).toBe('fail')
  })

  test('trials that hold no requests make the verdict inconclusive, never a pass', () => {
    const a = side({ seed: 1 })
    const empty = structuredClone(side({ seed: 2 }))
    for (const trial of empty.trials) trial.requests = []
    const comparison = compareResults(a, empty, pr)
    expect(comparison.verdict).toBe('inconclusive')
    expect(comparison.validity.find((check) => check.check === 'complete' && check.side === 'current')).toMatchObject({ ok: false, detail: '5 of 5 trial(s) hold no request records: there is nothing to compare' })
  })
})

describe('the statistics behind each row', () => {
  const baseline = side({ seed: 3 })
  const current = side({ seed: 4, slowdown: { ttft: 1.08, tpot: 1.04 } })
  const comparison = compareResults(baseline, current, pr)

  test('a per-request statistic is tested through its per-trial values with the exact Mann-Whitney test', () => {
    const m = metric(comparison, 'tpot_ms.p50')
    expect(m).toMatchObject({ unit: 'trial', test: 'mann-whitney' })
    expect(m.trials.baseline).toEqual(baseline.trials.map((t) => t.summary.tpot_ms.p50))
    expect(m.p_value).toBe(mannWhitneyU(m.trials.baseline, m.trials.current, { method: 'auto' }).p)
  })

  test('throughput is tested with Welch on logarithms of the per-trial values', () => {
    const m = metric(comparison, 'output_throughput')
    expect(m.test).toBe('welch-log')
    const welch = welchLogTest(m.trials.baseline, m.trials.current)
    expect(welch.ok && m.p_value === welch.p).toBe(true)
  })

  test('p_adjusted is Holm over the metrics whose gate is not off, and off metrics get none', () => {
    const gated = comparison.metrics.filter((m) => m.gate !== 'off')
    const expected = holm(gated.map((m) => m.p_value))
    expect(gated.map((m) => m.p_adjusted)).toEqual(expected)
    expect(comparison.metrics.filter((m) => m.gate === 'off').every((m) => m.p_adjusted === null)).toBe(true)
  })

  test('delta_pct is 100 (current - baseline) / baseline of the pooled values', () => {
    const m = metric(comparison, 'ttft_ms.p50')
    expect(m.baseline).toBe(baseline.summary.ttft_ms.p50)
    expect(m.delta_pct).toBeCloseTo((100 * (m.current! - m.baseline!)) / m.baseline!, 10)
  })

  test('the interval brackets the estimate', () => {
    for (const m of comparison.metrics.filter((x) => x.ci_low_pct !== null)) {
      expect(m.ci_low_pct!).toBeLessThanOrEqual(m.delta_pct! + 1e-9)
      expect(m.ci_high_pct!).toBeGreaterThanOrEqual(m.delta_pct! - 1e-9)
    }
  })

  test('a p99 from too few requests per trial is inconclusive with the reason', () => {
    const withP99: Thresholds = { ...pr, metrics: { ...pr.metrics, 'ttft_ms.p99': { tolerance_pct: 25, gate: 'warn' } } }
    const m = metric(compareResults(baseline, current, withP99), 'ttft_ms.p99')
    expect(m.status).toBe('inconclusive')
    expect(m.reason).toContain('p99 needs at least 500 values in every trial')
  })
})

describe('trial counts', () => {
  test('with fewer than 3 trials a side, requests are compared pooled and a note says what that costs', () => {
    const comparison = compareResults(side({ seed: 1, trials: 2 }), side({ seed: 2, trials: 2 }), pr)
    expect(metric(comparison, 'tpot_ms.p50').unit).toBe('request')
    expect(comparison.notes.join(' ')).toContain('run-to-run variance could not be estimated')
  })

  test('with 3 trials a side the exact test cannot reach alpha on latencies, and the report says to add trials', () => {
    const comparison = compareResults(side({ seed: 1, trials: 3 }), side({ seed: 2, trials: 3, slowdown: { ttft: 1.5, tpot: 1.5 } }), pr)
    const m = metric(comparison, 'tpot_ms.p50')
    expect(m.status).toBe('inconclusive')
    expect(m.reason).toContain('smallest attainable p is 0.100')
    expect(m.mde_pct).toBeNull()
    // Throughput's Welch test still works with 3 trials: the 50% slowdown fails on it alone.
    expect(metric(comparison, 'output_throughput').status).toBe('regressed')
  })
})

describe('incomparable results', () => {
  test('different workload hashes are incomparable, naming the fields that differ', () => {
    const a = side()
    const b = side({ workloadHash: 'sha256:other' })
    ;(b.workload as Record<string, unknown>).load = { concurrency: 32 }
    const comparison = compareResults(a, b, pr)
    expect(comparison.verdict).toBe('incomparable')
    expect(exitCodeFor(comparison)).toBe(3)
    expect(comparison.validity.find((c) => c.check === 'workload_hash')?.detail).toContain('load.concurrency: 16 vs 32')
    expect(comparison.metrics).toEqual([])
  })

  test('different models are compared unless the thresholds require the same model (docs/fingerprint.md; comparability.test.ts)', () => {
    expect(compareResults(side(), side({ seed: 2, model: 'other-model' }), pr).verdict).not.toBe('incomparable')
    expect(compareResults(side(), side({ seed: 2, model: 'other-model' }), { ...pr, comparability: { hardware: 'require', model: 'require' } }).verdict).toBe('incomparable')
  })

  test('output lengths that disagree beyond the limit are incomparable', () => {
    expect(compareResults(side(), side({ outputTokens: 40 }), pr).verdict).toBe('incomparable')
  })

  test('a different definitions version is incomparable', () => {
    const b = side()
    ;(b as { definitions: number }).definitions = 2
    expect(compareResults(side(), b, pr).verdict).toBe('incomparable')
  })
})

describe('validity', () => {
  test('an interrupted run makes the verdict inconclusive, never a silent pass', () => {
    const b = side({ seed: 2 })
    b.interrupted = true
    const comparison = compareResults(side(), b, pr)
    expect(comparison.verdict).toBe('inconclusive')
    expect(comparison.validity.find((c) => c.check === 'complete' && c.side === 'current')?.ok).toBe(false)
  })

  test('a closed-loop regression measured while the client left slots empty is inconclusive, and the note says which metrics regressed', () => {
    const b = side({ seed: 2, slowdown: { ttft: 1.3, tpot: 1.3 } })
    // 30 ms between one request and the next: share = mean lag / (mean e2e + mean lag).
    for (const trial of b.trials) for (const request of trial.requests) request.client_queue_ms = 30
    const requests = b.trials.flatMap((t) => t.requests)
    const meanE2e = requests.reduce((sum, r) => sum + r.e2e_ms!, 0) / requests.length
    const comparison = compareResults(side(), b, pr)
    expect(comparison.verdict).toBe('inconclusive')
    const check = comparison.validity.find((c) => c.check === 'schedule_lag' && c.side === 'current')!
    expect(check.ok).toBe(false)
    expect(check.detail).toContain(`slots stood empty ${((100 * 30) / (meanE2e + 30)).toFixed(2)}% of the time`)
    expect(comparison.notes.join(' ')).toMatch(/tpot_ms\.p50.*regressed.*schedule_lag/)
  })

  test('in an open loop the client schedule lag p99 is held to its limit', () => {
    const b = side({ seed: 2 })
    for (const trial of b.trials) {
      trial.summary.target_rate = 50
      trial.summary.achieved_rate = 50
    }
    b.summary.schedule_lag_ms.p99 = 25
    const check = compareResults(side(), b, pr).validity.find((c) => c.check === 'schedule_lag' && c.side === 'current')!
    expect(check).toMatchObject({ ok: false, detail: 'client schedule lag p99 25.00 ms (at most 10 ms)' })
  })

  test('host CPU steal beyond the limit is reported beside the verdict, naming the worst trial, and does not change it', () => {
    const quiet = side({ seed: 2, slowdown: { ttft: 1.25, tpot: 1.25 } })
    const stolen = side({ seed: 2, slowdown: { ttft: 1.25, tpot: 1.25 } })
    stolen.trials.forEach((trial, index) => (trial.host = { cpu_steal: index === 3 ? 0.31 : 0.05, client_cpu: 0.2, event_loop_utilization: 0.1 }))
    const plain = compareResults(side(), quiet, pr)
    const comparison = compareResults(side(), stolen, pr)
    expect(comparison.verdict).toBe('fail')
    expect(comparison.verdict).toBe(plain.verdict)
    expect(plain.validity.find((c) => c.check === 'host_cpu_steal')).toBeUndefined()
    const check = comparison.validity.find((c) => c.check === 'host_cpu_steal' && c.side === 'current')!
    expect(check).toMatchObject({ ok: false, warn: true })
    expect(check.detail).toContain('31.0% of this machine\'s CPU time to other guests in the worst trial (trial 4; mean 10.2%)')
    const calm = side({ seed: 2 })
    calm.trials.forEach((trial) => (trial.host = { cpu_steal: 0.02, client_cpu: 0.2, event_loop_utilization: 0.1 }))
    expect(compareResults(side(), calm, pr).validity.find((c) => c.check === 'host_cpu_steal')).toMatchObject({ ok: true, warn: true })
  })

  test('an error-rate regression fails even when the error rate also fails validity', () => {
    const b = side({ seed: 2 })
    for (const trial of b.trials) trial.summary.error_rate = 0.2
    b.summary.error_rate = 0.2
    const comparison = compareResults(side(), b, pr)
    expect(metric(comparison, 'error_rate')).toMatchObject({ status: 'regressed', test: 'threshold' })
    expect(metric(comparison, 'error_rate').delta_abs).toBeCloseTo(0.2, 10)
    expect(comparison.verdict).toBe('fail')
  })

  test('fail_on_inconclusive turns an inconclusive verdict into exit 1', () => {
    const strict: Thresholds = { ...pr, fail_on_inconclusive: true }
    const b = side({ seed: 2 })
    b.interrupted = true
    expect(exitCodeFor(compareResults(side(), b, strict))).toBe(1)
  })
})

describe('non-inferiority (release sign-off)', () => {
  const release = loadThresholds('release')
  // Sign-off needs noise well below the tolerances: a quiet dedicated GPU, 0.5% run-to-run drift.
  const many = (seed: number, slowdown = 1, trialDrift = 0.005, requestNoise = 0.05): ResultFile =>
    side({ seed, trials: 10, requestsPerTrial: 600, trialDrift, requestNoise, slowdown: { ttft: slowdown, tpot: slowdown } })

  test('an unchanged server passes when the interval lies inside the tolerance', () => {
    const m = metric(compareResults(many(1), many(2), release), 'tpot_ms.p50')
    expect(m.status).toBe('pass')
    expect(m.ci_high_pct!).toBeLessThan(m.tolerance_pct!)
  })

  test('a regression whose whole interval is beyond the tolerance fails', () => {
    const comparison = compareResults(many(1), many(2, 1.3), release)
    expect(metric(comparison, 'tpot_ms.p50').status).toBe('regressed')
    expect(comparison.verdict).toBe('fail')
  })

  test('with 5% drift the same unchanged server is not shown to be non-inferior within 3%: inconclusive, not pass', () => {
    const m = metric(compareResults(many(1, 1, 0.05, 0.15), many(2, 1, 0.05, 0.15), release), 'tpot_ms.p50')
    expect(m.ci_low_pct!).toBeLessThan(m.tolerance_pct!)
    expect(m.ci_high_pct!).toBeGreaterThan(m.tolerance_pct!)
    expect(m.status).toBe('inconclusive')
  })
})
