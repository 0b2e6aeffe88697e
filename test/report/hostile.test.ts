import { describe, expect, test } from 'vitest'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { truncateCommentBody } from '../../src/github/comment-body.js'
import { commentMarker } from '../../src/github/comment.js'
import { formatConsoleSummary } from '../../src/output/console-summary.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { describeLoad } from '../../src/report/shared.js'
import { renderText } from '../../src/report/text.js'
import { hostile, hostileResult } from '../helpers/hostile-result.js'
import { markdownProblems, renderGfm } from '../helpers/markdown-safety.js'

describe('a result file whose every text is hostile', () => {
  const baseline = hostileResult(1)
  const current = hostileResult(2)
  const comparison = compareResults(baseline, current, loadThresholds('pr'))
  const marker = commentMarker('chat-short')
  const report = renderMarkdown({ comparison, baseline, current, labels: { baseline: hostile('label'), current: 'a1b2c3d' }, reproduce: 'npx llm-perf-gate compare --baseline b.json --current c.json' })
  const { body } = truncateCommentBody({ marker, verdict: report.verdict, sections: report.sections })

  test('its load renders as numbers and our own words only', () => {
    expect(describeLoad(current)).toBe('gamma (burstiness ?) ? req/s, at most ? in flight')
  })

  test('the comment renders inert: no HTML, mention, link, image, second marker or heading of its own; every table row intact', () => {
    expect(markdownProblems(body, marker)).toEqual([])
    // The report itself is all there: the verdict, the tables, the folded details.
    const html = renderGfm(body)
    expect(html.match(/<h3>/g)).toHaveLength(1)
    expect(html.match(/<table>/g)!.length).toBeGreaterThanOrEqual(3)
    expect(html).toContain('How to read this')
    // The hostile text is shown, as text.
    expect(html).toContain('model&lt;img src=x onerror=alert(1)&gt;')
  })

  test('the text report and the console summary keep it to one line, without control characters', () => {
    for (const text of [renderText({ comparison, baseline, current }), formatConsoleSummary(current)]) {
      expect(text).not.toMatch(/^::|^# heading|^- item/m)
      expect(text.includes('\u001b') || text.includes('\u202E')).toBe(false)
      expect(text).toContain('workload.name<img src=x onerror=alert(1)> <b>bold</b>')
    }
  })
})
