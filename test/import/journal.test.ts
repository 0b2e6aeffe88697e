import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { importCommand } from '../../src/commands/import.js'
import { InputError } from '../../src/errors.js'
import { importJournal } from '../../src/import/journal.js'
import { summarizeRun, summarizeTrial } from '../../src/result/summary.js'
import { readResultFile, writeJsonFile } from '../../src/result/io.js'
import { Journal } from '../../src/result/journal.js'
import { quietIo } from '../helpers/quiet-io.js'

describe('importJournal', () => {
  it('rebuilds the trials a run journaled, with their host load, and marks a trial without its end line interrupted', () => {
    const source = syntheticResult({ ...SERVING_LIKE, seed: 4, trials: 2, requestsPerTrial: 5, slowdown: { ttft: 1, tpot: 1 } })
    const path = join(mkdtempSync(join(tmpdir(), 'lpg-journal-')), 'r.json.journal.jsonl')
    const journal = new Journal(path)
    const host = { cpu_steal: 0.12, client_cpu: 0.4, event_loop_utilization: 0.3 }
    journal.append({ type: 'run', workload: { ...source.workload, trials: 2 }, environment: source.environment, created_at: source.created_at })
    source.trials.forEach((trial, index) => {
      journal.append({ type: 'trial', index, started_at: trial.started_at, url: 'http://127.0.0.1:1', target_rate: null })
      for (const record of trial.requests) journal.append({ type: 'request', trial: index, record })
      if (index === 0) journal.append({ type: 'trial_end', index, interrupted: false, host })
    })
    journal.close(false)

    const result = importJournal(path)
    expect(result.trials.map((trial) => trial.requests.length)).toEqual([5, 5])
    expect(result.trials[0]).toMatchObject({ host })
    expect(result.trials[0]!.interrupted).toBeUndefined()
    expect(result.trials[1]).toMatchObject({ interrupted: true })
    expect(result.trials[1]!.host).toBeUndefined()
    expect(result.interrupted).toBe(true)
  })

  it('reads a journal of several MB a piece at a time, records in any order, into the result the records make', () => {
    const source = syntheticResult({ ...SERVING_LIKE, seed: 6, trials: 3, requestsPerTrial: 3000, slowdown: { ttft: 1, tpot: 1 } })
    const dir = mkdtempSync(join(tmpdir(), 'lpg-journal-big-'))
    const path = join(dir, 'r.json.journal.jsonl')
    const journal = new Journal(path)
    journal.append({ type: 'run', workload: { ...source.workload, trials: 3 }, environment: source.environment, created_at: source.created_at })
    source.trials.forEach((trial, index) => {
      journal.append({ type: 'trial', index, started_at: trial.started_at, url: 'http://127.0.0.1:1', target_rate: null })
      // Finished out of order: every third record late.
      const order = [...trial.requests.filter((_, i) => i % 3 !== 0), ...trial.requests.filter((_, i) => i % 3 === 0)]
      for (const record of order) journal.append({ type: 'request', trial: index, record })
      journal.append({ type: 'trial_end', index, interrupted: false })
    })
    journal.close(false)
    expect(statSync(path).size).toBeGreaterThan(3 * 2 ** 20)

    const result = importJournal(path)
    expect(result.interrupted).toBeUndefined()
    source.trials.forEach((trial, index) => {
      expect(result.trials[index]!.summary).toEqual(summarizeTrial({ records: trial.requests, slo: {}, targetRate: null }).summary)
    })
    expect(result.summary).toEqual(summarizeRun(source.trials, {}))
    const out = join(dir, 'r.json')
    writeJsonFile(out, result)
    const read = readResultFile(out)
    expect(read.trials.map((trial) => trial.requests)).toEqual(source.trials.map((trial) => trial.requests))
  })
})

