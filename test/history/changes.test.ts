import { describe, expect, test } from 'vitest'
import { loadThresholds } from '../../src/config/thresholds.js'
import { gatedMetrics } from '../../src/history/input.js'
import { seriesChanges, workloadChanges } from '../../src/history/changes.js'
import { historyRecordOf, type HistoryRecord } from '../../src/history/record.js'
import { nightlyResults, type NightlyOptions } from '../helpers/nightly.js'

const history = (options: NightlyOptions): HistoryRecord[] => nightlyResults(options).map((result, night) => historyRecordOf(result, { commit: `c${String(night).padStart(6, '0')}`, ref: 'refs/heads/main' }))
const NIGHTLY_METRICS = gatedMetrics(loadThresholds('nightly'))

describe('change points across nightly runs', () => {
  test('a +12% TPOT step at night 16 of 24 (2% job-to-job noise) is found within one night of it, with its size and commit', () => {
    for (const seed of [1, 2, 3]) {
      const runs = history({ seed, nights: 24, jobNoise: 0.02, steps: [{ at: 16, ratio: 1.12 }] })
      const changes = workloadChanges(runs, ['tpot_ms.p50'])
      expect(changes).toHaveLength(1)
      const [change] = changes
      expect(Math.abs(change!.index - 16)).toBeLessThanOrEqual(1)
      expect(change!.delta_pct).toBeGreaterThan(8)
      expect(change!.delta_pct).toBeLessThan(16)
      expect(change!.p_value).toBeLessThanOrEqual(0.01)
      expect(change).toMatchObject({ metric: 'tpot_ms.p50', worse: true, commit: runs[change!.index]!.commit, created_at: runs[change!.index]!.created_at, run_id: runs[change!.index]!.id })
      expect(change!.runs_before + change!.runs_after).toBe(24)
    }
  })

  test('a flat 24-night history with 2% noise reports no change beyond 5% in any metric the nightly preset gates', () => {
    for (let seed = 1; seed <= 8; seed++) {
      // Quiet requests, so that the nights' TPOT p50 varies by the 2% of the job-to-job noise, not more.
      const runs = history({ seed, nights: 24, jobNoise: 0.02, requestNoise: 0.03 })
      const logs = runs.map((run) => Math.log(run.metrics['tpot_ms.p50']!.run!))
      const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length
      const sd = Math.sqrt(logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (logs.length - 1))
      expect(sd).toBeGreaterThan(0.012)
      expect(sd).toBeLessThan(0.028)
      // Eleven metrics, each tested at p <= 0.005, can show a small chance change now and then; never one beyond 5%.
      for (const change of workloadChanges(runs, NIGHTLY_METRICS)) expect(Math.abs(change.delta_pct ?? 0), `seed ${seed}: ${change.metric} ${change.delta_pct}`).toBeLessThanOrEqual(5)
    }
  })

  test('one slow night (+30%) is not a change', () => {
    const runs = history({ seed: 7, nights: 24, jobNoise: 0.02, outliers: [{ at: 10, ratio: 1.3 }] })
    expect(workloadChanges(runs, ['tpot_ms.p50', 'ttft_ms.p50', 'output_throughput'])).toEqual([])
  })

  test('throughput that drops is a change for the worse; latency that drops one for the better', () => {
    const runs = history({ seed: 8, nights: 20, jobNoise: 0.01, steps: [{ at: 10, ratio: 0.85 }] })
    const changes = workloadChanges(runs, ['tpot_ms.p50', 'output_throughput'])
    expect(changes.map((change) => [change.metric, change.index, change.worse])).toEqual([
      ['output_throughput', 10, false],
      ['tpot_ms.p50', 10, false]
    ])
  })

  test('only runs comparable with the newest are analysed; indices count every run of the workload', () => {
    const other = history({ seed: 9, nights: 4, jobNoise: 0.02 }).map((record) => ({ ...record, workload: { ...record.workload, workload_hash: 'sha256:older-prompts' }, created_at: record.created_at.replace('2026-11', '2026-10') }))
    const runs = [...other, ...history({ seed: 9, nights: 20, jobNoise: 0.02, steps: [{ at: 12, ratio: 1.15 }] })]
    const [change] = workloadChanges(runs, ['tpot_ms.p50'])
    expect(change!.index).toBe(4 + 12)
    expect(runs[change!.index]!.workload.workload_hash).not.toBe('sha256:older-prompts')
  })

  test('a series with runs that have no value keeps its positions', () => {
    const values = [...Array.from({ length: 12 }, (_, i) => (i === 3 ? null : 10 + (i % 2) * 0.1)), ...Array.from({ length: 12 }, (_, i) => (i % 2) * 0.1 + 12)]
    const [change] = seriesChanges(values)
    expect(change).toMatchObject({ position: 12, runs_before: 11, runs_after: 12 })
    // Medians: 10 before (six 10s and five 10.1s), 12.05 after (12 and 12.1 alternating).
    expect(change!.delta_pct).toBeCloseTo((100 * (12.05 - 10)) / 10, 6)
  })
})
