import { describe, expect, test } from 'vitest'
import { renderSweepReport } from '../../src/commands/compare-sweep.js'
import { compareSweeps } from '../../src/compare/sweep.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { joinReport } from '../../src/report/markdown.js'
import { alignCurves, formatSweepSummary, renderSweepMarkdown, renderSweepText, stepLine } from '../../src/report/sweep-section.js'
import type { SweepFile } from '../../src/result/sweep-types.js'
import { hostile } from '../helpers/hostile-result.js'
import { markdownProblems } from '../helpers/markdown-safety.js'
import { lawSweep } from '../helpers/synthetic-sweep.js'

const LOADS = [1, 2, 4, 6, 8, 12]
const law = (seed: number, factor = 1, loads = LOADS): SweepFile => lawSweep({ baseMs: 4, perStreamMs: 0.5, factor, noise: 0.02, trialDrift: 0.03, seed, loads, trials: 3, requests: 40 })
const input = (baseline: SweepFile, current: SweepFile) => ({ comparison: compareSweeps(baseline, current, loadThresholds('release')), baseline, current, labels: { baseline: 'main', current: 'abc1234' } })

describe('the Markdown report of two sweeps', () => {
  const report = joinReport(renderSweepMarkdown(input(law(1), law(2, 1.3))))

  test('leads with the verdict on capacity at SLO and each side\'s capacity', () => {
    expect(report.split('\n')[0]).toMatch(/^### ❌ llm-perf-gate: \*\*regression\*\* in `law` — capacity at SLO −\d+\.\d% \(tolerance 5%\)$/)
    expect(report).toMatch(/- \*\*baseline\*\* capacity: concurrency 6\.\d+ \(95% CI [\d.]+–[\d.]+\), limited by latency \(TPOT p99\), [\d.]+ req\/s/)
    expect(report).toMatch(/\| capacity at SLO \| +6\.\d\d \| +[23]\.\d\d \| \*\*−\d+\.\d%\*\* \|/)
  })

  test('draws both latency and throughput curves against load, in contrasting colours named in a legend, with the SLO as a line', () => {
    const charts = report.match(/```mermaid[\s\S]*?```\n.*/g)!
    expect(charts).toHaveLength(2)
    expect(charts[0]).toContain('%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#6e7781, #0969da, #cf222e"}}}}%%')
    expect(charts[0]).toContain('x-axis "concurrency" [1, 2, 4, 6, 8, 12]')
    expect(charts[0]).toContain('line [7.5, 7.5, 7.5, 7.5, 7.5, 7.5]')
    expect(charts[0]).toMatch(/— baseline \(grey\) — candidate \(blue\) — SLO \(red\)$/)
    expect(charts[1]).toContain('title "Request throughput (req/s) against load"')
    expect(charts[1]).toMatch(/\n {4}line \[[\d., ]+\]\n {4}line \[[\d., ]+\]\n```/)
  })

  test('lists every step of both sides by load', () => {
    expect(report).toMatch(/\| +6 \| +[\d.]+ ms \| +[\d.]+ \| +100% ✅ \| +[\d.]+ ms \| +[\d.]+ \| +0% ❌ \|/)
  })

  test('stays inert when the files\' texts are hostile', () => {
    const [a, b] = [law(1), law(2, 1.3)]
    for (const sweep of [a, b]) {
      sweep.workload.name = hostile('workload.name')
      sweep.capacity.note = hostile('capacity.note')
      sweep.notes = [hostile('notes')]
    }
    b.capacity.load = null
    const marker = '<!-- llm-perf-gate:law -->'
    const hostileReport = joinReport(renderSweepMarkdown({ ...input(a, b), labels: { baseline: hostile('label'), current: hostile('label') } }), marker)
    expect(markdownProblems(hostileReport, marker)).toEqual([])
  })
})

test('curves over different loads are aligned on every load either ran, the gaps drawn between neighbours', () => {
  const aligned = alignCurves([
    [
      { load: 1, value: 10 },
      { load: 4, value: 40 }
    ],
    [
      { load: 2, value: 5 },
      { load: 8, value: 8 }
    ]
  ])
  expect(aligned).toEqual({ loads: [1, 2, 4, 8], values: [[10, 20, 40, 40], [5, 5, 6, 8]], filled: true })
})

test('the text report names both capacities, the test on the per-trial capacities and each step', () => {
  const text = renderSweepText(input(law(1), law(2, 1.3)))
  expect(text.split('\n')[0]).toMatch(/^❌ REGRESSION: sweep of law \(capacity at SLO −\d+\.\d%\)$/)
  expect(text).toMatch(/test: welch-log on per-trial capacities [\d.]+, [\d.]+, [\d.]+ vs [\d.]+, [\d.]+, [\d.]+; 90% CI −[\d.]+% … −[\d.]+%, p \(Holm\) [<\d.]+, tolerance 5% → ❌ regressed/)
})

test('the HTML report feeds its sweep section both sides\' curves', () => {
  const html = renderSweepReport(input(law(1), law(2, 1.3, [1, 2, 3, 4, 6])), 'html')
  const data = JSON.parse(/<script type="application\/json" id="lpg-data">(.*?)<\/script>/s.exec(html)![1]!) as { sections: Array<{ id: string; views: Array<{ charts: Array<{ title: string; series: Array<{ side: string; x: number[] }> }> }> }> }
  const sweep = data.sections.find((section) => section.id === 'sweep')!
  const titles = sweep.views[0]!.charts.map((chart) => chart.title)
  expect(titles).toEqual(['TPOT p99 against concurrency', 'request throughput against concurrency', 'output throughput against concurrency'])
  expect(sweep.views[0]!.charts[0]!.series.map((s) => [s.side, s.x])).toEqual([
    ['baseline', LOADS],
    ['candidate', [1, 2, 3, 4, 6]]
  ])
  expect(html).toContain('capacity at SLO')
})

test('one sweep in the terminal: each step by load, then the capacity', () => {
  const sweep = law(1)
  const summary = formatSweepSummary(sweep)
  expect(summary).toMatch(/^Sweep of law \(grid, 6 steps, 3 trials each\), SLO met by 99% of requests:\nconcurrency +met SLO +TPOT p99 \(≤ 7\.5\) +req\/s +errors\n +1 +100% +4\.\d+ ms/)
  expect(summary).toMatch(/\n +8 +[\d.]+% +8\.\d+ ms +[\d.]+ +0% +misses \(latency\)\n/)
  expect(summary).toMatch(/Capacity at SLO: concurrency 6\.\d+ \(95% CI/)
  expect(stepLine(sweep.steps[4]!)).toMatch(/^step 5, concurrency 8: misses \(latency\), [\d.]+% met the SLO \(99% needed\), TPOT p99 8\.\d+ ms \(SLO 7\.5 ms\), [\d.]+ req\/s, 0% errors$/)
})
