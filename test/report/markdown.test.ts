import { describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult, type SyntheticSpec } from '../../bench/synthetic-results.js'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { COMMENT_BODY_LIMIT, truncateCommentBody } from '../../src/github/comment-body.js'
import { commentMarker } from '../../src/github/comment.js'
import { escapeKeepingOurLinks } from '../../src/report/format.js'
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

  test('one table row per gated metric, with baseline, candidate, delta, interval, adjusted p, tolerance, gate and status', () => {
    const gated = comparison.metrics.filter((m) => m.gate !== 'off')
    const table = report.sections.find((s) => s.title === 'gated metrics')!.text.split('\n')
    expect(table[0]).toMatch(/^\| metric +\| +baseline +\| +candidate +\| +Δ +\| +95% CI +\| +p \(Holm\) +\| +tolerance +\| +gate +\| +status +\|$/)
    expect(table).toHaveLength(2 + gated.length)
    expect(table.find((row) => row.startsWith('| TPOT p50'))).toMatch(/\*\*\+\d+\.\d%\*\*.*\| +5% +\| +fail +\| ❌ regressed +\|$/)
    expect(table.find((row) => row.startsWith('| error rate'))).toMatch(/\| +\+1\.00 pp +\| +fail +\| ✅ pass +\|$/)
  })

  test('a p99 that 200 requests a trial cannot support is "not enough data" and, with a warn gate, not yellow', () => {
    // The nightly preset warns on TTFT p99, which needs 500 requests a trial (pr warns on p90 instead).
    const baseline = side({ seed: 1 })
    const current = side({ seed: 2, slowdown: { ttft: 1.05, tpot: 1.3 } })
    const nightly = compareResults(baseline, current, loadThresholds('nightly'))
    const p99 = nightly.metrics.find((m) => m.metric === 'ttft_ms.p99')!
    expect(p99).toMatchObject({ gate: 'warn', status: 'inconclusive', insufficient_data: true })
    const rendered = renderMarkdown({ comparison: nightly, baseline, current })
    const row = rendered.sections.find((s) => s.title === 'gated metrics')!.text.split('\n').find((line) => line.startsWith('| TTFT p99'))!
    expect(row).toMatch(/\| warn +\| ➖ not enough data +\|$/)
    expect(row).not.toContain('⚠️')
    expect(joinReport(rendered)).toContain('"Not enough data" = too few requests a trial for that percentile')
  })

  test('a pass whose minimum detectable change exceeds the tolerance says what it could not see', () => {
    const blind = side({ seed: 1, trials: 3 })
    const same = side({ seed: 2, trials: 3 })
    const c = compareResults(blind, same, loadThresholds('pr'))
    const passed = c.metrics.filter((m) => m.status === 'pass' && m.test !== 'threshold' && m.mde_pct !== null && m.mde_pct > m.tolerance_pct!)
    expect(passed.length).toBeGreaterThan(0)
    const table = renderMarkdown({ comparison: c, baseline: blind, current: same }).sections.find((s) => s.title === 'gated metrics')!.text
    for (const m of passed) expect(table).toContain(`✅ pass, but could not see changes under ${m.mde_pct! >= 100 ? Math.round(m.mde_pct!).toLocaleString('en-US') : m.mde_pct!.toFixed(m.mde_pct! >= 10 ? 1 : 2)}%`)
  })

  test('a picture of the two distributions as a Mermaid xychart with contrasting colours and a legend', () => {
    expect(body).toMatch(/```mermaid\n%%\{init: \{"themeVariables": \{"xyChart": \{"plotColorPalette": "#6e7781, #0969da"\}\}\}\}%%\nxychart-beta\n {4}title "TPOT quantiles \(ms\)"\n {4}x-axis \[p10, p25, p50, p75, p90, p95, p99\]/)
    expect(body.match(/ {4}line \[/g)).toHaveLength(2)
    expect(body).toContain('```\n— baseline (grey) — candidate (blue)')
  })

  test('details are folded away and hold every percentile, validity, environment and the reproduce command', () => {
    const details = report.sections.find((s) => s.title === 'details')!.text
    expect(details.startsWith('<details><summary>')).toBe(true)
    expect(details.trimEnd().endsWith('</details>')).toBe(true)
    for (const needle of ['TTFT p99 (ms)', 'ITL p95 (ms)', 'schedule lag', 'metric definitions version 1', 'npx llm-perf-gate compare --baseline b.json --current c.json']) expect(details).toContain(needle)
  })

  test('how to read it, with the minimum detectable change in a paragraph of its own', () => {
    expect(body).toContain('How to read this: ❌ = worse beyond the tolerance with statistical confidence')
    expect(body).toMatch(/\n\nMinimum detectable change at this noise \(80% power\): TTFT p50 ±\d/)
  })

  test("our own link to the baseline's run stays clickable", () => {
    const { comparison: c, baseline, current } = reportFor()
    const linked = renderMarkdown({ comparison: c, baseline, current, labels: { baseline: 'main@9f8e7d6', current: 'a1b2c3d' }, baselineLink: 'https://github.com/o/r/actions/runs/42' })
    expect(linked.sections[0]!.text).toContain('([run](https://github.com/o/r/actions/runs/42))')
    expect(linked.sections[0]!.text).not.toContain('\u200B//')
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
    expect(text).toMatch(/TPOT p50 +[\d.]+ ms +[\d.]+ ms +\+\d+\.\d%.*5% +❌ regressed/)
  })

  test('the table fits a 100-column terminal, with every gated metric of the nightly and release presets', () => {
    for (const preset of ['pr', 'nightly', 'release']) {
      const baseline = side({ seed: 1, trials: 10 })
      const current = side({ seed: 2, trials: 10, slowdown: { ttft: 1.05, tpot: 1.3 } })
      const comparison = compareResults(baseline, current, loadThresholds(preset))
      const text = renderText({ comparison, baseline, current })
      const table = text.split('\n\n')[1]!.split('\n')
      expect(table.length).toBe(1 + comparison.metrics.filter((m) => m.gate !== 'off').length)
      // Emoji take two terminal columns.
      for (const line of table) expect([...line.replace(/\uFE0F/g, '')].reduce((sum, char) => sum + (/\p{Extended_Pictographic}/u.test(char) ? 2 : 1), 0), `${preset}: ${line}`).toBeLessThanOrEqual(100)
    }
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

describe('escaping that keeps our own links', () => {
  test("a link to this repository's run stays clickable; any other URL and mentions stay inert", () => {
    const ours = (url: string): boolean => url.startsWith('https://github.com/o/r/')
    const text = escapeKeepingOurLinks('artifact of run 7 (https://github.com/o/r/actions/runs/7) from https://evil.example/x @team', ours)
    expect(text).toContain('(<https://github.com/o/r/actions/runs/7>)')
    expect(text).not.toContain('https://evil.example')
    expect(text).toContain('@\u200Bteam')
  })
})
