import { describe, expect, test } from 'vitest'
import type { Comparison } from '../../src/compare/types.js'
import { historyTrend, type Trend } from '../../src/history/trend.js'
import { historyRecordOf } from '../../src/history/record.js'
import { changesList, describeChange, historyLine, historySections, TREND_COLOURS, trendCharts } from '../../src/report/history-section.js'
import { nightlyResults } from '../helpers/nightly.js'

const runs = nightlyResults({ seed: 3, nights: 20, jobNoise: 0.01, steps: [{ at: 12, ratio: 1.15 }] }).map((result, night) => historyRecordOf(result, { commit: night === 12 ? 'abcdef1234567890' : `${night}`.padStart(7, 'f'), ref: 'refs/heads/main' }))
const METRICS = ['ttft_ms.p50', 'tpot_ms.p50', 'output_throughput', 'error_rate']

describe('the trend', () => {
  const trend = historyTrend(runs, METRICS, { last: 15 })!

  test('holds the last comparable runs and each metric as % worse than its median, throughput turned so that up is worse', () => {
    expect(trend.window.map((run) => run.index)).toEqual(Array.from({ length: 15 }, (_, i) => i + 5))
    const tpot = trend.series.find((series) => series.metric === 'tpot_ms.p50')!
    expect(tpot.values[0]).toBe(runs[5]!.metrics['tpot_ms.p50']!.run)
    expect(tpot.worse_pct[0]).toBeCloseTo(100 * (tpot.values[0]! / tpot.median! - 1), 12)
    const throughput = trend.series.find((series) => series.metric === 'output_throughput')!
    const lastFive = (values: Array<number | null>): number => values.slice(-5).reduce<number>((sum, value) => sum + value!, 0) / 5
    // After the slowdown at run 12: TPOT up, throughput down, both plotted as worse.
    expect(lastFive(tpot.worse_pct)).toBeGreaterThan(3)
    expect(lastFive(throughput.worse_pct)).toBeGreaterThan(3)
  })

  test('lists the change points over every comparable run, not only the shown ones', () => {
    expect(trend.changes.map((change) => [change.metric, change.index])).toEqual([['output_throughput', 12], ['tpot_ms.p50', 12]])
  })
})

describe('the trend as Mermaid', () => {
  const trend = historyTrend(runs, METRICS)!
  const charts = trendCharts(trend)

  test('one line chart for latencies and one for throughputs, each with its palette in the init block and a legend of matching squares', () => {
    expect(charts).toHaveLength(2)
    const [latency, throughput] = charts as [string, string]
    expect(latency).toMatch(/^```mermaid\n%%\{init: \{"themeVariables": \{"xyChart": \{"plotColorPalette": "#0072B2, #E69F00"\}\}\}\}%%\nxychart-beta\n {4}title "synthetic: latency, % worse than the median of runs 0-19"\n {4}x-axis \[0, 1, 2/)
    expect(latency.match(/\n {4}line \[/g)).toHaveLength(2)
    expect(latency).toContain(`${TREND_COLOURS[0]!.square} TTFT p50 (median `)
    expect(latency).toContain(`${TREND_COLOURS[1]!.square} TPOT p50 (median `)
    expect(throughput).toContain('"plotColorPalette": "#0072B2"')
    expect(throughput).toContain('🟦 output throughput')
    // Error rate has its own scale (0 is normal): it is listed, not drawn.
    expect(charts.join('\n')).not.toContain('error rate')
  })

  test('each line has one point per run, and the y axis covers them', () => {
    const latency = charts[0]!
    const [, low, high] = latency.match(/y-axis "% worse" (-?[\d.]+) --> (-?[\d.]+)/)!
    const points = [...latency.matchAll(/line \[([^\]]+)\]/g)].flatMap((match) => match[1]!.split(', ').map(Number))
    expect(points).toHaveLength(2 * 20)
    expect(Math.min(...points)).toBeGreaterThanOrEqual(Number(low))
    expect(Math.max(...points)).toBeLessThanOrEqual(Number(high))
  })

  test('a title from the history file cannot break out of the chart', () => {
    const hostile: Trend = { ...trend, workload: 'chat"\n```\n<img src=x>' }
    const [chart] = trendCharts(hostile)
    expect(chart!.split('\n')[3]).toBe('    title "chat_______img src_x_: latency, % worse than the median of runs 0-19"')
  })
})

describe('the change points and the job-to-job line', () => {
  const trend = historyTrend(runs, ['tpot_ms.p50'])!

  test('a change names its size, run, commit, date, ref and p-value', () => {
    expect(describeChange(trend.changes[0]!, false)).toMatch(/^TPOT p50 \+1\d\.\d% \(worse\) from run 12 \(abcdef1, 2026-11-13, refs\/heads\/main\): \d\.\d\d ms → \d+\.\d+ ms, p = 0\.001\d*, over 12 runs before and 8 after$/)
    expect(describeChange(trend.changes[0]!, true)).toContain('(`abcdef1`, 2026-11-13, refs/heads/main)')
    expect(changesList({ ...trend, changes: [] }, true)).toBe('No change point in 20 comparable runs (E-divisive means, permutation test at p ≤ 0.005).')
  })

  const comparison = (history: Comparison['history'], verdict: Comparison['verdict'] = 'pass'): Comparison => ({ verdict, metrics: [{ metric: 'tpot_ms.p50', gate: 'fail', job_variation: { spread_pct: 4.23 } }], history } as unknown as Comparison)

  test('says how many runs are missing when the history is too short', () => {
    expect(historyLine(comparison({ source: 'h.jsonl', runs: 9, comparable: 5, needed: 8, used: false }), false)).toBe('History: 5 comparable past runs (same workload hash and hardware) of 9 in h.jsonl; 3 more are needed before job-to-job variation counts in the verdict, which rests on the trial-level tests alone.')
  })

  test('names the spread of each gated metric, and what the verdict would have been without it', () => {
    expect(historyLine(comparison({ source: 'h.jsonl', runs: 14, comparable: 12, needed: 8, used: true, verdict_without_history: 'fail' }), true)).toBe('Job-to-job variation from 12 comparable past runs (same workload hash and hardware) of 14 in `h.jsonl`; spread of one job: TPOT p50 ±4.23%. Without them the verdict would have been fail.')
    expect(historyLine({ ...comparison(undefined) }, true)).toBeNull()
  })

  test('the report sections: the line, the trend and the change points', () => {
    const sections = historySections(comparison({ source: 'h', runs: 14, comparable: 12, needed: 8, used: true, verdict_without_history: 'pass' }), trend)
    expect(sections.map((section) => section.title)).toEqual(['job-to-job variation', 'trend', 'change points'])
    expect(sections[1]!.text).toMatch(/^\*\*Trend of `synthetic`\*\* over its last 20 comparable runs\n\n```mermaid/)
  })
})
