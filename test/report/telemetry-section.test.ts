import { describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { joinReport, renderMarkdown } from '../../src/report/markdown.js'
import { telemetryRows } from '../../src/report/telemetry-section.js'
import { digestTelemetry } from '../../src/result/telemetry-digest.js'
import { renderText } from '../../src/report/text.js'
import type { ResultFile } from '../../src/result/types.js'
import type { TrialTelemetry } from '../../src/result/telemetry.js'

const side = (seed: number, tpot: number): ResultFile => syntheticResult({ ...SERVING_LIKE, seed, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot } })

const withTelemetry = (result: ResultFile, telemetry: TrialTelemetry): ResultFile => ({ ...result, trials: result.trials.map((trial) => ({ ...trial, telemetry })) })

const gpuTelemetry = (clock: number, reasons: string[]): TrialTelemetry => ({
  interval_ms: 1000,
  server_metrics: { 'vllm:kv_cache_usage_perc': { kind: 'gauge', mean: 0.5, max: 0.6, last: 0.5 } },
  gpu: [{ index: 0, name: 'NVIDIA H100 80GB HBM3', utilization_pct: { mean: 87, max: 100 }, memory_used_mib: { max: 71234 }, power_w: { mean: 512.3 }, sm_clock_mhz: { mean: clock, min: clock }, temperature_c: { max: 71 }, throttle_reasons: reasons }],
  samples: []
})

function report(baseline: ResultFile, current: ResultFile) {
  const comparison = compareResults(baseline, current, loadThresholds('pr'))
  return { markdown: renderMarkdown({ comparison, baseline, current }), text: renderText({ comparison, baseline, current }) }
}

describe('the telemetry in the comparison report', () => {
  test('without telemetry on either side, the report has no telemetry section', () => {
    const { markdown, text } = report(side(1, 1), side(2, 1.3))
    expect(markdown.sections.map((section) => section.title)).not.toContain('telemetry')
    expect(markdown.sections.map((section) => section.title)).not.toContain('likely cause')
    expect(text).not.toContain('telemetry')
  })

  test('with telemetry on one side only, the table shows it and no cause is claimed', () => {
    const { markdown } = report(side(1, 1), withTelemetry(side(2, 1.3), gpuTelemetry(1410, ['sw_thermal'])))
    const table = markdown.sections.find((section) => section.title === 'telemetry')!.text
    expect(table).toMatch(/\| SM clock, mean \/ min +\| +— \| +1,410 \/ 1,410 MHz \|/)
    expect(markdown.sections.map((section) => section.title)).not.toContain('likely cause')
  })

  test('the likely cause sits beside the reasons, and text from a result file is escaped', () => {
    const { markdown } = report(withTelemetry(side(1, 1), gpuTelemetry(1755, [])), withTelemetry(side(2, 1.3), gpuTelemetry(1410, ['sw_thermal', '<img src=x>'])))
    const titles = markdown.sections.map((section) => section.title)
    expect(titles.indexOf('likely cause')).toBe(titles.indexOf('reasons and notes') + 1)
    const body = joinReport(markdown)
    expect(body).toMatch(/- TPOT p50 \+\d+\.\d%[^\n]*: SM clock 1,755 → 1,410 MHz with thermal throttling/)
    expect(body).not.toContain('<img')
  })

  test('means read with one decimal on both sides, even where one happens to be whole; maxima and counts as they are', () => {
    const running = (mean: number): TrialTelemetry => ({ interval_ms: 1000, server_metrics: { 'vllm:num_requests_running': { kind: 'gauge', mean, max: 8, last: 0 } }, samples: [] })
    const rows = telemetryRows(digestTelemetry(withTelemetry(side(1, 1), running(4))), digestTelemetry(withTelemetry(side(2, 1), running(3.98))))
    expect(rows).toContainEqual(['requests running, mean / max', '4.0 / 8', '4.0 / 8'])
    const gpu = telemetryRows(digestTelemetry(withTelemetry(side(1, 1), gpuTelemetry(1755, []))), null)
    expect(gpu).toContainEqual(['GPU utilization, mean', '87.0%', '—'])
    expect(gpu).toContainEqual(['GPU power, mean', '512 W', '—'])
    expect(gpu).toContainEqual(['GPU memory used, peak', '71,234 MiB', '—'])
  })
})
