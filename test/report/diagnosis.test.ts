import { describe, expect, test } from 'vitest'
import type { Comparison, MetricComparison } from '../../src/compare/types.js'
import { diagnose, diagnosisSentence } from '../../src/report/diagnosis.js'
import type { TelemetryDigest } from '../../src/result/telemetry-digest.js'

const digest = (overrides: Partial<TelemetryDigest> = {}): TelemetryDigest => ({
  trials: 3,
  kvCacheUsage: { metric: 'vllm:kv_cache_usage_perc', mean: 0.55, max: 0.61 },
  preemptions: { metric: 'vllm:num_preemptions_total', perTrial: 0, perSecond: 0 },
  waiting: { metric: 'vllm:num_requests_waiting', mean: 0.2, max: 2 },
  running: { metric: 'vllm:num_requests_running', mean: 16, max: 16 },
  gpuUtilizationPct: { mean: 87, max: 100 },
  gpuMemoryMib: { max: 71234 },
  powerW: { mean: 512 },
  smClockMhz: { mean: 1755, min: 1740 },
  temperatureC: { max: 71 },
  throttleReasons: [],
  gpuNames: ['NVIDIA H100 80GB HBM3'],
  ...overrides
})

const metric = (name: string, status: MetricComparison['status'], deltaPct: number, direction: MetricComparison['direction'] = 'lower_is_better'): MetricComparison =>
  ({ metric: name, status, gate: 'fail', delta_pct: deltaPct, direction }) as MetricComparison
const comparison = (...metrics: MetricComparison[]): Comparison => ({ metrics }) as unknown as Comparison

describe('the likely cause', () => {
  test('names what moved with a regression, with both sides’ numbers', () => {
    const lines = diagnose(
      comparison(metric('tpot_ms.p50', 'regressed', 12)),
      digest(),
      digest({ kvCacheUsage: { metric: 'vllm:kv_cache_usage_perc', mean: 0.9, max: 0.97 }, preemptions: { metric: 'vllm:num_preemptions_total', perTrial: 412, perSecond: 20.6 }, smClockMhz: { mean: 1410, min: 1395 }, throttleReasons: ['sw_thermal'] })
    )
    expect(lines.map(diagnosisSentence)).toEqual(['TPOT p50 +12.0%: KV-cache usage peak 0.61 → 0.97 and 0 → 412 preemptions per trial (20.6/s); SM clock 1,755 → 1,410 MHz with thermal throttling'])
  })

  test('for TTFT the queue comes first', () => {
    const [line] = diagnose(comparison(metric('ttft_ms.p99', 'inconclusive', 40)), digest(), digest({ waiting: { metric: 'vllm:num_requests_waiting', mean: 14, max: 30 }, smClockMhz: { mean: 1600, min: 1500 }, throttleReasons: ['sw_power_cap'] }))
    expect(diagnosisSentence(line!)).toBe('TTFT p99 +40.0%: requests waiting (mean) 0.2 → 14; SM clock 1,755 → 1,600 MHz with power capping')
  })

  test('metrics with the same cause share a line', () => {
    const lines = diagnose(comparison(metric('tpot_ms.p50', 'regressed', 12), metric('output_throughput', 'regressed', -10, 'higher_is_better')), digest(), digest({ gpuMemoryMib: { max: 79100 } }))
    expect(lines).toHaveLength(1)
    expect(diagnosisSentence(lines[0]!)).toBe('TPOT p50 +12.0%, output throughput −10.0%: GPU memory peak 71,234 → 79,100 MiB')
  })

  test('says so when nothing moved, and what was compared', () => {
    const [line] = diagnose(comparison(metric('e2e_ms.p50', 'regressed', 9)), digest(), digest({ smClockMhz: { mean: 1745, min: 1700 } }))
    expect(diagnosisSentence(line!)).toBe('E2E latency p50 +9.0%: nothing in the telemetry moved with it (KV cache, preemptions, queue, batch size, SM clock, GPU utilization, GPU memory, temperature compared)')
  })

  test('small wobbles are not movement', () => {
    const [line] = diagnose(
      comparison(metric('tpot_ms.p50', 'regressed', 6)),
      digest(),
      digest({ kvCacheUsage: { metric: 'vllm:kv_cache_usage_perc', mean: 0.6, max: 0.64 }, preemptions: { metric: 'vllm:num_preemptions_total', perTrial: 0.3, perSecond: 0.01 }, gpuUtilizationPct: { mean: 90, max: 100 }, gpuMemoryMib: { max: 71800 } })
    )
    expect(line!.cause).toBeNull()
  })

  test('new throttle reasons at an unchanged clock are still named', () => {
    const [line] = diagnose(comparison(metric('itl_ms.p99', 'regressed', 20)), digest(), digest({ throttleReasons: ['hw_slowdown'] }))
    expect(line!.cause).toBe('hardware slowdown (hw_slowdown) at SM clock 1,755 → 1,755 MHz')
  })

  test('SGLang’s retractions are called retractions', () => {
    const [line] = diagnose(comparison(metric('tpot_ms.p50', 'regressed', 12)), digest({ preemptions: { metric: 'sglang:num_retracted_requests_total', perTrial: 2, perSecond: 0.1 } }), digest({ preemptions: { metric: 'sglang:num_retracted_requests_total', perTrial: 40, perSecond: 2 } }))
    expect(line!.cause).toBe('2 → 40 retractions per trial (2.00/s)')
  })

  test('passing metrics, improvements and metrics whose gate is off get no line', () => {
    const moved = digest({ kvCacheUsage: { metric: 'vllm:kv_cache_usage_perc', mean: 0.9, max: 0.99 } })
    expect(diagnose(comparison(metric('tpot_ms.p50', 'pass', 2), metric('ttft_ms.p99', 'inconclusive', -30), { ...metric('ttft_ms.p50', 'regressed', 30), gate: 'off' }), digest(), moved)).toEqual([])
  })

  test('nothing to set side by side without telemetry on both sides', () => {
    expect(diagnose(comparison(metric('tpot_ms.p50', 'regressed', 12)), null, digest())).toEqual([])
    expect(diagnose(comparison(metric('tpot_ms.p50', 'regressed', 12)), digest(), null)).toEqual([])
  })
})
