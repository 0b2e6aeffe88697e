import { describe, expect, test } from 'vitest'
import { KNOWN_SERVER_METRICS } from '../../src/result/known-metrics.js'
import { isExpositionContentType, parseKnownSeries } from '../../src/telemetry/prometheus.js'
import { vllmExposition } from '../helpers/metrics-server.js'

const NAMES = new Set(Object.keys(KNOWN_SERVER_METRICS))

describe('reading an engine’s exposition', () => {
  test('the known families are read with their type, labels and values', () => {
    const series = parseKnownSeries(vllmExposition({ running: 12, waiting: 3, kv: 0.41, preemptions: 7 }), NAMES)!
    expect(series).toContainEqual({ name: 'vllm:kv_cache_usage_perc', type: 'gauge', labels: { engine: '0', model_name: 'Qwen/Qwen2.5-7B-Instruct' }, value: 0.41 })
    expect(series).toContainEqual(expect.objectContaining({ name: 'vllm:num_preemptions_total', type: 'counter', value: 7 }))
    expect(series).toContainEqual(expect.objectContaining({ name: 'vllm:num_requests_waiting', value: 3 }))
  })

  test('everything else (process metrics, _created gauges, histograms) is left out', () => {
    const names = parseKnownSeries(vllmExposition({ running: 1, preemptions: 0 }), NAMES)!.map((series) => series.name)
    expect(new Set(names)).toEqual(new Set(['vllm:num_requests_running', 'vllm:num_preemptions_total']))
  })

  test('one series per engine of a data-parallel server', () => {
    const series = parseKnownSeries(vllmExposition({ running: 5, engines: 2 }), NAMES)!
    expect(series.map((one) => one.labels.engine)).toEqual(['0', '1'])
  })

  test('escaped quotes, backslashes and newlines in label values, and a timestamp after the value', () => {
    const text = '# TYPE tgi_queue_size gauge\ntgi_queue_size{model="a \\"b\\" \\\\ c\\nd"} 4 1712345678000\n'
    expect(parseKnownSeries(text, NAMES)).toEqual([{ name: 'tgi_queue_size', type: 'gauge', labels: { model: 'a "b" \\ c\nd' }, value: 4 }])
  })

  test('a family without a TYPE line is untyped (the known kind applies later)', () => {
    expect(parseKnownSeries('llamacpp:requests_deferred 2\n', NAMES)).toEqual([{ name: 'llamacpp:requests_deferred', type: 'untyped', labels: {}, value: 2 }])
  })

  test('a malformed line of a known family is not the exposition format', () => {
    expect(parseKnownSeries('vllm:num_requests_running{engine="0" 3\n', NAMES)).toBeNull()
  })

  test('an OpenMetrics counter (TYPE under the name without _total) is still read by its sample name', () => {
    const text = '# TYPE vllm:num_preemptions counter\nvllm:num_preemptions_total{engine="0"} 9.0\n# EOF\n'
    expect(parseKnownSeries(text, NAMES)).toEqual([{ name: 'vllm:num_preemptions_total', type: 'untyped', labels: { engine: '0' }, value: 9 }])
  })

  test('the content types of the text formats', () => {
    expect(isExpositionContentType('text/plain; version=0.0.4; charset=utf-8')).toBe(true)
    expect(isExpositionContentType('application/openmetrics-text; version=1.0.0; charset=utf-8')).toBe(true)
    expect(isExpositionContentType('text/html; charset=utf-8')).toBe(false)
    expect(isExpositionContentType('application/json')).toBe(false)
    expect(isExpositionContentType(undefined)).toBe(false)
  })
})
