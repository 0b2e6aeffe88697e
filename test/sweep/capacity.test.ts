import { describe, expect, test } from 'vitest'
import { computeCapacity, judgeStep, quantileInPlace, type CapacityRule, type StepSloData, type TrialSlo } from '../../src/compare/capacity.js'
import { percentile } from '../../src/stats/percentile.js'
import { Random } from '../../src/random.js'
import { lawSweep } from '../helpers/synthetic-sweep.js'

const RULE: CapacityRule = { slo: { tpot_ms: 7.5 }, attainment: 0.99, maxErrorRate: 0.05 }

/** A trial whose requests all have these TPOTs (and none failed unless asked). */
function trial(tpots: number[], failed = 0, throughput = 10): TrialSlo {
  return { sent: tpots.length + failed, met: tpots.filter((t) => t <= 7.5).length, failed, values: { tpot_ms: Float64Array.from(tpots) }, requestThroughput: throughput }
}
const flat = (value: number, n = 100): number[] => Array.from({ length: n }, () => value)

describe('the quantile', () => {
  test('is numpy\'s linear quantile, by selection', () => {
    const random = new Random(3, 'quantile')
    for (const n of [1, 2, 7, 100, 1001]) {
      const values = Array.from({ length: n }, () => random.logNormal(5, 0.3))
      for (const share of [0.5, 0.9, 0.99, 1]) expect(quantileInPlace(Float64Array.from(values), share)).toBe(percentile(values, share * 100))
    }
  })
})

describe('a step against the SLO', () => {
  test('holds when at least the attainment share meets every SLO', () => {
    const values = [...flat(6, 99), 9]
    expect(judgeStep([trial(values)], RULE)).toMatchObject({ holds: true, attained: 0.99, limited_by: null })
    expect(judgeStep([trial([...flat(6, 98), 9, 9])], RULE)).toMatchObject({ holds: false, attained: 0.98, limited_by: 'latency' })
  })

  test('pools its trials and reports the SLO metric\'s quantile at the attainment level', () => {
    const outcome = judgeStep([trial(flat(6, 50)), trial([...flat(6, 49), 8])], RULE)
    expect(outcome.sent).toBe(100)
    expect(outcome.quantiles.tpot_ms).toBe(percentile([...flat(6, 99), 8], 99))
  })

  test('a miss made of failed requests is put down to errors; one beyond max_error_rate always is', () => {
    expect(judgeStep([trial(flat(6, 97), 3)], RULE).limited_by).toBe('errors')
    expect(judgeStep([trial([...flat(6, 80), ...flat(9, 14)], 6)], RULE).limited_by).toBe('errors')
    expect(judgeStep([trial([...flat(6, 80), ...flat(9, 16)], 4)], { ...RULE, maxErrorRate: 0.1 }).limited_by).toBe('latency')
  })
})

/** Steps whose every request has the law's TPOT at that load (no noise): the quantile is the law. */
function lawSteps(loads: number[], tpotAt: (load: number) => number, trials = 3): StepSloData[] {
  return loads.map((load) => ({ load, trials: Array.from({ length: trials }, () => trial(flat(tpotAt(load), 40), 0, 2 * load)) }))
}

