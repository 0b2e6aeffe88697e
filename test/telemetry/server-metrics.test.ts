import { describe, expect, test } from 'vitest'
import type { MetricSeries } from '../../src/telemetry/prometheus.js'
import { ServerMetricsWindow } from '../../src/telemetry/server-metrics.js'

const series = (name: string, value: number, labels: Record<string, string> = { engine: '0' }, type = name.endsWith('_total') ? 'counter' : 'gauge'): MetricSeries => ({ name, type, labels, value })

describe('a trial’s server metrics, scrape by scrape', () => {
  test('a gauge keeps its mean, maximum and last value', () => {
    const window = new ServerMetricsWindow()
    for (const kv of [0.2, 0.6, 0.4]) window.add([series('vllm:kv_cache_usage_perc', kv)])
    expect(window.summary()).toEqual({ 'vllm:kv_cache_usage_perc': { kind: 'gauge', mean: 0.4, max: 0.6, last: 0.4 } })
  })

  test('a counter is its increase since the first scrape', () => {
    const window = new ServerMetricsWindow()
    expect(window.add([series('vllm:num_preemptions_total', 100)])).toEqual({ 'vllm:num_preemptions_total': 0 })
    expect(window.add([series('vllm:num_preemptions_total', 130)])).toEqual({ 'vllm:num_preemptions_total': 30 })
    window.add([series('vllm:num_preemptions_total', 142)])
    expect(window.summary()).toEqual({ 'vllm:num_preemptions_total': { kind: 'counter', delta: 42 } })
  })

  test('a counter that went down was reset (a restarted engine) and counts from zero', () => {
    const window = new ServerMetricsWindow()
    for (const value of [500, 520, 5, 25]) window.add([series('vllm:generation_tokens_total', value)])
    // 20 before the reset, 5 up to the first scrape after it, 20 after.
    expect(window.summary()['vllm:generation_tokens_total']).toEqual({ kind: 'counter', delta: 45 })
  })

  test('counters are followed series by series: one engine’s reset is not hidden by another’s growth', () => {
    const window = new ServerMetricsWindow()
    window.add([series('vllm:num_preemptions_total', 10, { engine: '0' }), series('vllm:num_preemptions_total', 50, { engine: '1' })])
    window.add([series('vllm:num_preemptions_total', 20, { engine: '0' }), series('vllm:num_preemptions_total', 4, { engine: '1' })])
    expect(window.summary()['vllm:num_preemptions_total']).toEqual({ kind: 'counter', delta: 14 })
  })

  test('a counter series that first appears after the first scrape started during the trial', () => {
    const window = new ServerMetricsWindow()
    window.add([series('vllm:request_success_total', 3, { finished_reason: 'length' })])
    window.add([series('vllm:request_success_total', 9, { finished_reason: 'length' }), series('vllm:request_success_total', 2, { finished_reason: 'stop' })])
    expect(window.summary()['vllm:request_success_total']).toEqual({ kind: 'counter', delta: 8 })
  })

  test('counts are summed over engines, fractions take the fullest engine', () => {
    const window = new ServerMetricsWindow()
    const sample = window.add([
      series('vllm:num_requests_running', 12, { engine: '0' }),
      series('vllm:num_requests_running', 9, { engine: '1' }),
      series('vllm:kv_cache_usage_perc', 0.5, { engine: '0' }),
      series('vllm:kv_cache_usage_perc', 0.9, { engine: '1' })
    ])
    expect(sample).toEqual({ 'vllm:num_requests_running': 21, 'vllm:kv_cache_usage_perc': 0.9 })
  })

  test('an untyped family takes the kind the engine gives it', () => {
    const window = new ServerMetricsWindow()
    window.add([series('llamacpp:tokens_predicted_total', 10, {}, 'untyped'), series('llamacpp:requests_deferred', 2, {}, 'untyped')])
    window.add([series('llamacpp:tokens_predicted_total', 70, {}, 'untyped'), series('llamacpp:requests_deferred', 4, {}, 'untyped')])
    expect(window.summary()).toEqual({ 'llamacpp:requests_deferred': { kind: 'gauge', mean: 3, max: 4, last: 4 }, 'llamacpp:tokens_predicted_total': { kind: 'counter', delta: 60 } })
  })

  test('names it does not know are ignored', () => {
    const window = new ServerMetricsWindow()
    window.add([series('python_gc_objects_collected_total', 5)])
    expect(window.empty).toBe(true)
    expect(window.summary()).toEqual({})
  })
})
