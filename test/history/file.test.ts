import { appendFileSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../src/errors.js'
import { appendRecord, capHistory, describeProblems, HISTORY_FILE_LIMIT_BYTES, HISTORY_LINE_LIMIT, parseHistory, readHistory, writeHistory } from '../../src/history/file.js'
import { historyRecordOf } from '../../src/history/record.js'
import { nightlyResults } from '../helpers/nightly.js'

const records = nightlyResults({ seed: 2, nights: 5, jobNoise: 0.02 }).map((result) => historyRecordOf(result, { commit: 'c0ffee' }))
const dir = mkdtempSync(join(tmpdir(), 'lpg-history-file-'))
let files = 0
const fresh = (): string => join(dir, `history-${files++}.jsonl`)

describe('the history file', () => {
  test('append writes one JSON line per run; appending the same run twice does not duplicate it', () => {
    const path = fresh()
    expect(appendRecord(path, records[0]!)).toEqual({ appended: true, runs: 1 })
    expect(appendRecord(path, records[1]!)).toEqual({ appended: true, runs: 2 })
    const again = appendRecord(path, records[0]!)
    expect(again.appended).toBe(false)
    expect(again.appended === false && again.reason).toContain('already holds this run')
    const lines = readFileSync(path, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(JSON.parse(lines[1]!)).toEqual(records[1])
    expect(readHistory(path)).toEqual({ path, records: records.slice(0, 2), problems: [] })
  })

  test('corrupt lines are named by line number and skipped; the others are read', () => {
    const path = fresh()
    const text = [JSON.stringify(records[0]), '{"schema": "llm-perf-gate/history@1", "id": "x"', '', JSON.stringify({ ...records[1], metrics: { 'tpot_ms.p50': { run: 'fast', trials: [] } } }), JSON.stringify(records[2]), JSON.stringify({ ...records[3], schema: 'something-else' }), JSON.stringify(records[0]), JSON.stringify(records[4])].join('\n')
    writeFileSync(path, `${text}\n`)
    const history = readHistory(path)
    expect(history.records.map((record) => record.id)).toEqual([records[0]!.id, records[2]!.id, records[4]!.id])
    expect(history.problems.map((problem) => problem.line)).toEqual([2, 4, 6, 7])
    const warnings = describeProblems(history)
    expect(warnings[0]).toMatch(new RegExp(`^${path.replaceAll('.', '\\.')} line 2: not valid JSON .*; skipped$`))
    expect(warnings[1]).toContain('line 4: metrics.tpot_ms.p50.run: got "fast"')
    expect(warnings[2]).toContain('line 6: schema: got "something-else"; expected "llm-perf-gate/history@1"')
    expect(warnings[3]).toContain('line 7: the same run as line 1')
  })

  test('a line past the length limit is skipped by number, not parsed', () => {
    const history = parseHistory(`${JSON.stringify(records[0])}\n"${'x'.repeat(HISTORY_LINE_LIMIT + 1)}"\n`, 'big.jsonl')
    expect(history.records).toHaveLength(1)
    expect(history.problems).toEqual([{ line: 2, message: expect.stringContaining('beyond the 1048576-character limit') }])
  })

  test('a write cut short loses only its own line: the next append starts a new one', () => {
    const path = fresh()
    appendRecord(path, records[0]!)
    appendFileSync(path, JSON.stringify(records[1]).slice(0, 100))
    appendRecord(path, records[2]!)
    const history = readHistory(path)
    expect(history.records.map((record) => record.id)).toEqual([records[0]!.id, records[2]!.id])
    expect(history.problems.map((problem) => problem.line)).toEqual([2])
  })

  test('a missing file is an input error naming it, or an empty history where one may start', () => {
    const path = join(dir, 'missing.jsonl')
    expect(() => readHistory(path)).toThrow(InputError)
    expect(() => readHistory(path)).toThrow(`history ${path}: cannot read it (ENOENT)`)
    expect(readHistory(path, { missingIsEmpty: true }).records).toEqual([])
  })

  test('a file past the size limit is refused before it is read', () => {
    expect(HISTORY_FILE_LIMIT_BYTES).toBe(64 * 2 ** 20)
    const path = fresh()
    writeFileSync(path, '')
    // A sparse file: the size is what is checked.
    truncateSync(path, HISTORY_FILE_LIMIT_BYTES + 1)
    expect(() => readHistory(path)).toThrow(/beyond the 67108864-byte limit of a history file/)
  })

  test('the cap keeps the newest runs of each workload', () => {
    const other = { ...records[0]!, id: 'sha256:other', workload: { name: 'other', workload_hash: 'sha256:o' } }
    const kept = capHistory([records[0]!, other, ...records.slice(1)], 2)
    expect(kept.map((record) => record.id)).toEqual([other.id, records[3]!.id, records[4]!.id])
    const path = fresh()
    writeHistory(path, kept)
    expect(readHistory(path).records).toEqual(kept)
  })
})
