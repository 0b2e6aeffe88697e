import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { InputError } from '../../src/errors.js'
import { readSweepFile, sniffSchema } from '../../src/result/sweep-io.js'
import { lawSweep } from '../helpers/synthetic-sweep.js'

const dir = mkdtempSync(join(tmpdir(), 'lpg-sweep-io-'))
const write = (name: string, text: string): string => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const sweep = lawSweep({ baseMs: 4, perStreamMs: 0.5, seed: 1, loads: [2, 8] })

test('a sweep file reads back as written, each step a valid result', () => {
  const path = write('ok.sweep.json', JSON.stringify(sweep))
  const read = readSweepFile(path)
  expect(read.capacity).toEqual(sweep.capacity)
  expect(read.steps.map((step) => step.result.schema)).toEqual(['llm-perf-gate/result@1', 'llm-perf-gate/result@1'])
})

test('the schema is told from the first bytes: sweep, result, or null for anything else', () => {
  expect(sniffSchema(write('s.json', JSON.stringify(sweep)))).toBe('llm-perf-gate/sweep@1')
  expect(sniffSchema(write('r.json', JSON.stringify(syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 1, trialDrift: 0, slowdown: { ttft: 1, tpot: 1 } }))))).toBe('llm-perf-gate/result@1')
  expect(sniffSchema(write('other.json', '{"name": "x", "schema": "llm-perf-gate/sweep@1"}'))).toBeNull()
  expect(sniffSchema(join(dir, 'missing.json'))).toBeNull()
})

test('a result file, a broken step or a truncated file is an input error naming the file and what is wrong', () => {
  const result = write('r2.json', JSON.stringify(syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 1, trialDrift: 0, slowdown: { ttft: 1, tpot: 1 } })))
  expect(() => readSweepFile(result, 'baseline')).toThrow(InputError)
  expect(() => readSweepFile(result, 'baseline')).toThrow(/baseline .*r2\.json: got a file with schema "llm-perf-gate\/result@1"; expected a sweep file/)
  const broken = structuredClone(sweep)
  ;(broken.steps[1]!.result.trials[0]!.requests[3] as unknown as Record<string, unknown>).ttft_ms = 'fast'
  expect(() => readSweepFile(write('broken.json', JSON.stringify(broken)))).toThrow(/broken\.json steps\[1\]\.result is not valid:\n {2}- trials\[0\]\.requests\[3\]\.ttft_ms: got "fast"; expected a number of milliseconds from 0 to 1e10, or null/)
  expect(() => readSweepFile(write('cut.json', JSON.stringify(sweep).slice(0, 500)))).toThrow(/cut\.json: not valid JSON/)
})
