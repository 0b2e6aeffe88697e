import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { summarizeRun, summarizeTrial } from '../../src/result/summary.js'
import { joinReport, renderMarkdown } from '../../src/report/markdown.js'
import { renderText } from '../../src/report/text.js'
import { writeJsonFile } from '../../src/result/io.js'
import { readComparableResult } from '../../src/result/load.js'
import type { RequestError, ResultFile } from '../../src/result/types.js'

const HOSTILE = 'bad `code` | <img src=x onerror=alert(1)> @org/team **bold**'

/** A synthetic result whose first requests in every trial failed as given, its summaries recomputed. */
function withFailures(result: ResultFile, failures: RequestError[]): ResultFile {
  const trials = result.trials.map((trial) => {
    const requests = trial.requests.map((record, r) => {
      const error = failures[r]
      return error === undefined ? record : { ...record, ok: false, ttft_ms: null, e2e_ms: null, tpot_ms: null, itl_ms: [], error }
    })
    return { ...trial, requests, summary: summarizeTrial({ records: requests, slo: {}, targetRate: null }).summary }
  })
  return { ...result, trials, summary: summarizeRun(trials, {}) }
}

function sides() {
  const base = { ...SERVING_LIKE, trials: 3, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 } }
  const baseline = syntheticResult({ ...base, seed: 1 })
  const errors: RequestError[] = [
    ...Array<RequestError>(4).fill({ kind: 'http', status: 500, message: 'CUDA out of memory' }),
    ...Array<RequestError>(2).fill({ kind: 'timeout', timeout: 'idle', message: 'no event for idle_s (30 s) after the first token' }),
    { kind: 'protocol', message: HOSTILE }
  ]
  // The same seven failures in each trial.
  const current = withFailures(syntheticResult({ ...base, seed: 2 }), errors)
  return { baseline, current, comparison: compareResults(baseline, current, loadThresholds('pr')) }
}

describe('reports say why requests failed', () => {
  const { baseline, current, comparison } = sides()

  test('the text report lists the candidate\'s errors by kind, status and message, most frequent first, with counts', () => {
    const text = renderText({ comparison, baseline, current })
    const failed = current.summary.failed
    expect(failed).toBe(21)
    expect(text).toContain(`Errors, candidate: 21 of ${current.summary.sent} requests failed:\n  12× http 500: CUDA out of memory\n  6× timeout (idle): no event for idle_s (30 s) after the first token\n  3× protocol: ${HOSTILE}`)
    expect(text).not.toContain('Errors, baseline')
  })

  test('the Markdown report (the PR comment) lists them with server text escaped', () => {
    const report = renderMarkdown({ comparison, baseline, current })
    const section = report.sections.find((s) => s.title === 'errors')!.text
    expect(section).toContain('- **candidate: 21 of')
    expect(section).toContain('  - 12× http 500: CUDA out of memory')
    const hostileLine = section.split('\n').find((line) => line.includes('3× protocol'))!
    expect(hostileLine).not.toContain('<img')
    expect(hostileLine).toContain('&lt;img')
    expect(hostileLine).toContain('\\|')
    expect(hostileLine).toContain('\\`code\\`')
    expect(hostileLine).toContain('@\u200Borg')
    expect(joinReport(report)).toContain('Why requests failed (most frequent first):')
  })

  test('results read for compare (in columns, without their records) still list their errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-errors-'))
    writeJsonFile(join(dir, 'b.json'), baseline)
    writeJsonFile(join(dir, 'c.json'), current)
    const b = readComparableResult(join(dir, 'b.json'), 'baseline')
    const c = readComparableResult(join(dir, 'c.json'), 'current')
    const text = renderText({ comparison: compareResults(b, c, loadThresholds('pr')), baseline: b, current: c })
    expect(text).toContain('  12× http 500: CUDA out of memory')
  })

  test('a report without failures has no errors section', () => {
    const clean = syntheticResult({ ...SERVING_LIKE, trials: 3, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 }, seed: 3 })
    const report = renderMarkdown({ comparison: compareResults(baseline, clean, loadThresholds('pr')), baseline, current: clean })
    expect(report.sections.some((s) => s.title === 'errors')).toBe(false)
  })
})
