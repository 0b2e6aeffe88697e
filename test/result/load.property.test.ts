import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { InputError } from '../../src/errors.js'
import { readResultFile } from '../../src/result/io.js'
import { readComparableResult } from '../../src/result/load.js'
import { oneLine } from '../../src/report/escape.js'
import { joinReport, renderMarkdown } from '../../src/report/markdown.js'
import { renderText } from '../../src/report/text.js'
import type { ResultFile } from '../../src/result/types.js'
import { damagedText, mutated } from '../helpers/mutate.js'

const CASE_MS = 3000
const dir = mkdtempSync(join(tmpdir(), 'lpg-result-prop-'))
let files = 0
const thresholds = loadThresholds('pr')
// Small results keep a run of hundreds of cases within seconds.
const small = (seed: number): ResultFile => syntheticResult({ ...SERVING_LIKE, seed, trials: 2, requestsPerTrial: 6, slowdown: { ttft: 1, tpot: 1 } })
const BASELINE = small(1)
const CURRENT = small(2)

/**
 * Reads `text` both ways `compare` and the action read results: a result, or an InputError naming
 * the file; the two readers agree on which. A result that is read is compared with a valid
 * baseline, which must give a verdict without throwing.
 */
function read(text: string): 'valid' | 'refused' {
  const file = join(dir, `r${files++}.json`)
  writeFileSync(file, text)
  const started = performance.now()
  const attempt = (reader: () => unknown): unknown => {
    try {
      return reader()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      expect(error.message).toContain(file)
      return error
    }
  }
  try {
    const whole = attempt(() => readResultFile(file, 'current result'))
    const columns = attempt(() => readComparableResult(file, 'current result'))
    expect(columns instanceof InputError).toBe(whole instanceof InputError)
    if (columns instanceof InputError) return 'refused'
    const comparison = compareResults(BASELINE, columns as ResultFile, thresholds)
    expect(['pass', 'fail', 'inconclusive', 'incomparable']).toContain(comparison.verdict)
    // And the reports render it: they read the environment, the notes and the errors too.
    const input = { comparison, baseline: BASELINE, current: columns as ResultFile }
    // The name as the console shows any text from a file: control characters dropped (a damaged byte can make one).
    expect(renderText(input)).toContain(oneLine(comparison.current.name))
    expect(joinReport(renderMarkdown(input)).length).toBeGreaterThan(0)
    return 'valid'
  } finally {
    expect(performance.now() - started).toBeLessThan(CASE_MS)
  }
}

describe('the result reader on damaged files: a result, or an InputError naming the file', () => {
  test('results with fields deleted, retyped, blown up or nested deep', () => {
    const seen = new Set<string>()
    // Mutations found before, run first every time: an environment whose GPU list or runner is not what reports read.
    const { runner: _runner, ...withoutRunner } = CURRENT.environment
    const examples: Array<[unknown]> = [[{ ...CURRENT, environment: { ...CURRENT.environment, gpu: { gpu: [] } } }], [{ ...CURRENT, environment: withoutRunner }]]
    fc.assert(
      fc.property(mutated(CURRENT), (input) => {
        seen.add(read(JSON.stringify(input)))
      }),
      { numRuns: 150, examples }
    )
    expect(seen).toEqual(new Set(['valid', 'refused']))
  })

  test('result text cut short, with bytes flipped or junk spliced in', () => {
    const text = JSON.stringify(CURRENT)
    fc.assert(
      fc.property(damagedText(text), (damaged) => {
        read(damaged)
      }),
      // A flipped byte once put a C1 control character into the workload's name, which the console drops.
      { numRuns: 150, examples: [[text.replace('"name":"synthetic"', '"name":"synthe\u0088ic"')]] }
    )
  })

  test('arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expect(read(JSON.stringify(value) ?? 'null')).toBe('refused')
      }),
      { numRuns: 100 }
    )
  })
})

describe('a damaged result never compares as a pass', () => {
  // Five trials a side: enough for the pr preset to pass a clean A/A pair, so "never pass" is not vacuous.
  const five = (seed: number): ResultFile => syntheticResult({ ...SERVING_LIKE, seed, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 } })
  const baseline = five(11)
  const clean = five(12)
  type Trial = ResultFile['trials'][number]
  const poisons: Record<string, (trial: Trial) => Trial> = {
    'no requests': (trial) => ({ ...trial, requests: [] }),
    'every request failed': (trial) => ({ ...trial, requests: trial.requests.map((r) => ({ ...r, ok: false, error: { kind: 'http', status: 500, message: 'boom' } })) }),
    'negative latencies': (trial) => ({ ...trial, requests: trial.requests.map((r) => ({ ...r, ttft_ms: -r.ttft_ms!, tpot_ms: -1, itl_ms: r.itl_ms.map((gap) => -gap) })) }),
    'huge latencies': (trial) => ({ ...trial, requests: trial.requests.map((r) => ({ ...r, ttft_ms: 1e308, e2e_ms: 1e308, tpot_ms: 1e308, itl_ms: r.itl_ms.map(() => 1e308) })) })
  }

  test('the clean pair passes; without its trials the candidate does not', () => {
    expect(compareResults(baseline, clean, thresholds).verdict).toBe('pass')
    const file = join(dir, 'no-trials.json')
    writeFileSync(file, JSON.stringify({ ...clean, trials: [] }))
    try {
      expect(compareResults(baseline, readComparableResult(file, 'current result'), thresholds).verdict).not.toBe('pass')
    } catch (error) {
      expect(error).toBeInstanceOf(InputError)
    }
  })

  // The reader refuses records that contradict their trial's summary or hold impossible values
  // (result/schema.ts, result/consistency.ts), so one poisoned trial of five never passes.
  test('poisoning any of the candidate\'s trials gives anything but a pass', () => {
    const poison = fc.constantFrom(...Object.keys(poisons))
    fc.assert(
      fc.property(fc.array(fc.option(poison, { nil: undefined, freq: 2 }), { minLength: 5, maxLength: 5 }), (plan) => {
        fc.pre(plan.some((name) => name !== undefined))
        const trials = clean.trials.map((trial, index) => (plan[index] === undefined ? trial : poisons[plan[index]]!(trial)))
        const file = join(dir, `p${files++}.json`)
        writeFileSync(file, JSON.stringify({ ...clean, trials }))
        try {
          expect(compareResults(baseline, readComparableResult(file, 'current result'), thresholds).verdict).not.toBe('pass')
        } catch (error) {
          if (!(error instanceof InputError)) throw error
          expect(error.message).toContain(file)
        }
      }),
      { numRuns: 40 }
    )
  })
})
