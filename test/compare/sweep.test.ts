import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { compareCommand } from '../../src/commands/compare.js'
import { compareResults } from '../../src/compare/compare.js'
import { compareSweeps } from '../../src/compare/sweep.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { InputError } from '../../src/errors.js'
import { lawSweep, type LawSpec } from '../helpers/synthetic-sweep.js'
import { quietIo } from '../helpers/quiet-io.js'

const LOADS = [1, 2, 3, 4, 6, 8, 12, 16]
// Per-trial drift of 3% and 2% noise per request: trials differ as they do on a real server.
const law = (seed: number, factor = 1, extra: Partial<LawSpec> = {}): ReturnType<typeof lawSweep> => lawSweep({ baseMs: 4, perStreamMs: 0.5, factor, noise: 0.02, trialDrift: 0.03, seed, loads: LOADS, trials: 5, requests: 40, ...extra })
const capacityOf = (comparison: ReturnType<typeof compareSweeps>) => comparison.metrics.find((m) => m.metric === 'capacity_at_slo')!

describe('comparing two sweeps', () => {
  test('a server 30% slower per token fails on capacity_at_slo, under the release and the nightly presets', () => {
    for (const preset of ['release', 'nightly']) {
      const comparison = compareSweeps(law(1), law(2, 1.3), loadThresholds(preset))
      const capacity = capacityOf(comparison)
      expect(capacity).toMatchObject({ status: 'regressed', gate: 'fail', direction: 'higher_is_better', test: 'welch-log', unit: 'trial', tolerance_pct: 5 })
      expect(capacity.delta_pct!).toBeLessThan(-40)
      expect(capacity.trials.baseline).toHaveLength(5)
      expect(comparison.verdict).toBe('fail')
    }
  })

  test('an A/A pair does not, under either preset', () => {
    for (const seed of [3, 5, 7, 9]) {
      for (const preset of ['release', 'nightly']) {
        const comparison = compareSweeps(law(seed), law(seed + 100), loadThresholds(preset))
        expect(capacityOf(comparison).status).not.toBe('regressed')
        expect(comparison.verdict).not.toBe('fail')
      }
    }
  })

  test('the comparison holds both capacities and curves, and its p-value is Holm-adjusted over the gated metrics', () => {
    const comparison = compareSweeps(law(1), law(2, 1.3), loadThresholds('release'))
    expect(comparison.sweep.baseline.capacity.load).toBeCloseTo(comparison.metrics[0]!.baseline!, 12)
    expect(comparison.sweep.current.curve.map((p) => p.load)).toEqual(LOADS)
    expect(comparison.metrics[0]!.p_adjusted).toBe(comparison.metrics[0]!.p_value)
    expect(comparison.notes.some((note) => note.startsWith('baseline capacity: concurrency'))).toBe(true)
  })

  test('thresholds that do not name capacity_at_slo gate it with the default, and say so', () => {
    const comparison = compareSweeps(law(1), law(2, 1.3), loadThresholds('pr'))
    expect(capacityOf(comparison)).toMatchObject({ tolerance_pct: 5, gate: 'fail', status: 'regressed' })
    expect(comparison.notes).toContain('the thresholds (pr) do not name capacity_at_slo: it was gated with tolerance 5%, gate fail')
  })

  test('a candidate that misses the SLO even at its lowest load has lost capacity', () => {
    const comparison = compareSweeps(law(1), law(2, 2.5), loadThresholds('release'))
    expect(comparison.sweep.current.capacity.load).toBeNull()
    expect(capacityOf(comparison)).toMatchObject({ test: 'threshold', status: 'regressed' })
    expect(capacityOf(comparison).reason).toMatch(/the candidate missed the SLO even at its lowest load \(1\)/)
    expect(comparison.verdict).toBe('fail')
  })

  test('sweeps of different workloads, or judged at different attainments, are incomparable', () => {
    const other = lawSweep({ baseMs: 4, perStreamMs: 0.5, seed: 2, loads: LOADS, trials: 5, requests: 41 })
    const workload = compareSweeps(law(1), other, loadThresholds('release'))
    expect(workload.verdict).toBe('incomparable')
    expect(workload.validity.find((c) => c.check === 'workload_hash')!.detail).toMatch(/requests: 40 vs 41/)
    const strict = law(2, 1, { slo: { tpot_ms: 7.5, attainment: 0.999 } })
    const attainment = compareSweeps(law(1), strict, loadThresholds('release'))
    expect(attainment.verdict).toBe('incomparable')
    expect(attainment.validity.find((c) => c.check === 'attainment')).toMatchObject({ ok: false })
  })

  test('sweeps over different loads of the same workload compare: the capacity is what is compared', () => {
    const comparison = compareSweeps(law(1), lawSweep({ baseMs: 4, perStreamMs: 0.5, noise: 0.02, trialDrift: 0.03, seed: 2, loads: [4, 6, 7, 8, 10], trials: 5, requests: 40 }), loadThresholds('nightly'))
    expect(comparison.verdict).not.toBe('incomparable')
    expect(capacityOf(comparison).status).not.toBe('regressed')
  })

  test('a comparison of two results leaves capacity_at_slo out, and out of Holm\'s count', () => {
    const a = syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 } })
    const b = syntheticResult({ ...SERVING_LIKE, seed: 2, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 } })
    const release = loadThresholds('release')
    const comparison = compareResults(a, b, release)
    expect(comparison.metrics.map((m) => m.metric)).not.toContain('capacity_at_slo')
    const { capacity_at_slo: _capacity, ...others } = release.metrics
    expect(compareResults(a, b, { ...release, metrics: others }).metrics.map((m) => m.p_adjusted)).toEqual(comparison.metrics.map((m) => m.p_adjusted))
  })
})

describe('compare on files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lpg-compare-sweep-'))
  const write = (name: string, value: unknown): string => {
    const path = join(dir, name)
    writeFileSync(path, JSON.stringify(value))
    return path
  }
  const baseline = write('a.sweep.json', law(1))
  const current = write('b.sweep.json', law(2, 1.3))
  const result = write('r.result.json', syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 3, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 } }))

  test('a sweep compared with a plain result is refused, naming both files', async () => {
    for (const [a, b] of [
      [baseline, result],
      [result, current]
    ]) {
      const error = await compareCommand({ baseline: a!, current: b!, format: 'text' }, quietIo()).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InputError)
      expect((error as InputError).exitCode).toBe(2)
      expect((error as Error).message).toMatch(/is a (sweep|result) file and --current .* is a (result|sweep) file: compare takes two result files or two sweep files/)
    }
  })

  test('every format works, and the exit status is the verdict\'s', async () => {
    for (const format of ['json', 'text', 'markdown', 'html']) {
      const out = join(dir, `report.${format}`)
      expect(await compareCommand({ baseline, current, format, thresholds: 'release', out }, quietIo())).toBe(1)
    }
    expect(await compareCommand({ baseline, current: write('c.sweep.json', law(5)), format: 'json', thresholds: 'nightly' }, quietIo())).toBe(0)
  })
})