describe('the capacity', () => {
  const law = (load: number): number => 4 + 0.5 * load

  test('interpolates between the highest load that holds and the next, on the SLO quantile', () => {
    const capacity = computeCapacity({ kind: 'concurrency', steps: lawSteps([1, 2, 3, 4, 6, 8, 12, 16], law), rule: RULE })
    // 6 streams: 7.0 ms, 8 streams: 8.0 ms; 7.5 ms lies halfway.
    expect(capacity.load).toBeCloseTo(7, 10)
    expect(capacity).toMatchObject({ bracket: { below: 6, above: 8 }, limited_by: 'latency', metric: 'tpot_ms', attainment: 0.99, slo: { tpot_ms: 7.5 } })
    expect(capacity.request_throughput).toBeCloseTo(14, 10)
  })

  test('of a server 30% slower per token is near 3.5 streams', () => {
    const capacity = computeCapacity({ kind: 'concurrency', steps: lawSteps([1, 2, 3, 4, 6, 8, 12, 16], (load) => 1.3 * law(load)), rule: RULE })
    // 1.3 (4 + 0.5 n) = 7.5 at n = 3.54; between 3 (7.15 ms) and 4 (7.8 ms) linearly: 3.54.
    expect(capacity.load).toBeCloseTo(3 + (7.5 - 7.15) / (7.8 - 7.15), 10)
  })

  test('is null, with a note, when even the lowest load misses the SLO', () => {
    const capacity = computeCapacity({ kind: 'concurrency', steps: lawSteps([8, 12], law), rule: RULE })
    expect(capacity.load).toBeNull()
    expect(capacity.bracket).toEqual({ below: null, above: 8 })
    expect(capacity.note).toMatch(/even the lowest load \(concurrency 8\) misses the SLO: 0% of its requests met it, 99% needed/)
  })

  test('is the highest load, marked a lower bound, when every load holds', () => {
    const capacity = computeCapacity({ kind: 'rate', steps: lawSteps([1, 2], law), rule: RULE })
    expect(capacity).toMatchObject({ load: 2, beyond_tested: true, limited_by: null })
    expect(capacity.note).toMatch(/at least 2 req\/s/)
  })

  test('a miss below the highest load that held does not end the search, and is named', () => {
    const steps = lawSteps([1, 2, 4, 6, 8], law)
    steps[0]!.trials[1] = trial([...flat(4.5, 38), 30, 30])
    const capacity = computeCapacity({ kind: 'concurrency', steps, rule: RULE })
    expect(capacity.load).toBeCloseTo(7, 10)
    expect(capacity.note).toMatch(/concurrency 1 missed the SLO below concurrency 6, the highest load that held/)
  })

  test('limited by errors: the last load that held, not interpolated', () => {
    const steps = lawSteps([1, 2, 4, 8], () => 5)
    steps[3] = { load: 8, trials: [trial(flat(5, 30), 10), trial(flat(5, 30), 10), trial(flat(5, 30), 10)] }
    const capacity = computeCapacity({ kind: 'concurrency', steps, rule: RULE })
    expect(capacity).toMatchObject({ load: 4, limited_by: 'errors', metric: null, bracket: { below: 4, above: 8 } })
    expect(capacity.note).toMatch(/concurrency 8 failed 25% of its requests \(max_error_rate 5%\): limited by errors/)
  })

  test('each trial index has its own capacity; the interval is the capacity\'s, its standard error from their spread on logarithms', () => {
    const tpots = [7.0, 7.2, 6.8]
    // Trial t's TPOT at 6 streams differs, at 8 streams is 8.0 for all: its capacity is 6 + 2 (7.5 - x) / (8 - x).
    const steps: StepSloData[] = [
      { load: 6, trials: tpots.map((x) => trial(flat(x, 40))) },
      { load: 8, trials: tpots.map(() => trial(flat(8, 40))) }
    ]
    const capacity = computeCapacity({ kind: 'concurrency', steps, rule: RULE })
    const expected = tpots.map((x) => 6 + (2 * (7.5 - x)) / (8 - x))
    capacity.trials.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 10))
    const logs = expected.map(Math.log)
    const center = logs.reduce((a, b) => a + b) / 3
    const sd = Math.sqrt(logs.reduce((sum, x) => sum + (x - center) ** 2, 0) / 2)
    // Pooled, the p99 at 6 streams is 7.2 ms (the worst trial's): the capacity is that trial's. t(0.975, 2) = 4.302653.
    expect(capacity.load).toBeCloseTo(expected[1]!, 10)
    expect(capacity.ci_low).toBeCloseTo(expected[1]! * Math.exp((-4.302653 * sd) / Math.sqrt(3)), 4)
    expect(capacity.ci_high).toBeCloseTo(expected[1]! * Math.exp((4.302653 * sd) / Math.sqrt(3)), 4)
  })

  test('one trial a step has no interval, and says why', () => {
    const capacity = computeCapacity({ kind: 'concurrency', steps: lawSteps([6, 8], law, 1), rule: RULE })
    expect(capacity).toMatchObject({ ci_low: null, ci_high: null })
    expect(capacity.note).toMatch(/one trial a step: no interval/)
  })

  test('a workload without an SLO has curves but no capacity', () => {
    const capacity = computeCapacity({ kind: 'concurrency', steps: lawSteps([6, 8], law), rule: { ...RULE, slo: {} } })
    expect(capacity.load).toBeNull()
    expect(capacity.note).toMatch(/sets no slo/)
  })

  test('on noisy requests from the law the capacity lands near the law\'s, inside its interval', () => {
    const sweep = lawSweep({ baseMs: 4, perStreamMs: 0.5, noise: 0.01, trialDrift: 0.005, seed: 7, loads: [1, 2, 3, 4, 6, 8, 12, 16] })
    expect(sweep.capacity.load!).toBeGreaterThan(6.6)
    expect(sweep.capacity.load!).toBeLessThan(7)
    expect(sweep.capacity.ci_low!).toBeLessThan(sweep.capacity.ci_high!)
    const slow = lawSweep({ baseMs: 4, perStreamMs: 0.5, factor: 1.3, noise: 0.01, trialDrift: 0.005, seed: 7, loads: [1, 2, 3, 4, 6, 8, 12, 16] })
    expect(slow.capacity.load!).toBeGreaterThan(3.2)
    expect(slow.capacity.load!).toBeLessThan(3.54)
  })
})
