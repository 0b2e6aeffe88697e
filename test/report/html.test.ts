import { describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult, type SyntheticSpec } from '../../bench/synthetic-results.js'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import type { Verdict } from '../../src/compare/types.js'
import { VERDICT_HEAD } from '../../src/report/format.js'
import type { PageData } from '../../src/report/html/charts.js'
import { bucketPercentiles, minMaxPerBucket, percentileCurve } from '../../src/report/html/downsample.js'
import { chartSections, embedJson, renderHtml } from '../../src/report/html/page.js'
import { toComparable } from '../../src/result/columns.js'
import type { ResultFile } from '../../src/result/types.js'
import { percentile } from '../../src/stats/percentile.js'

const side = (overrides: Partial<SyntheticSpec>): ResultFile => syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 3, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 }, ...overrides })

function pageFor(baseline: ResultFile, current: ResultFile): { html: string; data: PageData; verdict: Verdict } {
  const comparison = compareResults(baseline, current, loadThresholds('pr'))
  const html = renderHtml({ comparison, baseline, current, labels: { baseline: 'main', current: 'pr' } })
  const json = /<script type="application\/json" id="lpg-data">(.*?)<\/script>/s.exec(html)![1]!
  return { html, data: JSON.parse(json) as PageData, verdict: comparison.verdict }
}

describe('the HTML report page', () => {
  const baseline = side({ seed: 1 })
  const current = side({ seed: 2, slowdown: { ttft: 1, tpot: 1.3 } })
  const { html, data, verdict } = pageFor(baseline, current)

  test('the verdict and the gated table are in the page itself, before any script runs', () => {
    const head = VERDICT_HEAD[verdict]
    expect(html).toContain(`<h1 class="verdict verdict-${verdict}">${head.symbol} llm-perf-gate: <strong>${head.word}</strong> in <code>synthetic</code> — `)
    expect(html).toMatch(/<th>metric<\/th>.*>tolerance<\/th><th>gate<\/th><th>status<\/th>/s)
  })

  test('distributions and per-trial time series, both sides, every series with points', () => {
    expect(data.sections.map((s) => s.id)).toEqual(['distributions', 'over-time'])
    const overTime = data.sections[1]!
    expect(overTime.views.map((v) => v.label)).toEqual(['trial 1', 'trial 2', 'trial 3'])
    expect(overTime.views[0]!.charts.map((c) => c.title)).toEqual(['TTFT by send time', 'ITL over time', 'Output tokens/s', 'Requests in flight'])
    for (const chart of [...data.sections[0]!.views[0]!.charts, ...overTime.views[0]!.charts]) {
      expect(new Set(chart.series.map((s) => s.side)), chart.title).toEqual(new Set(['baseline', 'candidate']))
      for (const series of chart.series) expect(series.x.length, `${chart.title} ${series.label}`).toBeGreaterThan(0)
    }
  })

  test('the percentile curves pass through the pooled percentiles the summary reports', () => {
    const tpot = data.sections[0]!.views[0]!.charts.find((c) => c.title === 'TPOT by percentile')!.series.find((s) => s.side === 'candidate')!
    const p50 = tpot.y[tpot.x.findIndex((x) => x >= 2)]!
    expect(p50).toBeCloseTo(current.summary.tpot_ms.p50!, 1)
  })

  test('a baseline read in columns draws its time series as the records would, from the columns', () => {
    const comparison = compareResults(baseline, current, loadThresholds('pr'))
    const fromRecords = chartSections({ comparison, baseline, current })
    const fromColumns = chartSections({ comparison, baseline: toComparable(baseline), current })
    expect(fromColumns).toEqual(fromRecords)
    expect(fromColumns.find((s) => s.id === 'over-time')!.views[0]!.charts[0]!.series.map((s) => s.side)).toEqual(['baseline', 'candidate'])
  })

  test('without per-request columns (results in columns made before they existed) the time series draw the other side and say so', () => {
    const comparison = compareResults(baseline, current, loadThresholds('pr'))
    const columns = toComparable(baseline)
    const withoutSeries = { ...columns, trials: columns.trials.map((trial) => ({ ...trial, columns: { ...trial.columns, series: undefined } })) }
    const sections = chartSections({ comparison, baseline: withoutSeries, current })
    const overTime = sections.find((s) => s.id === 'over-time')!
    expect(overTime.note).toContain('baseline result was read without its request records')
    expect(overTime.views[0]!.charts[0]!.series.map((s) => s.side)).toEqual(['candidate'])
  })

  test('telemetry samples, sweep curves and a history trend each add their section when given', () => {
    const withSamples = structuredClone(current) as ResultFile & { trials: Array<{ telemetry?: unknown }> }
    withSamples.trials[0]!.telemetry = { interval_ms: 1000, samples: [0, 1000, 2000].map((t, i) => ({ t_ms: t, server_metrics: { 'vllm:num_requests_running': i, 'vllm:kv_cache_usage_perc': 0.5 }, gpu: [{ index: 0, utilization_pct: 90 + i, memory_used_mib: null, power_w: null, sm_clock_mhz: null, temperature_c: null, throttle_reasons: [] }] })) }
    const comparison = compareResults(baseline, withSamples, loadThresholds('pr'))
    const sections = chartSections({
      comparison,
      baseline,
      current: withSamples,
      sweep: { loadKind: 'concurrency', metrics: [{ metric: 'TPOT p99', unit: 'ms', baseline: [{ load: 1, value: 5 }, { load: 8, value: 9 }], candidate: [{ load: 1, value: 6 }] }] },
      history: { metrics: [{ metric: 'TPOT p50', unit: 'ms', runs: [{ label: 'abc1234', value: 7.9 }, { label: 'def5678', value: 8.0 }], candidate: 10.5 }] }
    })
    expect(sections.map((s) => s.id)).toEqual(['distributions', 'over-time', 'telemetry', 'sweep', 'history'])
    const telemetry = sections.find((s) => s.id === 'telemetry')!
    expect(telemetry.views.map((v) => v.label)).toEqual(['trial 1'])
    expect(telemetry.views[0]!.charts.map((c) => c.title)).toEqual(['vllm:num_requests_running', 'vllm:kv_cache_usage_perc', 'gpu0 utilization_pct'])
    expect(telemetry.views[0]!.charts[0]!.series[0]).toMatchObject({ side: 'candidate', x: [0, 1, 2], y: [0, 1, 2] })
  })

  test('text from result files is escaped, and the embedded data cannot close its script element', () => {
    const hostile = '</script><img src=x onerror=alert(1)>'
    const { html: page } = pageFor(side({ seed: 1, model: hostile }), side({ seed: 2, model: hostile }))
    expect(page).not.toContain('<img')
    expect(page).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;')
    expect(embedJson({ label: hostile })).not.toContain('<')
    expect(JSON.parse(embedJson({ label: hostile }))).toEqual({ label: hostile })
  })

  test('nothing outside the file is referenced, and the policy forbids loading anything', () => {
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i)
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i)
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+';/)
  })
})

