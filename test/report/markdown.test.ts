import { describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult, type SyntheticSpec } from '../../bench/synthetic-results.js'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { COMMENT_BODY_LIMIT, truncateCommentBody } from '../../src/github/comment-body.js'
import { commentMarker } from '../../src/github/comment.js'
import { joinReport, renderMarkdown } from '../../src/report/markdown.js'
import { renderText } from '../../src/report/text.js'

const side = (overrides: Partial<SyntheticSpec>) => syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 }, ...overrides })

function reportFor(overrides: Partial<SyntheticSpec> = {}) {
  const baseline = side({ seed: 1, ...overrides })
  const current = side({ seed: 2, slowdown: { ttft: 1.05, tpot: 1.3 }, ...overrides })
  const comparison = compareResults(baseline, current, loadThresholds('pr'))
  return { comparison, baseline, current, report: renderMarkdown({ comparison, baseline, current, labels: { baseline: 'main@9f8e7d6', current: 'a1b2c3d' }, reproduce: 'npx llm-perf-gate compare --baseline b.json --current c.json' }) }
}

describe('the Markdown report', () => {
  const { comparison, report } = reportFor()
  const body = joinReport(report)

  test('the first line carries the verdict, the workload and the metric that decided it', () => {
    expect(report.verdict).toMatch(/^### ❌ llm-perf-gate: \*\*regression\*\* in `synthetic` — TPOT p50 \+\d+\.\d% \(tolerance 5%\)$/)
  })

  test('one table row per gated metric, with baseline, candidate, delta, interval, adjusted p and a symbol', () => {
    const gated = comparison.metrics.filter((m) => m.gate !== 'off')
    const table = report.sections.find((s) => s.title === 'gated metrics')!.text.split('\n')
    expect(table[0]).toMatch(/\| metric +\| +baseline +\| +candidate +\| +Δ +\| +95% CI +\| +p \(Holm\) +\|/)
    expect(table).toHaveLength(2 + gated.length)
    expect(table.find((row) => row.startsWith('| TPOT p50'))).toMatch(/\*\*\+\d+\.\d%\*\*.*❌/)
  })

  test('a picture of the two distributions as a Mermaid xychart', () => {
    expect(body).toMatch(/```mermaid\nxychart-beta\n {4}title "TPOT quantiles \(ms\)[^\n]*"\n {4}x-axis \[p10, p25, p50, p75, p90, p95, p99\]/)
    expect(body.match(/ {4}line \[/g)).toHaveLength(2)
  })

  test('details are folded away and hold every percentile, validity, environment and the reproduce command', () => {
    const details = report.sections.find((s) => s.title === 'details')!.text
    expect(details.startsWith('<details><summary>')).toBe(true)
    expect(details.trimEnd().endsWith('</details>')).toBe(true)
    for (const needle of ['TTFT p99 (ms)', 'ITL p95 (ms)', 'schedule lag', 'metric definitions version 1', 'npx llm-perf-gate compare --baseline b.json --current c.json']) expect(details).toContain(needle)
  })

  test('how to read it, with the minimum detectable change', () => {
    expect(body).toContain('How to read this: ❌ = worse beyond the tolerance with statistical confidence')
    expect(body).toMatch(/Minimum detectable change at this noise \(80% power\): TTFT p50 ±\d/)
  })

  test('text from the server is escaped', () => {
    const hostile = reportFor({ model: '<img src=x onerror=alert(1)> @org/team' })
    const text = joinReport(hostile.report)
    expect(text).not.toContain('<img')
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(text).not.toMatch(/(^|\s)@org\/team/)
  })

  test('the comment body stays under GitHub limit and keeps the marker and verdict', () => {
    const { body: comment } = truncateCommentBody({ marker: commentMarker('synthetic'), verdict: report.verdict, sections: report.sections })
    expect(comment.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT)
    expect(comment.startsWith(`${commentMarker('synthetic')}\n${report.verdict}`)).toBe(true)
  })
})

describe('the text report', () => {
  test('leads with the verdict and lists each gated metric with its tolerance', () => {
    const { comparison, baseline, current } = reportFor()
    const text = renderText({ comparison, baseline, current })
    expect(text.split('\n')[0]).toMatch(/^❌ REGRESSION: synthetic \(TPOT p50 \+\d/)
    expect(text).toMatch(/TPOT p50 +[\d.]+ ms +[\d.]+ ms +\+\d+\.\d%.*5% +❌/)
  })
})

describe('a report on one ab run', () => {
  test('says the trials were back-to-back pairs and whether they were tested pair by pair', () => {
    const ab = (side: 'baseline' | 'candidate', trials: number): Partial<SyntheticSpec> => ({ trials, sharedDrift: { seed: 5, sd: 0.1 }, pairing: { run: 'r', side } })
    for (const [trials, how] of [
      [12, '12 back-to-back pairs of trials × 200 requests (one `ab` run, tested pair by pair)'],
      [5, '5 back-to-back pairs of trials × 200 requests (one `ab` run)']
    ] as const) {
      const baseline = side({ seed: 1, ...ab('baseline', trials) })
      const current = side({ seed: 2, ...ab('candidate', trials) })
      const comparison = compareResults(baseline, current, loadThresholds('pr'))
      expect(renderMarkdown({ comparison, baseline, current }).sections[0]!.text).toContain(` · ${how} · `)
      expect(renderText({ comparison, baseline, current }).split('\n')[1]).toContain(how.replaceAll('`', ''))
    }
  })
})
