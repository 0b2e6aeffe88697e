import { describe, expect, test } from 'vitest'
import { telemetrySummaryRows } from '../../src/output/telemetry-summary.js'
import type { TrialTelemetry } from '../../src/result/telemetry.js'

const trial = (telemetry?: TrialTelemetry) => ({ duration_s: 10, ...(telemetry !== undefined ? { telemetry } : {}) })

describe('the console summary’s telemetry rows', () => {
  test('none when no trial observed anything', () => {
    expect(telemetrySummaryRows([trial(), trial()])).toEqual([])
  })

  test('server metrics only: KV cache, preemptions and queue, no GPU rows', () => {
    const telemetry: TrialTelemetry = {
      interval_ms: 1000,
      server_metrics: {
        'vllm:kv_cache_usage_perc': { kind: 'gauge', mean: 0.5, max: 0.93, last: 0.4 },
        'vllm:num_preemptions_total': { kind: 'counter', delta: 12 },
        'vllm:num_requests_waiting': { kind: 'gauge', mean: 1.5, max: 6, last: 0 }
      },
      samples: []
    }
    expect(telemetrySummaryRows([trial(telemetry), trial({ ...telemetry, server_metrics: { ...telemetry.server_metrics, 'vllm:num_preemptions_total': { kind: 'counter', delta: 13 } } }), trial()])).toEqual([
      ['Mean / peak KV-cache usage:', '0.50 / 0.93'],
      ['Preemptions per trial:', '12.5'],
      ['Mean / max requests waiting:', '1.5 / 6']
    ])
  })

  test('GPUs: the peak memory over GPUs and trials, the mean utilization, the clock and the reasons', () => {
    const gpu = (memory: number, utilization: number, clock: number, reasons: string[]) => ({ index: 0, name: 'NVIDIA H100 80GB HBM3', utilization_pct: { mean: utilization, max: 100 }, memory_used_mib: { max: memory }, power_w: { mean: 500 }, sm_clock_mhz: { mean: clock, min: clock - 20 }, temperature_c: { max: 70 }, throttle_reasons: reasons })
    const rows = telemetrySummaryRows([trial({ interval_ms: 1000, gpu: [gpu(70000, 80, 1750, [])], samples: [] }), trial({ interval_ms: 1000, gpu: [gpu(71234, 90, 1710, ['sw_power_cap'])], samples: [] })])
    expect(rows).toEqual([
      ['Peak GPU memory used (MiB):', '71234'],
      ['Mean GPU utilization (%):', '85.0'],
      ['Mean / min SM clock (MHz):', '1730 / 1690'],
      ['GPU throttle reasons:', 'sw_power_cap']
    ])
  })
})
