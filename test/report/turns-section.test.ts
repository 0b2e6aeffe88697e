import { describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { joinReport, renderMarkdown } from '../../src/report/markdown.js'
import { renderText } from '../../src/report/text.js'
import { formatConsoleSummary } from '../../src/output/console-summary.js'
import type { Distribution, ResultFile, TurnSummary } from '../../src/result/types.js'

const dist = (p50: number, p99: number): Distribution => ({ count: 10, mean: p50, stddev: 1, min: p50 / 2, p50, p90: p99, p95: p99, p99, max: p99 })

function withTurns(result: ResultFile, first: number, later: number): ResultFile {
  const turns: TurnSummary = { count: 40, ttft_first_turn_ms: dist(first, first * 2), ttft_later_turns_ms: dist(later, later * 2), by_turn: [] }
  return { ...result, summary: { ...result.summary, conversations: turns } }
}

const side = (seed: number): ResultFile => syntheticResult({ ...SERVING_LIKE, seed, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 } })

describe('reports of conversations', () => {
  const baseline = withTurns(side(1), 80, 5)
  const current = withTurns(side(2), 82, 40)
  const comparison = compareResults(baseline, current, loadThresholds('pr'))

  test('the Markdown report has a TTFT-by-turn table with both sides and the change', () => {
    const section = renderMarkdown({ comparison, baseline, current }).sections.find((s) => s.title === 'TTFT by turn')!
    expect(section.text).toContain('**TTFT by turn**')
    const later = section.text.split('\n').find((line) => line.startsWith('| TTFT later turns p50'))!
    expect(later).toMatch(/\| +5\.00 +\| +40\.0 +\| +\+700\.0% +\|$/)
    expect(section.text).toMatch(/\| conversations +\| +40 +\| +40 +\| +0\.0% +\|/)
  })

  test('the terminal report says first and later turn TTFT of each side in one line', () => {
    expect(renderText({ comparison, baseline, current })).toContain('TTFT p50 by turn: baseline first 80.0 ms, later 5.00 ms; candidate first 82.0 ms, later 40.0 ms')
  })

  test('the console summary of a run adds the conversations and the two medians', () => {
    const text = formatConsoleSummary(current)
    expect(text).toMatch(/Conversations: +40 \(\d+ turns\)/)
    expect(text).toMatch(/Median TTFT first turn \(ms\): +82\.00/)
    expect(text).toMatch(/Median TTFT later turns \(ms\): +40\.00/)
  })

  test('single-turn results show none of it', () => {
    const a = side(1)
    const b = side(2)
    const c = compareResults(a, b, loadThresholds('pr'))
    expect(joinReport(renderMarkdown({ comparison: c, baseline: a, current: b }))).not.toContain('TTFT by turn')
    expect(renderText({ comparison: c, baseline: a, current: b })).not.toContain('by turn')
    expect(formatConsoleSummary(b)).not.toContain('Conversations')
  })
})
