import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { resolveWorkload, type Workload } from '../../src/config/workload.js'
import { readResultFile, writeJsonFile } from '../../src/result/io.js'
import { Journal } from '../../src/result/journal.js'
import { readComparableResult } from '../../src/result/load.js'
import { attachStore, storeOf } from '../../src/result/trial-records.js'
import type { RequestRecord, ResultFile } from '../../src/result/types.js'
import { writeResultFile } from '../../src/result/writer.js'
import { RecordSink } from '../../src/result/record-sink.js'
import { assembleResult, runWorkload } from '../../src/runner/run.js'
import { parseFaults, startSimulator, type RunningSimulator } from '../../src/simulator/index.js'

const dir = mkdtempSync(join(tmpdir(), 'lpg-writer-'))
let files = 0
const path = (): string => join(dir, `r${files++}.result.json`)
const text = (file: string): string => readFileSync(file, 'utf8')

describe('the streamed result file', () => {
  test('is JSON.stringify of a result held as objects, byte for byte, undefined members left out as it leaves them', () => {
    const result = syntheticResult({ ...SERVING_LIKE, seed: 3, trials: 3, requestsPerTrial: 20, slowdown: { ttft: 1, tpot: 1 } })
    ;(result as unknown as Record<string, unknown>).extra = undefined
    ;(result.trials[0] as unknown as Record<string, unknown>).interrupted = undefined
    const file = path()
    writeResultFile(file, result)
    expect(text(file)).toBe(`${JSON.stringify(result)}\n`)
    // writeJsonFile streams results, and writes anything else as before.
    const viaIo = path()
    writeJsonFile(viaIo, result)
    expect(text(viaIo)).toBe(text(file))
    const comparison = path()
    writeJsonFile(comparison, { verdict: 'pass' }, true)
    expect(text(comparison)).toBe(`${JSON.stringify({ verdict: 'pass' }, null, 2)}\n`)
  })

  test('writes records kept in the journal in id order, whatever order they finished in, multi-byte text at the right offsets', () => {
    const journal = new Journal(join(dir, `j${files++}.journal.jsonl`))
    const workload = resolveWorkload({ name: 'w', url: 'http://127.0.0.1:1', trials: 2, requests: 5, load: { concurrency: 2 }, slo: { ttft_ms: 50 } }, 'w', { env: {} })
    const base = syntheticResult({ ...SERVING_LIKE, seed: 5, trials: 2, requestsPerTrial: 5, slowdown: { ttft: 1, tpot: 1 } })
    const trials = base.trials.map((trial, index) => {
      const sink = new RecordSink(index, journal, workload.spec.slo)
      const records = trial.requests.map((record, id): RequestRecord => ({ ...record, id, finish_reason: id % 2 === 0 ? 'stop ✂ 🚀 é' : 'length' }))
      records[1] = { ...records[1]!, ok: false, error: { kind: 'server', message: 'the stream carried an error: “nope” 💥' } }
      // Finished in the order 3, 0, 4, 1, 2; the first two together, as a worker's batch.
      sink.add([records[3]!, records[0]!], [JSON.stringify(records[3]), JSON.stringify(records[0])])
      for (const id of [4, 1, 2]) sink.add([records[id]!], [JSON.stringify(records[id])])
      return { sink, records }
    })
    // As runTrialOn makes them.
    const stored = trials.map(({ sink }, index) => attachStore({ ...base.trials[index]!, requests: [] }, sink.store))
    const result = assembleResult(workload, base.environment, stored, false, '2026-01-01T00:00:00.000Z')
    const expected = `${JSON.stringify(result)}\n`
    expect(JSON.parse(expected).trials.map((trial: ResultFile['trials'][number]) => trial.requests.map((record) => record.id))).toEqual([[0, 1, 2, 3, 4], [0, 1, 2, 3, 4]])
    const file = path()
    writeResultFile(file, result)
    expect(text(file)).toBe(expected)
    // The journal goes once the result is written; the records are read from the result from then on.
    journal.close(true)
    expect(existsSync(journal.path)).toBe(false)
    expect(result.trials[0]!.requests).toEqual(trials[0]!.records)
    const again = path()
    writeResultFile(again, result)
    expect(text(again)).toBe(expected)
  })
})

describe('a run written as it is written by run', () => {
  let simulator: RunningSimulator
  let workload: Workload

  beforeAll(async () => {
    simulator = await startSimulator({ profile: 'fast', seed: 4, faults: parseFaults('http500=0.1') })
    workload = resolveWorkload({ name: 'writer', url: simulator.url, seed: 2, trials: 2, requests: 30, warmup: 2, load: { concurrency: 6 }, prompts: { input_tokens: 16, output_tokens: 8 } }, 'writer workload', { env: {} })
  })

  afterAll(async () => {
    await simulator?.close()
  })

  test.each([
    ['with a journal', true, false],
    ['with a journal removed before the result is written', true, true],
    ['without a journal', false, false]
  ])('%s, gives the file JSON.stringify of the result gives, which reads back as the same document', async (_, journaled, closedFirst) => {
    const out = path()
    const journal = journaled ? new Journal(`${out}.journal.jsonl`) : null
    const result = await runWorkload(workload, { openJournal: journal === null ? null : () => journal })
    expect(result.trials.every((trial) => storeOf(trial) !== undefined)).toBe(true)
    const expected = `${JSON.stringify(result)}\n`
    if (closedFirst) journal!.close(true)
    writeJsonFile(out, result)
    journal?.close(true)
    expect(text(out)).toBe(expected)
    const read = readResultFile(out)
    expect(read).toEqual(JSON.parse(expected))
    expect(read.trials.flatMap((trial) => trial.requests).filter((record) => !record.ok).length).toBeGreaterThan(0)
    // compare reads it in columns, as it reads the result held in memory.
    const columns = readComparableResult(out, 'result')
    expect(columns.trials.map((trial) => trial.columns.records)).toEqual([30, 30])
  })
})
