import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { compareCommand } from '../../src/commands/compare.js'
import { historyAppendCommand, historyDetectCommand, historyShowCommand } from '../../src/commands/history.js'
import { InputError } from '../../src/errors.js'
import { nightlyResults, recordingIo } from '../helpers/nightly.js'

const dir = mkdtempSync(join(tmpdir(), 'lpg-history-command-'))
const historyPath = join(dir, 'perf-history.jsonl')
const resultPath = (night: number): string => join(dir, `night-${night}.result.json`)
const sha = (night: number): string => `${night}`.padStart(2, '0').repeat(20)

beforeAll(async () => {
  // 24 nights with a 12% TPOT step at night 16, appended as a nightly job would.
  nightlyResults({ seed: 11, nights: 24, jobNoise: 0.02, steps: [{ at: 16, ratio: 1.12 }] }).forEach((result, night) => writeFileSync(resultPath(night), JSON.stringify(result)))
  for (let night = 0; night < 24; night++) {
    expect(await historyAppendCommand({ history: historyPath, result: resultPath(night) }, recordingIo({ GITHUB_SHA: sha(night), GITHUB_REF: 'refs/heads/main' }))).toBe(0)
  }
})

describe('history append', () => {
  test('one line per run, commit and ref from the Actions environment; the same result again is not appended', async () => {
    const lines = readFileSync(historyPath, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(24)
    expect(JSON.parse(lines[5]!)).toMatchObject({ schema: 'llm-perf-gate/history@1', commit: sha(5), ref: 'refs/heads/main' })
    const io = recordingIo()
    expect(await historyAppendCommand({ history: historyPath, result: resultPath(3), commit: 'other' }, io)).toBe(0)
    expect(io.err()).toContain('already holds this run')
    expect(readFileSync(historyPath, 'utf8').trim().split('\n')).toHaveLength(24)
  })

  test('--commit and --ref win over the environment; a new file is created', async () => {
    const path = join(dir, 'new.jsonl')
    const io = recordingIo({ GITHUB_SHA: 'env-sha' })
    await historyAppendCommand({ history: path, result: resultPath(0), commit: 'given', ref: 'v2' }, io)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ commit: 'given', ref: 'v2' })
    expect(io.err()).toMatch(/^appended run sha256:[0-9a-f]{24} of synthetic at given to .*new\.jsonl \(1 run of this workload, 1 in all\)\n$/)
  })
})

describe('history detect', () => {
  test('--format json prints the changes@1 document: the TPOT step at night 16 with its commit, size and p-value', async () => {
    const io = recordingIo()
    expect(await historyDetectCommand({ history: historyPath, format: 'json', metric: ['tpot_ms.p50', 'ttft_ms.p50'] }, io)).toBe(0)
    const document = JSON.parse(io.out()) as { schema: string; changes: Array<Record<string, unknown>> }
    expect(document.schema).toBe('llm-perf-gate/changes@1')
    expect(document.changes).toHaveLength(1)
    const [change] = document.changes
    expect(change).toMatchObject({ metric: 'tpot_ms.p50', commit: sha(change!.index as number), worse: true })
    expect(Math.abs((change!.index as number) - 16)).toBeLessThanOrEqual(1)
    expect(Object.keys(change!)).toEqual(expect.arrayContaining(['metric', 'index', 'commit', 'before', 'after', 'delta_pct', 'p_value', 'created_at']))
    expect(change!.p_value).toBeLessThanOrEqual(0.005)
  })

  test('text names each change; by default the metrics the nightly preset gates are followed', async () => {
    const io = recordingIo()
    await historyDetectCommand({ history: historyPath }, io)
    expect(io.out()).toMatch(/^synthetic: 24 runs, 24 comparable with the newest/)
    expect(io.out()).toMatch(/\n {2}TPOT p50 \+1\d\.\d% \(worse\) from run 1[5-7] \(\d{7}, 2026-11-1\d, refs\/heads\/main\)/)
    expect(io.out()).toMatch(/\n {2}output throughput −\d+\.\d% \(worse\) from run 1[5-7]/)
  })

  test('corrupt lines are warned about by file and line number, and the rest is still analysed', async () => {
    const path = join(dir, 'corrupt.jsonl')
    writeFileSync(path, readFileSync(historyPath, 'utf8'))
    appendFileSync(path, '{"schema": "llm-perf-gate/history@1"\nnot json\n')
    const io = recordingIo()
    await historyDetectCommand({ history: path, format: 'json', metric: ['tpot_ms.p50'] }, io)
    expect(io.err()).toContain(`warning: ${path} line 25: `)
    expect(io.err()).toContain(`warning: ${path} line 26: not valid JSON`)
    expect((JSON.parse(io.out()) as { changes: unknown[] }).changes).toHaveLength(1)
  })
})