describe('drawing fewer points, never other numbers', () => {
  test('min/max per bucket keeps every point below the limit, and each bucket\'s extremes above it', () => {
    const x = Array.from({ length: 10_000 }, (_, i) => i)
    const y = x.map((i) => (i === 4321 ? 1000 : i === 777 ? -50 : Math.sin(i)))
    expect(minMaxPerBucket(x.slice(0, 100), y.slice(0, 100), 200).x).toHaveLength(100)
    const thinned = minMaxPerBucket(x, y, 1000)
    expect(thinned.x.length).toBeLessThanOrEqual(1000)
    expect(thinned.y).toContain(1000)
    expect(thinned.y).toContain(-50)
    expect([...thinned.x].sort((a, b) => a - b)).toEqual(thinned.x)
  })

  test('bucket percentiles: each bucket from its own values, an empty bucket a gap', () => {
    const t = [10, 20, 30, 250, 260]
    const values = [1, 2, 3, 100, 200]
    const result = bucketPercentiles(t, values, 400, 4, [50, 100])
    expect(result.counts).toEqual([3, 0, 2, 0])
    expect(result.percentiles[0]).toEqual([2, null, 150, null])
    expect(result.percentiles[1]).toEqual([3, null, 200, null])
  })

  test('the percentile curve runs from the minimum to the highest percentile the sample supports', () => {
    const sorted = Float64Array.from({ length: 1000 }, (_, i) => i)
    const curve = percentileCurve(sorted, 300)
    expect(curve.x).toHaveLength(301)
    expect(curve.y[0]).toBe(0)
    expect(curve.x.at(-1)).toBe(1000)
    expect(curve.y.at(-1)).toBeCloseTo(percentile(sorted, 99.9), 0)
  })
})
