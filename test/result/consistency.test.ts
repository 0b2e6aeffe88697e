import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { InputError } from '../../src/errors.js'
import { toComparable } from '../../src/result/columns.js'
import { readResultFile, writeJsonFile } from '../../src/result/io.js'
import { readComparableResult } from '../../src/result/load.js'
import type { ResultFile } from '../../src/result/types.js'

// A result's verdict rests on its request records: a file whose records hold impossible values,
// or whose stored summaries contradict them, is an input error naming where, never a comparison.
describe('reading a result checks its records and its summaries against them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lpg-consistency-'))
  const fresh = (): ResultFile => syntheticResult({ ...SERVING_LIKE, seed: 5, trials: 3, requestsPerTrial: 20, slowdown: { ttft: 1, tpot: 1 } })
  let files = 0
  const write = (result: unknown, text = JSON.stringify(result)): string => {
    const path = join(dir, `r${files++}.json`)
    writeFileSync(path, text)
    return path
  }
  const readers = [
    ['in columns (compare, gate, the action)', (path: string) => readComparableResult(path, 'baseline')],
    ['whole (the action\'s compare mode)', (path: string) => readResultFile(path, 'baseline')]
  ] as const

  it.each(readers)('reads a result as a run writes it, %s', (_name, read) => {
    expect(() => read(write(fresh()))).not.toThrow()
  })

  it.each(readers)('names the trial, the request and the field of an impossible value, %s', (_name, read) => {
    const negative = fresh()
    negative.trials[1]!.requests[4]!.ttft_ms = -2
    const path = write(negative)
    expect(() => read(path)).toThrow(InputError)
    expect(() => read(path)).toThrow(`baseline ${path} is not valid:\n  - trials[1].requests[4].ttft_ms: got -2; expected a number of milliseconds from 0 to 1e10, or null`)
    // JSON has no Infinity, but a number beyond a double's range parses to it.
    const huge = write(null, JSON.stringify(fresh()).replace(/"output_tokens":(\d+)/, '"output_tokens":1e400'))
    expect(() => read(huge)).toThrow(/trials\[0\]\.requests\[0\]\.output_tokens: got Infinity \(a number too large for a double\); expected an integer >= 0/)
    const success = fresh()
    success.trials[2]!.requests[0]!.e2e_ms = null
    expect(() => read(write(success))).toThrow(/trials\[2\]\.requests\[0\]\.e2e_ms: got null; ok is true, so the request ended/)
  })

  it.each(readers)('rejects stored summaries that contradict the records, %s', (_name, read) => {
    const counts = fresh()
    counts.trials[0]!.summary.completed += 1
    expect(() => read(write(counts))).toThrow(/trials\[0\]: summary\.completed is 21, but the request records give 20 successful requests/)
    const throughput = fresh()
    throughput.trials[2]!.summary.output_throughput *= 1.5
    expect(() => read(write(throughput))).toThrow(/trials\[2\]: summary\.output_throughput is [\d.]+, but the request records give [\d.]+ over duration_s/)
    const latency = fresh()
    latency.trials[1]!.summary.tpot_ms.count = 3
    expect(() => read(write(latency))).toThrow(/trials\[1\]: summary\.tpot_ms\.count is 3, but the request records give 20 values/)
  })

  it.each(readers)('rejects trials whose summaries count requests the file does not hold, %s', (_name, read) => {
    const stripped = fresh()
    for (const trial of stripped.trials) trial.requests = []
    expect(() => read(write(stripped))).toThrow(/trials\[0\]\.requests is empty, but its summary counts 20 requests; expected the request records/)
  })
})

describe('writeJsonFile', () => {
  it('refuses a result in columns, which holds no request records to read back', () => {
    const result = syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 1, requestsPerTrial: 3, slowdown: { ttft: 1, tpot: 1 } })
    const path = join(mkdtempSync(join(tmpdir(), 'lpg-write-')), 'r.json')
    expect(() => writeJsonFile(path, toComparable(result))).toThrow('a result in columns is never written')
    expect(() => writeJsonFile(path, result)).not.toThrow()
  })
})