describe('history show', () => {
  test('text lists the last runs with the followed metrics', async () => {
    const io = recordingIo()
    await historyShowCommand({ history: historyPath, metric: ['tpot_ms.p50'], last: 3 }, io)
    const lines = io.out().trim().split('\n')
    expect(lines[0]).toBe('synthetic: 24 runs, 24 comparable with the newest (same workload hash and hardware)')
    expect(lines[1]).toMatch(/^ {2}run +date +commit +TPOT p50$/)
    expect(lines.slice(2).map((line) => line.trim().split(/\s+/).slice(0, 3))).toEqual([21, 22, 23].map((night) => [String(night), `2026-11-${night + 1}`, sha(night).slice(0, 7)]))
  })

  test('markdown draws the trend and lists the change points; json is the trend data', async () => {
    const markdown = recordingIo()
    await historyShowCommand({ history: historyPath, format: 'markdown', metric: ['tpot_ms.p50'] }, markdown)
    expect(markdown.out()).toContain('```mermaid\n%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#0072B2"}}}}%%\nxychart-beta')
    expect(markdown.out()).toContain('Change points (E-divisive means, permutation test):\n- TPOT p50 +')
    const json = recordingIo()
    await historyShowCommand({ history: historyPath, format: 'json', metric: ['tpot_ms.p50'], last: 5 }, json)
    const document = JSON.parse(json.out()) as { schema: string; workloads: Array<{ workload: string; window: unknown[]; series: Array<{ metric: string; values: number[] }> }> }
    expect(document.schema).toBe('llm-perf-gate/history-show@1')
    expect(document.workloads[0]!.window).toHaveLength(5)
    expect(document.workloads[0]!.series[0]!.values).toHaveLength(5)
  })

  test('a workload, metric or format the history does not have is an input error that lists what it has', async () => {
    await expect(historyShowCommand({ history: historyPath, workload: 'chat' }, recordingIo())).rejects.toThrow(`--workload: ${historyPath} holds no run of "chat"; it holds "synthetic"`)
    await expect(historyShowCommand({ history: historyPath, metric: ['tpot.p50'] }, recordingIo())).rejects.toThrow(/--metric: got "tpot\.p50"; expected one of ttft_ms\.mean, /)
    await expect(historyDetectCommand({ history: historyPath, format: 'csv' }, recordingIo())).rejects.toThrow(InputError)
    await expect(historyDetectCommand({ history: join(dir, 'none.jsonl') }, recordingIo())).rejects.toThrow(/history .*none\.jsonl: cannot read it \(ENOENT\)/)
  })
})

describe('compare --history', () => {
  test('the comparison JSON carries the history summary and each metric its job-to-job spread', async () => {
    const io = recordingIo()
    const out = join(dir, 'comparison.json')
    await compareCommand({ baseline: resultPath(22), current: resultPath(23), history: historyPath, format: 'json', out }, io)
    const comparison = JSON.parse(readFileSync(out, 'utf8')) as { history: Record<string, unknown>; metrics: Array<{ metric: string; job_variation?: { spread_pct: number; runs: number } }> }
    // The current run is in the history already: it is not its own past.
    expect(comparison.history).toMatchObject({ source: historyPath, runs: 24, comparable: 23, used: true })
    const tpot = comparison.metrics.find((m) => m.metric === 'tpot_ms.p50')!
    expect(tpot.job_variation!.runs).toBe(23)
    expect(tpot.job_variation!.spread_pct).toBeGreaterThan(0.5)
  })

  test('markdown adds the trend of the gated metrics; text says how many runs it rested on', async () => {
    const markdown = recordingIo()
    await compareCommand({ baseline: resultPath(22), current: resultPath(23), history: historyPath, format: 'markdown' }, markdown)
    expect(markdown.out()).toContain('**Trend of `synthetic`** over its last 24 comparable runs')
    expect(markdown.out()).toContain('Job-to-job variation from 23 comparable past runs')
    const text = recordingIo()
    await compareCommand({ baseline: resultPath(22), current: resultPath(23), history: historyPath }, text)
    expect(text.out()).toContain('- Job-to-job variation from 23 comparable past runs (same workload hash and hardware) of 24 in ')
  })
})