describe('importJournal checks what it reads', () => {
  const source = syntheticResult({ ...SERVING_LIKE, seed: 5, trials: 1, requestsPerTrial: 3, slowdown: { ttft: 1, tpot: 1 } })
  const lines = (): string[] => [
    JSON.stringify({ type: 'run', workload: { ...source.workload, trials: 1 }, environment: source.environment, created_at: source.created_at }),
    JSON.stringify({ type: 'trial', index: 0, started_at: source.trials[0]!.started_at, url: 'http://127.0.0.1:1', target_rate: 4.5 }),
    ...source.trials[0]!.requests.map((record) => JSON.stringify({ type: 'request', trial: 0, record })),
    JSON.stringify({ type: 'trial_end', index: 0, interrupted: false })
  ]
  const write = (text: string[]): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'lpg-journal-')), 'r.result.json.journal.jsonl')
    writeFileSync(path, `${text.join('\n')}\n`)
    return path
  }
  const messageOf = (path: string): string => {
    try {
      importJournal(path)
    } catch (error) {
      if (error instanceof InputError) return error.message
      throw error
    }
    throw new Error('expected an InputError')
  }

  it('keeps the open loop\'s target rate', () => {
    expect(importJournal(write(lines())).trials[0]!.summary.target_rate).toBe(4.5)
  })

  it('a line that is not JSON, before the last, is an error with its line number', () => {
    const text = lines()
    text[2] = '{"type":"request", oops'
    expect(messageOf(write(text))).toMatch(/^journal .*r\.result\.json\.journal\.jsonl: line 3 is not JSON/)
  })

  it('a last line cut off mid-write is left out, and the result says so', () => {
    const text = lines()
    text[text.length - 1] = text[text.length - 1]!.slice(0, 12)
    const result = importJournal(write(text))
    expect(result.trials[0]!.requests).toHaveLength(3)
    expect(result.notes).toContain(`the journal's last line (${text.length}) was cut off mid-write and is left out`)
  })

  it('a request record of the wrong shape names the line and the field', () => {
    const text = lines()
    const entry = JSON.parse(text[3]!) as { record: Record<string, unknown> }
    delete entry.record.ttft_ms
    entry.record.itl_ms = [1, 'x']
    text[3] = JSON.stringify(entry)
    const message = messageOf(write(text))
    expect(message).toContain('line 4 is not a valid journal entry')
    expect(message).toContain('record.ttft_ms: missing')
    expect(message).toContain('record.itl_ms[1]: got "x"')
  })

  it('an unknown line type is named', () => {
    const text = lines()
    text.splice(2, 0, JSON.stringify({ type: 'surprise' }))
    expect(messageOf(write(text))).toContain('line 3 is not a valid journal entry')
  })

  it('a request of a trial no line started is an error, not silently dropped', () => {
    const text = lines()
    text.splice(1, 1)
    expect(messageOf(write(text))).toContain('line 2 belongs to trial 0, which no earlier trial line started')
  })

  it('a journal that does not begin with its run header is refused', () => {
    expect(messageOf(write(lines().slice(1)))).toContain('line 1 is a trial line; expected the run header first')
  })
})

describe('import --from journal writes where the journal is, under the journal\'s name', () => {
  it('a workload name with a path in it cannot place the result elsewhere', async () => {
    const source = syntheticResult({ ...SERVING_LIKE, seed: 6, trials: 1, requestsPerTrial: 2, slowdown: { ttft: 1, tpot: 1 } })
    const root = mkdtempSync(join(tmpdir(), 'lpg-import-'))
    const dir = join(root, 'a', 'b')
    mkdirSync(dir, { recursive: true })
    const path = join(dir, 'run7.result.json.journal.jsonl')
    const journal = new Journal(path)
    journal.append({ type: 'run', workload: { ...source.workload, name: '../../escaped', trials: 1 }, environment: source.environment, created_at: source.created_at })
    journal.append({ type: 'trial', index: 0, started_at: source.trials[0]!.started_at, url: 'http://127.0.0.1:1', target_rate: null })
    for (const record of source.trials[0]!.requests) journal.append({ type: 'request', trial: 0, record })
    journal.close(false)
    const cwd = process.cwd()
    process.chdir(dir)
    try {
      expect(await importCommand({ from: 'journal', files: [path] }, quietIo())).toBe(0)
    } finally {
      process.chdir(cwd)
    }
    expect(existsSync(join(dir, 'run7.result.json'))).toBe(true)
    expect(existsSync(join(root, 'escaped.result.json'))).toBe(false)
    // A second import would replace the first: refused.
    await expect(importCommand({ from: 'journal', files: [path] }, quietIo())).rejects.toThrow(/run7\.result\.json already exists .*pass --out/)
  })
})
